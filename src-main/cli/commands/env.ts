import type { OpenPromotion } from '../../../shared/domain/promotion.js';
import { actingCore } from '../acting-core.js';
import { callApi } from '../api-call.js';
import { requireSubcommand } from '../args.js';
import type { CliCommand } from '../command.js';
import { EXIT_OK } from '../command.js';
import { printJson } from '../output.js';
import { repoPath } from '../repo-option.js';

/** An open promotion in the text list: its gates, and when time alone finishes it. */
function incoming(p: OpenPromotion): string {
  const time = p.finishesAt ? `, finishes by itself at ${p.finishesAt.at} when ${p.finishesAt.reason}` : '';
  return `${p.tag} (${p.state}, ${p.gatesPassed} of ${p.gatesTotal} gates${time})`;
}

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
        columns.map(({ name, current, open }) => {
          const incoming = open.map((p) => ({
            promotion: p.id,
            version: p.version,
            sha: p.sha,
            state: p.state,
          }));
          return {
            name,
            current: current
              ? {
                  version: current.version,
                  tag: current.tag,
                  sha: current.sha,
                  promotedAt: current.promotedAt,
                }
              : null,
            // The newest open promotion, as before; `open` lists every one (newest first).
            incoming: incoming[0] ?? null,
            open: incoming,
          };
        }),
      );
      return EXIT_OK;
    }
    const width = Math.max(...columns.map((c) => c.name.length));
    for (const { name, current, open } of columns) {
      const live = current ? `${current.tag} (${current.sha.slice(0, 7)}) since ${current.promotedAt}` : '—';
      const next = open.length ? `   incoming: ${open.map(incoming).join(', ')}` : '';
      ctx.io.stdout(`${name.padEnd(width)}  ${live}${next}\n`);
    }
    return EXIT_OK;
  },
};
