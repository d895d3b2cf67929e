import { actingCore } from '../acting-core.js';
import { callApi } from '../api-call.js';
import { stringOption } from '../args.js';
import type { CliCommand } from '../command.js';
import { EXIT_OK } from '../command.js';
import { printJson } from '../output.js';
import { repoPath } from '../repo-option.js';

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: 'release-desk sync [--repo DIR] [--remote NAME] [--json]',
  options: { repo: { type: 'string' }, remote: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, ctx) {
    const result = await callApi(actingCore(ctx), 'ledger.sync', {
      path: repoPath(values, ctx.io),
      remote: stringOption(values, 'remote'),
    });
    if (values.json) printJson(ctx.io, result);
    else {
      const head = result.head ? result.head.slice(0, 12) : 'empty';
      ctx.io.stdout(
        `Ledger in sync with ${result.remote}: ${result.fetched} event(s) fetched, ${result.pushed} pushed, head ${head}.\n`,
      );
    }
    return EXIT_OK;
  },
};
