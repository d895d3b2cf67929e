import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ProgressEvent } from '../../shared/domain/progress.js';
import type { Result } from '../../shared/result.js';
import type { Dispatch } from '../api/dispatch.js';
import type { Core } from '../core/context.js';
import { limitConnections } from './connection-limit.js';
import { INTERNAL_MESSAGE, rawError, SECURITY_HEADERS, send, sendError, sendJson } from './replies.js';
import { BodyTooLarge, readBody } from './request-body.js';
import { checkApiRequest, checkHost } from './request-guard.js';
import { readStatic } from './static-files.js';

export interface BrowserServerOptions {
  core: Core;
  dispatch: Dispatch;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Open connections served at once; one more is answered 503. */
  maxConnections?: number;
  /** Where the details of unexpected errors go (the page only learns that one happened). */
  log?: (line: string) => void;
}

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  /** Fans a progress event out to every open page. */
  broadcast: (event: ProgressEvent) => void;
  close: () => Promise<void>;
}

// A page holds a few connections (the event stream, a handful of calls); far fewer than this.
const MAX_CONNECTIONS = 32;
// A client this slow to send its request is not a page on this machine.
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** The request target as a URL: only the origin form (`/path?query`) names something of ours. */
function requestPath(req: http.IncomingMessage): string | null {
  const target = req.url ?? '';
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return decodeURIComponent(new URL(target, 'http://127.0.0.1').pathname);
  } catch {
    return null;
  }
}

/** What the HTTP parser could not read, answered in the same form as every other refusal. */
function clientErrorReply(error: NodeJS.ErrnoException): string {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return rawError(
      431,
      'Request Header Fields Too Large',
      'invalid-input',
      'The request headers are too large.',
    );
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return rawError(408, 'Request Timeout', 'invalid-input', 'The request took too long to arrive.');
  }
  return rawError(400, 'Bad Request', 'invalid-input', 'The request is not valid HTTP.');
}

/** Browser mode: the built renderer and the handler map over HTTP, on 127.0.0.1 only. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  const server = http.createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1000,
    },
    (req, res) => {
      if (refused.has(req.socket)) return;
      handle(req, res).catch((error: unknown) => {
        log(
          `browser mode: ${req.method ?? '?'} failed: ${error instanceof Error ? error.stack : String(error)}`,
        );
        sendError(res, 500, 'internal', INTERNAL_MESSAGE);
      });
    },
  );
  const refused = limitConnections(server, options.maxConnections ?? MAX_CONNECTIONS);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (refused.has(socket) || !socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    socket.end(clientErrorReply(error), () => socket.destroy());
  });
  // Requests Node would otherwise answer in its own words, or drop without an answer.
  const refuseOnSocket = (_req: http.IncomingMessage, socket: Duplex) =>
    socket.end(rawError(400, 'Bad Request', 'invalid-input', 'Only plain HTTP requests are served.'));
  server.on('connect', refuseOnSocket);
  server.on('upgrade', refuseOnSocket);
  server.on('checkExpectation', (_req, res: http.ServerResponse) =>
    sendError(res, 417, 'invalid-input', 'Only "Expect: 100-continue" is understood.'),
  );

  /** An unexpected failure is logged here; the page gets its code and a message for people. */
  function forPage(result: Result<unknown>): Result<unknown> {
    if (result.ok || result.error.code !== 'internal') return result;
    log(`browser mode: internal error: ${result.error.message}`);
    return { ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const pathname = requestPath(req);
    if (pathname === null) {
      return sendError(res, 400, 'invalid-input', 'The request target is not a path on this server.');
    }
    if (!pathname.startsWith('/api/')) {
      const host = checkHost(req, port);
      if (!host.ok) return sendError(res, host.status, 'untrusted-caller', host.message);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendError(res, 405, 'invalid-input', 'Pages are only read (GET).');
      }
      const file = await readStatic(options.rendererDir, pathname);
      if (!file) return sendError(res, 404, 'not-found', 'No such page.');
      return send(res, 200, file.type, file.body);
    }
    const verdict = checkApiRequest(req, port, token);
    if (!verdict.ok) return sendError(res, verdict.status, 'untrusted-caller', verdict.message);
    if (pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method !== 'POST') return sendError(res, 405, 'invalid-input', 'API calls are POST requests.');
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return sendError(res, 413, 'invalid-input', error.message, { close: true });
      return sendError(res, 400, 'invalid-input', 'The request body could not be read.', { close: true });
    }
    let input: unknown;
    try {
      input = body ? JSON.parse(body) : {};
    } catch {
      return sendError(res, 400, 'invalid-input', 'The request body is not JSON.');
    }
    const result = await options.dispatch(pathname.slice('/api/'.length), input, {
      core: options.core,
      caller: { kind: 'http', trusted: true },
      mode: 'browser',
    });
    sendJson(res, 200, forPage(result));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    broadcast(event) {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    close: () =>
      new Promise((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
