import { actingCore } from '../acting-core.js';
import { callApi } from '../api-call.js';
import { requireSubcommand } from '../args.js';
import type { CliCommand } from '../command.js';
import { EXIT_OK } from '../command.js';
import { printJson } from '../output.js';
import { repoPath } from '../repo-option.js';

export const envCommand: CliCommand = {
  name: 'env',
  usage: 'release-desk env list [--repo DIR] [--json]',
  options: { repo: { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, ctx) {
    requireSubcommand(positionals, ['list']);
    const columns = await callApi(actingCore(ctx), 'promotion.environments', {
      path: repoPath(values, ctx.io),
    });
    if (values.json) {
      printJson(
        ctx.io,
        columns.map(({ name, current, incoming }) => ({
          name,
          current: current
            ? { version: current.version, tag: current.tag, sha: current.sha, promotedAt: current.promotedAt }
            : null,
          incoming: incoming
            ? { promotion: incoming.id, version: incoming.version, sha: incoming.sha, state: incoming.state }
            : null,
        })),
      );
      return EXIT_OK;
    }
    const width = Math.max(...columns.map((c) => c.name.length));
    for (const { name, current, incoming } of columns) {
      const live = current ? `${current.tag} (${current.sha.slice(0, 7)}) since ${current.promotedAt}` : '—';
      const next = incoming ? `   incoming: ${incoming.tag} (${incoming.state})` : '';
      ctx.io.stdout(`${name.padEnd(width)}  ${live}${next}\n`);
    }
    return EXIT_OK;
  },
};
