/**
 * Hands on how `answer` settles unless the returned function ran first. An `$effect` that asks the main
 * process returns it as its cleanup, so an answer to an older question (a previous search, an earlier
 * repository state) never overwrites the answer to a newer one.
 */
export function latest<T>(
  answer: Promise<T>,
  onvalue: (value: T) => void,
  onerror: (error: unknown) => void,
): () => void {
  let stale = false;
  answer.then(
    (value) => {
      if (!stale) onvalue(value);
    },
    (error: unknown) => {
      if (!stale) onerror(error);
    },
  );
  return () => {
    stale = true;
  };
}
