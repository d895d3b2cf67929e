import type { CliIo } from '../../src-main/cli/command.js';

/** A CliIo that records what a command printed. */
export function captureIo(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    env: { ...process.env, ...env },
    cwd,
  };
  return { io, stdout: () => out, stderr: () => err };
}
