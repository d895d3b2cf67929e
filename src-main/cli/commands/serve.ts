// The one command that does not call a channel: it starts browser mode's server, which owns its
// own core (progress goes to the page's event stream, not to stderr) and serves every channel
// through the same dispatcher and handlers, trusting only requests that carry its token.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from '../../api/dispatch.js';
import { handlers } from '../../api/handlers.js';
import { closeCore, createCore } from '../../core/context.js';
import { startDueClock } from '../../core/promotion/due-clock.js';
import { openDatabase } from '../../core/store/database.js';
import { startBrowserServer } from '../../server/browser-server.js';
import { stringOption, assertUsage } from '../args.js';
import { openInBrowser } from '../open-browser.js';
import type { CliCommand } from '../command.js';

/** The built renderer sits beside the built CLI: dist/cli → dist/renderer. */
const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'renderer');

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'release-desk serve [--port N] [--data-dir DIR] [--no-open]',
  options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } },
  async run({ values }, { io, dataDir }) {
    const portText = stringOption(values, 'port') ?? '0';
    const port = Number(portText);
    assertUsage(
      Number.isInteger(port) && port >= 0 && port <= 65535,
      `--port must be 0-65535, got "${portText}"`,
    );

    let broadcast: (event: Parameters<typeof server.broadcast>[0]) => void = () => undefined;
    const core = createCore(openDatabase(dataDir), {
      progress: (event) => broadcast(event),
      shareAfterActions: true,
    });
    const dispatch = createDispatcher({
      handlers,
      isTrusted: (caller) => caller.kind === 'http' && caller.trusted,
    });
    // Soaks that end and windows that open finish their promotions while the app runs.
    const clock = startDueClock(core, (line) => io.stderr(`${line}\n`));
    const server = await startBrowserServer({
      core,
      dispatch: async (channel, input, ctx) => {
        const result = await dispatch(channel, input, ctx);
        clock.recheck();
        return result;
      },
      rendererDir: RENDERER_DIR,
      port,
    });
    broadcast = server.broadcast;
    io.stdout(`Release Desk is running at ${server.url}\n`);
    io.stdout('Keep this URL private: its token lets the page act as you. Press Ctrl+C to stop.\n');
    if (!values['no-open']) openInBrowser(server.url);

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    clock.stop();
    await server.close();
    await closeCore(core);
    return 0;
  },
};
