import { promote } from '../../core/promotion/start.js';
import { requireOption } from '../args.js';
import type { CliCommand } from '../command.js';
import { repoPath } from '../repo-option.js';
import { promotionCore, reportOutcome, versionArgument } from './gates.js';

export const promoteCommand: CliCommand = {
  name: 'promote',
  usage: 'release-desk promote VERSION --to ENV [--repo DIR] [--json]',
  options: { repo: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, ctx) {
    const version = versionArgument(positionals);
    const environment = requireOption(values, 'to');
    const root = repoPath(values, ctx.io);
    const detail = await promote(promotionCore(ctx), root, version, environment);
    return reportOutcome(ctx.io, detail, Boolean(values.json), 'promote');
  },
};
