// The Release screen through browser mode: `release-desk serve --no-open` on 127.0.0.1, then the
// calls the page makes when a repository is opened (src-renderer/lib/session.svelte.ts, then
// ReleaseScreen.svelte and the header's WaitingForYou.svelte, side by side), timed from the first
// call to the plan's answer; progress events counted from the page's event stream.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BASE_ENV, CLI } from './measure.mjs';

/** Starts `release-desk serve` on `dataDir`; resolves with a caller of its HTTP API. */
export async function serve(dataDir) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [CLI, 'serve', '--no-open', '--port', '0', '--data-dir', dataDir], {
    env: BASE_ENV,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /running at (\S+)/.exec(out);
      if (match) resolve(new URL(match[1]));
    });
    child.on('exit', () => reject(new Error('release-desk serve stopped')));
  });
  const startMs = Number(process.hrtime.bigint() - started) / 1e6;
  const token = url.searchParams.get('token');
  const call = async (channel, input) => {
    const response = await fetch(new URL(`/api/${channel}`, url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-release-desk-token': token },
      body: JSON.stringify(input),
    });
    const result = await response.json();
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
  const timed = async (channel, input) => {
    const start = process.hrtime.bigint();
    const value = await call(channel, input);
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
  };
  // The page listens to progress events all along; counted here to see that a long read shows some.
  const events = { history: 0 };
  const stream = new AbortController();
  fetch(new URL(`/api/events?token=${encodeURIComponent(token)}`, url), { signal: stream.signal })
    .then(async (response) => {
      const decoder = new TextDecoder();
      for await (const chunk of response.body) {
        events.history += (decoder.decode(chunk).match(/"kind":"history"/g) ?? []).length;
      }
    })
    .catch(() => undefined);
  /** Peak RSS of the server process so far (Linux). */
  const peakRssMb = () => {
    if (process.platform !== 'linux') return null;
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  };
  /** CPU milliseconds the server and the git processes it waited for have used so far (Linux). */
  const cpuMs = () => {
    if (process.platform !== 'linux') return null;
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14 to 17; "state" (field 3) comes first here.
    return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) * 10;
  };
  const stop = () => {
    stream.abort();
    child.kill('SIGTERM');
  };
  return { call, timed, events, startMs, peakRssMb, cpuMs, stop };
}

/** What the page does on "Open": the repository, then the plan and the header's waiting list together. */
export async function openReleaseScreen(server, repo) {
  const before = server.events.history;
  const cpuBefore = server.cpuMs();
  const start = process.hrtime.bigint();
  await server.call('repository.open', { path: repo });
  const [plan] = await Promise.all([
    server.call('release.plan', { path: repo }),
    server.call('promotion.waitingForMe', { path: repo }),
  ]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuMs = cpuBefore === null ? null : server.cpuMs() - cpuBefore;
  return { ms, cpuMs, plan, progressEvents: server.events.history - before };
}
