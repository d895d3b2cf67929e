const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `job` after every earlier job with the same key has ended (whatever its outcome), so
 * one process never appends or indexes the same repository's ledger twice at once.
 */
export function serial<T>(key: string, job: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(job, job);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}
