/** Server-sent event frames split from what has arrived: each frame's data, and the unfinished rest. */
export function takeFrames(buffer: string): { data: string[]; rest: string } {
  const frames = buffer.split('\n\n');
  const rest = frames.pop() ?? '';
  const data = frames
    .map((frame) =>
      frame
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice('data:'.length).replace(/^ /, ''))
        .join('\n'),
    )
    .filter((text) => text !== '');
  return { data, rest };
}

const RECONNECT_MS = 1000;

/**
 * Follows a server-sent event stream with fetch rather than EventSource, which cannot send
 * headers: the token goes in a header here as on every other call. Like EventSource, it
 * reconnects after the stream ends or fails; a refusal (wrong token) is not retried.
 */
export function followEvents(
  url: string,
  headers: Record<string, string>,
  onData: (data: string) => void,
): () => void {
  const controller = new AbortController();
  const follow = async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(url, { headers, signal: controller.signal });
        if (!response.ok || !response.body) return;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const { data, rest } = takeFrames(buffer + value);
          buffer = rest;
          data.forEach(onData);
        }
      } catch {
        // The stream broke (or was stopped): try again below unless stopped.
      }
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  };
  void follow();
  return () => controller.abort();
}
