import os from 'node:os';
import path from 'node:path';

/** `~` and `~/…` are the user's home, as a shell would read them; other paths are left alone. */
export function expandHome(input: string, home: string = os.homedir()): string {
  if (input === '~') return home;
  if (input.startsWith('~/') || (path.sep === '\\' && input.startsWith('~\\'))) {
    return path.join(home, input.slice(2));
  }
  return input;
}
