import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProgressEvent } from '../../shared/domain/progress.js';
import type { Dispatch } from '../api/dispatch.js';
import type { Core } from '../core/context.js';
import { checkApiRequest, checkHost } from './request-guard.js';
import { readStatic } from './static-files.js';

export interface BrowserServerOptions {
  core: Core;
  dispatch: Dispatch;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  /** Fans a progress event out to every open page. */
  broadcast: (event: ProgressEvent) => void;
  close: () => Promise<void>;
}

const MAX_BODY = 5 * 1024 * 1024;

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Browser mode: the built renderer and the handler map over HTTP, on 127.0.0.1 only. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void handle(req, res, url).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String(error));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (!url.pathname.startsWith('/api/')) {
      const host = checkHost(req, port);
      if (!host.ok) return send(res, host.status, 'text/plain', host.message);
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'text/plain', 'Method not allowed');
      const file = await readStatic(options.rendererDir, url.pathname);
      return file ? send(res, 200, file.type, file.body) : send(res, 404, 'text/plain', 'Not found');
    }
    const verdict = checkApiRequest(req, port, token, url);
    if (!verdict.ok) {
      return send(
        res,
        verdict.status,
        'application/json',
        JSON.stringify({ ok: false, error: { code: 'untrusted-caller', message: verdict.message } }),
      );
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
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
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method not allowed');
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body ? JSON.parse(body) : {};
    } catch {
      return send(
        res,
        400,
        'application/json',
        JSON.stringify({
          ok: false,
          error: { code: 'invalid-input', message: 'The request body is not JSON.' },
        }),
      );
    }
    const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
    const result = await options.dispatch(channel, input, {
      core: options.core,
      caller: { kind: 'http', trusted: true },
      mode: 'browser',
    });
    send(res, 200, 'application/json', JSON.stringify(result));
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
