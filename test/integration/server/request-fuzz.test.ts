import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzCases } from './fuzz-cases.js';
import { rawExchange } from './raw-http.js';
import type { RawReply } from './raw-http.js';
import { startTestServer } from './server-fixture.js';

const CASES = 10_000;
const AT_ONCE = 12;
// Statuses a refusal may have; a 500 (or no answer) means the guard let something through.
const REFUSALS = new Set([400, 401, 403, 404, 405, 408, 413, 417, 431, 503]);
// What an internal error's text or a stack trace looks like.
const LEAK = /\n\s+at |node:internal|SqliteError|TypeError|RangeError|\/work\//;

let running: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  running = await startTestServer();
});
afterAll(() => running.stop());

/** Why a reply to a malformed request is wrong, or null. */
function fault(reply: RawReply): string | null {
  if (reply.status === null) return 'no answer';
  if (reply.status !== 200 && !REFUSALS.has(reply.status)) return `status ${reply.status}`;
  if (LEAK.test(reply.body)) return `leaks internals: ${reply.body.slice(0, 200)}`;
  if (reply.status === 200) return null;
  try {
    const body = JSON.parse(reply.body) as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
    if (body.ok !== false || typeof body.error?.code !== 'string' || typeof body.error.message !== 'string')
      return `not {code, message}: ${reply.body.slice(0, 200)}`;
  } catch {
    return `not JSON: ${reply.body.slice(0, 200)}`;
  }
  return null;
}

describe('browser mode under 10,000 malformed requests', () => {
  it('answers each with a clean refusal (or survives its sender walking away), then serves a good request', async () => {
    const { server, own } = running;
    const cases = fuzzCases(CASES, server.port, server.token);
    const started = Date.now();
    // Slowloris: partial headers held open until the server gives up on them.
    const stalled = Array.from({ length: 3 }, () =>
      rawExchange(server.port, [`POST /api/audit.verify HTTP/1.1\r\nHost: ${own().Host}\r\nX-Sl`], {
        timeoutMs: 20_000,
      }),
    );
    const faults: string[] = [];
    const statuses = new Map<string, number>();
    let next = 0;
    let answered = 0;
    let abandoned = 0;
    await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        while (next < cases.length) {
          const one = cases[next++]!;
          const reply = await rawExchange(server.port, one.pieces, {
            abandon: one.abandon,
            timeoutMs: 10_000,
          });
          if (one.abandon && reply.status === null) {
            abandoned++;
            continue;
          }
          const wrong = fault(reply);
          if (wrong) faults.push(`${one.family}: ${wrong}`);
          else answered++;
          const key = `${one.family} ${reply.status ?? 'none'}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }
      }),
    );
    const timedOut = await Promise.all(stalled);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `request fuzzer: ${CASES} cases in ${seconds.toFixed(1)} s: ${answered} answered cleanly, ` +
        `${abandoned} walked away from, ${faults.length} faults; slowloris: ${timedOut.map((r) => r.status).join(', ')}\n` +
        [...statuses]
          .sort()
          .map(([key, n]) => `  ${key}: ${n}`)
          .join('\n'),
    );
    expect(faults.slice(0, 20)).toEqual([]);
    expect(answered + abandoned).toBe(CASES);
    expect(timedOut.map((reply) => reply.status)).toEqual([408, 408, 408]);

    const good = await rawExchange(server.port, [
      `POST /api/audit.verify HTTP/1.1\r\nHost: ${own().Host}\r\nX-Release-Desk-Token: ${server.token}\r\nContent-Length: 2\r\n\r\n{}`,
    ]);
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toMatchObject({ ok: true, value: { ok: true } });
  }, 180_000);
});
