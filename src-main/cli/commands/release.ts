import { callApi } from '../api-call.js';
import { assertUsage, stringOption } from '../args.js';
import type { CliCommand } from '../command.js';
import { EXIT_OK } from '../command.js';
import { printJson } from '../output.js';
import { prereleaseOption } from '../release-options.js';
import { repoPath } from '../repo-option.js';
import { progressBar } from '../progress-bar.js';

export const releaseCommand: CliCommand = {
  name: 'release',
  usage:
    'release-desk release [--repo DIR] [--as VERSION --reason TEXT] [--prerelease ID] [--dry-run] [--sign] [--push] [--json]',
  options: {
    repo: { type: 'string' },
    as: { type: 'string' },
    reason: { type: 'string' },
    prerelease: { type: 'string' },
    'dry-run': { type: 'boolean' },
    sign: { type: 'boolean' },
    push: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values }, { io, core }) {
    const releaseAs = stringOption(values, 'as');
    const reason = stringOption(values, 'reason');
    assertUsage(
      releaseAs === undefined || (reason ?? '').trim() !== '',
      '--as needs --reason TEXT (why the version is overridden)',
    );
    assertUsage(reason === undefined || releaseAs !== undefined, '--reason only goes with --as VERSION');
    const prerelease = prereleaseOption(values);
    // A terminal shows git's push progress as a bar.
    const withBar = { ...core(), progress: progressBar(io, 'push') };
    const outcome = await callApi(withBar, 'release.create', {
      path: repoPath(values, io),
      releaseAs,
      reason,
      prerelease,
      dryRun: values['dry-run'] === true,
      push: values.push === true,
      sign: values.sign === true,
    });
    if (values.json) {
      printJson(io, outcome);
      return EXIT_OK;
    }
    io.stdout(outcome.dryRun ? `Dry run: releasing ${outcome.tag} would\n` : `Released ${outcome.tag}:\n`);
    for (const step of outcome.steps) io.stdout(`  - ${step}\n`);
    if (!outcome.dryRun)
      io.stdout(`Tag ${outcome.tag} at ${outcome.sha}${outcome.pushed ? ', pushed' : ''}.\n`);
    else io.stdout('Nothing was changed.\n');
    return EXIT_OK;
  },
};
