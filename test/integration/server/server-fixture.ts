import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import type { Dispatch } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { startBrowserServer } from '../../../src-main/server/browser-server.js';
import type { BrowserServer } from '../../../src-main/server/browser-server.js';
import { testCore } from '../../support/core-fixture.js';
import { tempDir } from '../../support/git-fixture.js';

/** Browser mode on a real core and a stand-in renderer; `logged` holds what it logged. */
export async function startTestServer(
  options: { dispatch?: Dispatch; maxConnections?: number } = {},
): Promise<{
  server: BrowserServer;
  logged: string[];
  own: () => { Host: string; 'X-Release-Desk-Token': string };
  stop: () => Promise<void>;
}> {
  const core = testCore();
  const site = tempDir('release-desk-site-');
  const rendererDir = path.join(site, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Release Desk</title>');
  const logged: string[] = [];
  const server = await startBrowserServer({
    core,
    dispatch:
      options.dispatch ?? createDispatcher({ handlers, isTrusted: (c) => c.kind === 'http' && c.trusted }),
    rendererDir,
    maxConnections: options.maxConnections,
    log: (line) => logged.push(line),
  });
  return {
    server,
    logged,
    own: () => ({ Host: `127.0.0.1:${server.port}`, 'X-Release-Desk-Token': server.token }),
    stop: async () => {
      await server.close();
      await core.dispose();
      rmSync(site, { recursive: true, force: true });
    },
  };
}
