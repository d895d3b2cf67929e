import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './git-fixture.js';

/**
 * Every git process started while `run` runs, from git's own trace (GIT_TRACE2_EVENT): each as
 * its arguments after `git`, in the order they started.
 */
export async function tracedGit<T>(run: () => Promise<T>): Promise<{ result: T; argvs: string[][] }> {
  const trace = path.join(tempDir('release-desk-trace-'), 'trace.json');
  process.env.GIT_TRACE2_EVENT = trace;
  let result: T;
  try {
    result = await run();
  } finally {
    delete process.env.GIT_TRACE2_EVENT;
  }
  let argvs: string[][] = [];
  try {
    argvs = readFileSync(trace, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; argv?: string[] })
      .filter((event) => event.event === 'start')
      .map((event) => event.argv!.slice(1));
  } catch {
    // No git process started, no trace written.
  }
  rmSync(path.dirname(trace), { recursive: true, force: true });
  return { result, argvs };
}

/** As `tracedGit`, each command as one line (`rev-list --count HEAD`). */
export async function gitCommands(run: () => Promise<unknown>): Promise<string[]> {
  return (await tracedGit(run)).argvs.map((argv) => argv.join(' '));
}
