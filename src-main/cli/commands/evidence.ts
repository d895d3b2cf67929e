import { actingCore } from '../acting-core.js';
import { callApi } from '../api-call.js';
import { assertUsage, stringOption } from '../args.js';
import type { CliCommand } from '../command.js';
import { EXIT_OK } from '../command.js';
import { repoPath } from '../repo-option.js';
import { versionArgument } from './gates.js';

export const evidenceCommand: CliCommand = {
  name: 'evidence',
  usage: 'release-desk evidence VERSION [--repo DIR] [--format markdown|json]',
  options: { repo: { type: 'string' }, format: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, ctx) {
    const version = versionArgument(positionals);
    const format = stringOption(values, 'format') ?? 'markdown';
    assertUsage(
      format === 'markdown' || format === 'json',
      `--format must be markdown or json, got "${format}"`,
    );
    const evidence = await callApi(actingCore(ctx), 'promotion.evidence', {
      path: repoPath(values, ctx.io),
      version,
      format,
    });
    ctx.io.stdout(evidence.text);
    return EXIT_OK;
  },
};
