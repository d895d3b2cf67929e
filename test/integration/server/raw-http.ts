import net from 'node:net';

export interface RawReply {
  /** null when the connection ended (or the time ran out) before a whole response came. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
}

/** A piece of a request to write, or a pause between pieces. */
export type Piece = string | Buffer | { pauseMs: number };

/**
 * Writes `pieces` to a fresh connection as they are, unchecked, and reads one response: the way
 * to send what no HTTP client would. Ends at a whole response, a closed connection, or `timeoutMs`;
 * `abandon` closes the connection after the last piece without waiting for an answer.
 */
export function rawExchange(
  port: number,
  pieces: Piece[],
  options: { timeoutMs?: number; abandon?: boolean } = {},
): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (reply: RawReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(reply);
    };
    const none = (): RawReply => ({ status: null, headers: {}, body: received.toString('latin1') });
    const timer = setTimeout(() => finish(none()), options.timeoutMs ?? 5000);
    socket.on('error', () => finish(parse(received) ?? none()));
    socket.on('close', () => finish(parse(received) ?? none()));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const reply = parse(received);
      if (reply) finish(reply);
    });
    socket.once('connect', () => {
      void (async () => {
        for (const piece of pieces) {
          if (settled || socket.destroyed) return;
          if (typeof piece === 'object' && 'pauseMs' in piece) {
            await new Promise((r) => setTimeout(r, piece.pauseMs));
          } else if (!socket.write(piece)) {
            await new Promise((r) => socket.once('drain', r));
          }
        }
        if (options.abandon) finish(none());
      })().catch(() => finish(none()));
    });
  });
}

/** A whole response in `data` (by Content-Length; an event stream once its headers came), or null. */
function parse(data: Buffer): RawReply | null {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!status) return null;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = data.subarray(end + 4);
  const length = headers['content-length'];
  if (length === undefined && headers['content-type'] !== 'text/event-stream') return null;
  if (length !== undefined && body.length < Number(length)) return null;
  return { status: Number(status[1]), headers, body: body.toString('utf8') };
}
