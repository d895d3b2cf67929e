import { callApi } from '../api-call.js';
import { assertUsage, requireOption, requireSubcommand } from '../args.js';
import type { CliCommand } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../command.js';
import { printJson } from '../output.js';
import { repoPath } from '../repo-option.js';
import { progressBar } from '../progress-bar.js';

const SUBCOMMANDS = ['start', 'pick', 'finish', 'abort'] as const;

export const hotfixCommand: CliCommand = {
  name: 'hotfix',
  usage: [
    'release-desk hotfix start --from TAG [--repo DIR] [--json]',
    'release-desk hotfix pick <sha>… [--repo DIR] [--json]',
    'release-desk hotfix finish [--push] [--repo DIR] [--json]',
    'release-desk hotfix abort [--repo DIR] [--json]',
  ].join('\n'),
  options: {
    repo: { type: 'string' },
    json: { type: 'boolean' },
    from: { type: 'string' },
    push: { type: 'boolean' },
  },
  positionals: true,
  async run({ values, positionals }, { io, core }) {
    const sub = requireSubcommand(positionals, SUBCOMMANDS);
    assertUsage(values.from === undefined || sub === 'start', `--from does not go with hotfix ${sub}`);
    assertUsage(values.push === undefined || sub === 'finish', `--push does not go with hotfix ${sub}`);
    const shas = positionals.slice(1);
    assertUsage(
      sub === 'pick' ? shas.length > 0 : shas.length === 0,
      sub === 'pick' ? 'hotfix pick needs at least one <sha>' : `hotfix ${sub} takes no arguments`,
    );
    const from = sub === 'start' ? requireOption(values, 'from') : undefined;
    // Refs typed on the command line are checked by the core before any git process uses them.
    const path = repoPath(values, io);
    const json = values.json === true;

    if (sub === 'start') {
      const hotfix = await callApi(core(), 'hotfix.start', { path, from: from! });
      if (json) printJson(io, { branch: hotfix.branch, version: hotfix.version });
      else
        io.stdout(
          `Started hotfix ${hotfix.version} from ${hotfix.baseTag}: ${hotfix.branch} is checked out.\n`,
        );
      return EXIT_OK;
    }
    if (sub === 'pick') {
      const outcome = await callApi(core(), 'hotfix.pick', { path, shas });
      if (json)
        printJson(io, {
          picked: outcome.picked.map(({ from: f, to }) => ({ from: f, to })),
          conflict: outcome.conflict,
        });
      else
        for (const p of outcome.picked)
          io.stdout(`Picked ${p.from.slice(0, 7)} → ${p.to.slice(0, 7)} ${p.subject}\n`);
      if (!outcome.conflict) return EXIT_OK;
      io.stderr(`release-desk hotfix pick: ${outcome.conflict.message}\n`);
      return EXIT_FAILED;
    }
    if (sub === 'finish') {
      const result = await callApi({ ...core(), progress: progressBar(io, 'push') }, 'hotfix.finish', {
        path,
        push: values.push === true,
      });
      if (json) {
        printJson(io, {
          tag: result.tag,
          version: result.version,
          carried: result.carried.map(({ branch, sha, status }) => ({ branch, sha, status })),
        });
      } else {
        io.stdout(
          `Released ${result.tag} (fast-track) at ${result.sha.slice(0, 7)}${result.pushed ? ', pushed' : ''}.\n`,
        );
        for (const c of result.carried) io.stdout(`  ${c.branch}: ${c.status} — ${c.detail}\n`);
      }
      return EXIT_OK;
    }
    const aborted = await callApi(core(), 'hotfix.abort', { path });
    if (json) printJson(io, { branch: aborted.branch, state: aborted.state, returnTo: aborted.returnTo });
    else
      io.stdout(
        `Aborted hotfix ${aborted.version}: back on ${aborted.returnTo}, ${aborted.branch} deleted.\n`,
      );
    return EXIT_OK;
  },
};
