import { actingCore } from '../acting-core.js';
import { callApi } from '../api-call.js';
import { assertUsage, requireOption } from '../args.js';
import type { CliCommand } from '../command.js';
import { repoPath } from '../repo-option.js';
import { reportOutcome } from './gates.js';

export const rollbackCommand: CliCommand = {
  name: 'rollback',
  usage: 'release-desk rollback --env ENV [--repo DIR] [--json]',
  options: { repo: { type: 'string' }, env: { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, ctx) {
    assertUsage(
      positionals.length === 0,
      'rollback takes no VERSION: it returns to the previous release of --env',
    );
    const environment = requireOption(values, 'env');
    const detail = await callApi(actingCore(ctx), 'promotion.rollback', {
      path: repoPath(values, ctx.io),
      environment,
    });
    if (!values.json && detail.finished) ctx.io.stdout(`${detail.finished}\n`);
    return reportOutcome(ctx.io, detail, Boolean(values.json), 'rollback');
  },
};
