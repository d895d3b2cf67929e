import { actingCore } from '../acting-core.js';
import { callApi } from '../api-call.js';
import { requireOption } from '../args.js';
import type { CliCommand } from '../command.js';
import { repoPath } from '../repo-option.js';
import { reportOutcome, versionArgument } from './gates.js';

export const promoteCommand: CliCommand = {
  name: 'promote',
  usage: 'release-desk promote VERSION --to ENV [--reason TEXT] [--retry-deploy] [--repo DIR] [--json]',
  options: {
    repo: { type: 'string' },
    to: { type: 'string' },
    'retry-deploy': { type: 'boolean' },
    reason: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: true,
  async run({ values, positionals }, ctx) {
    const version = versionArgument(positionals);
    const environment = requireOption(values, 'to');
    const detail = await callApi(actingCore(ctx), 'promotion.start', {
      path: repoPath(values, ctx.io),
      version,
      environment,
      retryDeploy: values['retry-deploy'] === true,
      reason: typeof values.reason === 'string' ? values.reason : undefined,
    });
    const open = detail.promotion?.state === 'pending' || detail.promotion?.state === 'in-progress';
    if (open && detail.deploy?.state === 'interrupted') {
      ctx.io.stderr(
        `release-desk promote: ${detail.promotion!.id} was interrupted during deploy; it may have half-deployed, so it does not run again unless you ask: release-desk promote ${detail.version} --to ${environment} --retry-deploy\n`,
      );
    }
    if (detail.policyNote) ctx.io.stderr(`warning: ${detail.policyNote}\n`);
    // Promoting a release that is live already only says so.
    if (detail.finished) ctx.io.stderr(`release-desk promote: ${detail.finished}\n`);
    return reportOutcome(ctx.io, detail, Boolean(values.json), 'promote');
  },
};
