import { callApi } from '../api-call.js';
import { stringOption } from '../args.js';
import type { CliCommand } from '../command.js';
import { EXIT_OK } from '../command.js';
import { printFields, printJson } from '../output.js';
import { prereleaseOption } from '../release-options.js';
import { repoPath } from '../repo-option.js';

export const nextVersionCommand: CliCommand = {
  name: 'next-version',
  usage: 'release-desk next-version [--repo DIR] [--from REF] [--to REF] [--prerelease ID] [--json]',
  options: {
    repo: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    prerelease: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, { io, core }) {
    const prerelease = prereleaseOption(values);
    const view = await callApi(core(), 'release.plan', {
      path: repoPath(values, io),
      from: stringOption(values, 'from'),
      to: stringOption(values, 'to'),
      prerelease,
      changelog: false,
    });
    for (const warning of view.warnings) io.stderr(`warning: ${warning}\n`);
    if (values.json) {
      printJson(io, {
        current: view.current,
        next: view.next,
        bump: view.bump,
        from: view.from,
        to: view.to,
        commits: view.commitCount,
        reasons: view.reasons.map(({ sha, type, scope, subject, breaking, bump }) => ({
          sha,
          type,
          scope,
          subject,
          breaking,
          bump,
        })),
      });
      return EXIT_OK;
    }
    printFields(io, [
      ['Current', view.current ?? 'none (first release)'],
      ['Next', view.next === null ? 'nothing to release' : `${view.next} (${view.bump})`],
      [
        'Range',
        `${view.from ?? 'start of history'}..${view.to.slice(0, 7)} (${view.commitCount} ${view.commitCount === 1 ? 'commit' : 'commits'})`,
      ],
    ]);
    if (view.latestPrerelease) {
      const hint = view.continued === null ? '' : `; --prerelease ${view.continued} continues it`;
      io.stdout(
        `Latest prerelease ${view.latestPrerelease} (bumps count from the last stable release${hint})\n`,
      );
    }
    if (view.reasons.length > 0) {
      io.stdout('\nBecause of:\n');
      for (const reason of view.reasons) {
        const scope = reason.scope ? `(${reason.scope})` : '';
        const mark = reason.breaking ? '!' : '';
        io.stdout(
          `  ${reason.bump.padEnd(5)}  ${reason.sha.slice(0, 7)}  ${reason.type}${scope}${mark}: ${reason.subject}\n`,
        );
      }
    }
    return EXIT_OK;
  },
};
