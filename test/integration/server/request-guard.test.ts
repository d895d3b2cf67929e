import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src-main/server/request-body.js';
import { rawExchange } from './raw-http.js';
import type { RawReply } from './raw-http.js';
import { startTestServer } from './server-fixture.js';

let running: Awaited<ReturnType<typeof startTestServer>> | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

async function start(options: Parameters<typeof startTestServer>[0] = {}) {
  running = await startTestServer(options);
  return running;
}

function head(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function errorOf(reply: RawReply): { code: string; message: string } {
  expect(reply.headers['content-type']).toBe('application/json');
  const body = JSON.parse(reply.body) as { ok: boolean; error: { code: string; message: string } };
  expect(body.ok).toBe(false);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
  return body.error;
}

async function stillAnswers(port: number, host: string): Promise<void> {
  const page = await rawExchange(port, [head(['GET / HTTP/1.1', `Host: ${host}`])]);
  expect(page.status).toBe(200);
}

describe('browser mode refuses bad requests and keeps serving', () => {
  it('answers a request target that is not a path with 400, not a crash', async () => {
    const { server } = await start();
    const host = `127.0.0.1:${server.port}`;
    for (const target of ['http://[', `http://${host}/`, '*', '//evil.example/x', '/%zz', '/api/%E0%A4%A']) {
      const reply = await rawExchange(server.port, [head([`GET ${target} HTTP/1.1`, `Host: ${host}`])]);
      expect(reply.status, target).toBe(400);
      expect(errorOf(reply).code).toBe('invalid-input');
    }
    await stillAnswers(server.port, host);
  });

  it('takes the token from the header only', async () => {
    const { server, own } = await start();
    const call = (path: string, headers: Record<string, string>) =>
      rawExchange(server.port, [
        head([
          `POST ${path} HTTP/1.1`,
          ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
          'Content-Length: 2',
        ]),
        '{}',
      ]);
    const { Host } = own();
    const inQuery = await call(`/api/audit.verify?token=${server.token}`, { Host });
    expect(inQuery.status).toBe(401);
    expect(errorOf(inQuery)).toEqual({
      code: 'untrusted-caller',
      message: 'Missing or wrong token: open the URL printed by release-desk serve.',
    });
    expect((await call('/api/audit.verify', own())).status).toBe(200);
  });

  it('tells the page only that something went wrong, and logs the details', async () => {
    const { server, own, logged } = await start({
      dispatch: (channel) => {
        if (channel === 'throws') throw new Error('SqliteError: disk I/O error at /secret/path');
        return Promise.resolve({
          ok: false,
          error: { code: 'internal', message: 'TypeError: x of /secret/path' },
        });
      },
    });
    const call = (channel: string) =>
      rawExchange(server.port, [
        head([
          `POST /api/${channel} HTTP/1.1`,
          ...Object.entries(own()).map(([k, v]) => `${k}: ${v}`),
          'Content-Length: 0',
        ]),
      ]);
    const crashed = await call('throws');
    expect(crashed.status).toBe(500);
    const failed = await call('fails');
    expect(failed.status).toBe(200);
    for (const reply of [crashed, failed]) {
      expect(reply.body).not.toContain('secret');
      expect(errorOf(reply)).toEqual({
        code: 'internal',
        message:
          'Release Desk met an unexpected error; the terminal running release-desk serve shows the details.',
      });
    }
    expect(logged.join('\n')).toContain('disk I/O error at /secret/path');
    expect(logged.join('\n')).toContain('TypeError: x of /secret/path');
  });

  it('refuses a body over the cap with 413, whether announced or streamed', async () => {
    const { server, own } = await start();
    const headers = Object.entries(own()).map(([k, v]) => `${k}: ${v}`);
    const announced = await rawExchange(server.port, [
      head(['POST /api/audit.verify HTTP/1.1', ...headers, `Content-Length: ${MAX_BODY_BYTES + 1}`]),
    ]);
    expect(announced.status).toBe(413);
    expect(errorOf(announced).message).toBe('The request body is larger than 1024 KiB.');
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pieces = Array.from(
      { length: 20 },
      () => `${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`,
    );
    const streamed = await rawExchange(server.port, [
      head(['POST /api/audit.verify HTTP/1.1', ...headers, 'Transfer-Encoding: chunked']),
      ...pieces,
      '0\r\n\r\n',
    ]);
    expect(streamed.status).toBe(413);
    await stillAnswers(server.port, own().Host);
  });

  it('answers 503 past the cap on connections, and serves again once they close', async () => {
    const { server, own } = await start({ maxConnections: 3 });
    const idle = await Promise.all(
      Array.from(
        { length: 3 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const socket = net.connect(server.port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    const refused = await rawExchange(server.port, [head(['GET / HTTP/1.1', `Host: ${own().Host}`])]);
    expect(refused.status).toBe(503);
    expect(errorOf(refused)).toEqual({
      code: 'refused',
      message: 'Release Desk is already serving 3 connections; try again in a moment.',
    });
    for (const socket of idle) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await stillAnswers(server.port, own().Host);
  });

  it('answers what the HTTP parser cannot read in the same form', async () => {
    const { server, own } = await start();
    const broken = await rawExchange(server.port, ['GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n']);
    expect(broken.status).toBe(400);
    expect(errorOf(broken).message).toBe('The request is not valid HTTP.');
    const huge = await rawExchange(server.port, [
      head(['GET / HTTP/1.1', `Host: ${own().Host}`, `X-Big: ${'b'.repeat(20_000)}`]),
    ]);
    expect(huge.status).toBe(431);
    expect(errorOf(huge).message).toBe('The request headers are too large.');
  });
});
