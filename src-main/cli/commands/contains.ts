import { callApi } from '../api-call.js';
import { assertUsage } from '../args.js';
import type { CliCommand } from '../command.js';
import { EXIT_OK } from '../command.js';
import { printJson } from '../output.js';
import { repoPath } from '../repo-option.js';

export const containsCommand: CliCommand = {
  name: 'contains',
  usage: 'release-desk contains <sha> [--repo DIR] [--json]',
  options: { repo: { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, { io, core }) {
    assertUsage(positionals.length === 1, 'contains needs exactly one <sha>');
    const result = await callApi(core(), 'commit.contains', {
      path: repoPath(values, io),
      sha: positionals[0]!,
    });
    if (values.json) {
      printJson(io, { releases: result.releases, missing: result.missing });
      return EXIT_OK;
    }
    io.stdout(`${result.sha.slice(0, 7)} is in: ${result.releases.join(', ') || 'no release yet'}\n`);
    for (const m of result.matches.filter((m) => m.via !== 'direct')) {
      io.stdout(`  ${m.tag} has it as ${m.sha.slice(0, 7)} (${m.via})\n`);
    }
    io.stdout(`Not yet in: ${result.missing.join(', ') || 'every active line has it'}\n`);
    return EXIT_OK;
  },
};
