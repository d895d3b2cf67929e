// Starts the system's URL opener, the one process the CLI starts itself (it is not git, so it
// lives outside core/git; the lint rule allows this file by name).
import { spawn } from 'node:child_process';

/** Opens `url` in the user's browser; a missing opener is ignored (the URL is printed anyway). */
export function openInBrowser(url: string): void {
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}
