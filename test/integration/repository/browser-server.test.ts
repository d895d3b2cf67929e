import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { startBrowserServer } from '../../../src-main/server/browser-server.js';
import type { BrowserServer } from '../../../src-main/server/browser-server.js';
import { testCore } from '../../support/core-fixture.js';
import { tempDir } from '../../support/git-fixture.js';

const core = testCore();
let server: BrowserServer;

beforeAll(async () => {
  const rendererDir = path.join(tempDir(), 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Release Desk</title>');
  server = await startBrowserServer({
    core,
    dispatch: createDispatcher({ handlers, isTrusted: (c) => c.kind === 'http' && c.trusted }),
    rendererDir,
  });
});
afterAll(async () => {
  await server.close();
  await core.dispose();
});

/** Raw requests, so Host and Origin can be forged the way an attacker's page or DNS would. */
function request(options: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: options.path,
          method: options.method ?? 'GET',
          headers: options.headers,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    },
  );
}

const own = () => ({ Host: `127.0.0.1:${server.port}`, Origin: `http://127.0.0.1:${server.port}` });

describe('browser mode', () => {
  it('binds 127.0.0.1 and prints a URL with a token', () => {
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`),
    );
  });

  it('rejects an API call without the token (401)', async () => {
    const res = await request({ path: '/api/audit.verify', method: 'POST', headers: own(), body: '{}' });
    expect(res.status).toBe(401);
  });

  it('rejects a wrong token (401)', async () => {
    const res = await request({
      path: '/api/audit.verify',
      method: 'POST',
      headers: { ...own(), 'X-Release-Desk-Token': 'nope' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('rejects a foreign Origin even with the token (403)', async () => {
    const res = await request({
      path: '/api/audit.verify',
      method: 'POST',
      headers: { ...own(), Origin: 'https://evil.example', 'X-Release-Desk-Token': server.token },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('rejects a rebinding Host like evil.example:PORT (403), for pages too', async () => {
    const api = await request({
      path: '/api/audit.verify',
      method: 'POST',
      headers: { Host: `evil.example:${server.port}`, 'X-Release-Desk-Token': server.token },
      body: '{}',
    });
    expect(api.status).toBe(403);
    const page = await request({ path: '/', headers: { Host: `evil.example:${server.port}` } });
    expect(page.status).toBe(403);
  });

  it('serves the page with a strict CSP and answers the page’s own API calls', async () => {
    const page = await request({ path: '/', headers: { Host: `127.0.0.1:${server.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const res = await request({
      path: '/api/audit.verify',
      method: 'POST',
      headers: { ...own(), 'Content-Type': 'application/json', 'X-Release-Desk-Token': server.token },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('does not serve files outside the renderer', async () => {
    const res = await request({ path: '/../../etc/passwd', headers: { Host: `127.0.0.1:${server.port}` } });
    expect(res.status).toBe(404);
  });

  it('streams progress events to the page over SSE, only with the token', async () => {
    const denied = await request({ path: '/api/events', headers: own() });
    expect(denied.status).toBe(401);
    // The token is taken from the header only, never from the URL.
    const inQuery = await request({ path: `/api/events?token=${server.token}`, headers: own() });
    expect(inQuery.status).toBe(401);

    const received = new Promise<string>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/events',
          headers: { ...own(), 'X-Release-Desk-Token': server.token },
        },
        (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (chunk.startsWith(': connected')) {
              server.broadcast({
                job: 'j1',
                kind: 'history',
                message: 'Reading',
                done: 5,
                total: 10,
                finished: false,
              });
            } else if (chunk.startsWith('data:')) {
              resolve(chunk);
              req.destroy();
            }
          });
        },
      );
      req.on('error', reject);
    });
    expect(JSON.parse((await received).slice('data: '.length))).toMatchObject({
      job: 'j1',
      done: 5,
      total: 10,
    });
  });
});
