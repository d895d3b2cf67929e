import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser mode must not be drivable by any other page the user visits: the Host must be our
 * own loopback address (defeats DNS rebinding), a browser's Origin must be our own (defeats
 * cross-site requests), and API calls must carry the per-start token.
 */
export function checkHost(req: IncomingMessage, port: number): GuardVerdict {
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    return { ok: false, status: 403, message: `Forbidden host "${host}".` };
  }
  return { ok: true };
}

/** The token only ever comes in a header: in a URL it would land in history, logs and Referer. */
export function checkApiRequest(req: IncomingMessage, port: number, token: string): GuardVerdict {
  const host = checkHost(req, port);
  if (!host.ok) return host;
  const origin = req.headers.origin;
  if (
    origin !== undefined &&
    origin !== `http://127.0.0.1:${port}` &&
    origin !== `http://localhost:${port}`
  ) {
    return { ok: false, status: 403, message: `Forbidden origin "${origin}".` };
  }
  const header = req.headers['x-release-desk-token'];
  const given = Array.isArray(header) ? header[0] : header;
  if (!sameToken(given ?? null, token)) {
    return {
      ok: false,
      status: 401,
      message: 'Missing or wrong token: open the URL printed by release-desk serve.',
    };
  }
  return { ok: true };
}
