import type { TrainBoard } from '../../../shared/domain/trains.js';
import { callApi } from '../api-call.js';
import { assertUsage, requireSubcommand, stringOption } from '../args.js';
import type { CliCommand, CliIo } from '../command.js';
import { CommandFailure, EXIT_FAILED, EXIT_OK } from '../command.js';
import { printFields, printJson } from '../output.js';
import { repoPath } from '../repo-option.js';
import { progressBar } from '../progress-bar.js';

const SUBCOMMANDS = ['plan', 'cut', 'pick', 'freeze', 'go', 'ship', 'status', 'cancel'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

// Which options each subcommand takes besides --repo and --json.
const OPTIONS_OF: Record<string, Sub[]> = {
  at: ['cut'],
  push: ['ship'],
  'no-go': ['go'],
  comment: ['go'],
  reason: ['cancel'],
};

/** The board as `train status --json` prints it (an exact contract scripts rely on). */
function statusJson(board: TrainBoard & { train: NonNullable<TrainBoard['train']> }) {
  return {
    train: board.train.name,
    state: board.train.state,
    branch: board.train.branch,
    version: board.train.version,
    onBoard: board.onBoard.map((c) => c.sha),
    missed: board.missed.map((c) => c.sha),
    picked: board.picked.map(({ from, to }) => ({ from, to })),
    blocking: board.blocking,
  };
}

function printStatus(io: CliIo, board: TrainBoard & { train: NonNullable<TrainBoard['train']> }): void {
  const { train } = board;
  printFields(io, [
    ['Train', train.name],
    ['State', train.state],
    ['Branch', train.branch],
    ['Version', train.version],
    ['On board', board.onBoard.length],
    ['Missed', board.missed.length],
    ['Picked', board.picked.length],
    ['Go/no-go', `${board.approvalsGiven} of ${board.approvalsRequired}`],
  ]);
  for (const c of board.missed) io.stdout(`  missed  ${c.shortSha} ${c.type ?? '-'}: ${c.subject}\n`);
  for (const p of board.picked)
    io.stdout(`  picked  ${p.from.slice(0, 7)} → ${p.to.slice(0, 7)} ${p.subject}\n`);
  io.stdout(
    board.blocking.length
      ? `Blocking:\n${board.blocking.map((b) => `  - ${b}\n`).join('')}`
      : 'Nothing blocks the ship.\n',
  );
}

export const trainCommand: CliCommand = {
  name: 'train',
  usage: [
    'release-desk train plan [--repo DIR] [--json]',
    'release-desk train cut [--repo DIR] [--at REF] [--json]',
    'release-desk train pick <sha>… [--repo DIR] [--json]',
    'release-desk train freeze [--repo DIR] [--json]',
    'release-desk train go [--no-go] [--comment TEXT] [--repo DIR] [--json]',
    'release-desk train ship [--push] [--repo DIR] [--json]',
    'release-desk train status [--repo DIR] [--json]',
    'release-desk train cancel [--reason TEXT] [--repo DIR] [--json]',
  ].join('\n'),
  options: {
    repo: { type: 'string' },
    json: { type: 'boolean' },
    at: { type: 'string' },
    push: { type: 'boolean' },
    'no-go': { type: 'boolean' },
    comment: { type: 'string' },
    reason: { type: 'string' },
  },
  positionals: true,
  async run({ values, positionals }, { io, core }) {
    const sub = requireSubcommand(positionals, SUBCOMMANDS);
    for (const [option, subs] of Object.entries(OPTIONS_OF)) {
      assertUsage(
        values[option] === undefined || subs.includes(sub),
        `--${option} does not go with train ${sub}`,
      );
    }
    const shas = positionals.slice(1);
    assertUsage(
      sub === 'pick' ? shas.length > 0 : shas.length === 0,
      sub === 'pick' ? 'train pick needs at least one <sha>' : `train ${sub} takes no arguments`,
    );
    // Refs typed on the command line are checked by the core before any git process uses them.
    const at = stringOption(values, 'at');
    const path = repoPath(values, io);
    const json = values.json === true;

    if (sub === 'plan') {
      const plan = await callApi(core(), 'train.plan', { path });
      if (json)
        printJson(io, { cadence: plan.cadence, timezone: plan.timezone, next: plan.next, late: plan.late });
      else if (!plan.cadence)
        io.stdout('No cadence in .release-desk.yml: trains are cut by hand (release-desk train cut).\n');
      else {
        io.stdout(`Cadence: ${plan.cadence}\n`);
        for (const t of plan.next)
          io.stdout(`  cut ${t.local.cut}   freeze ${t.local.freeze}   ship ${t.local.ship}\n`);
        for (const late of plan.late) io.stdout(`  LATE: the train shipping ${late.local} was never cut\n`);
      }
      return EXIT_OK;
    }
    if (sub === 'cut') {
      const { train, sha } = await callApi(core(), 'train.cut', { path, at });
      if (json) printJson(io, { train: train.name, branch: train.branch, version: train.version, sha });
      else
        io.stdout(
          `Cut ${train.name}: branch ${train.branch} at ${sha.slice(0, 7)}, version ${train.version}.\n`,
        );
      return EXIT_OK;
    }
    if (sub === 'pick') {
      const outcome = await callApi(core(), 'train.pick', { path, shas });
      if (json)
        printJson(io, {
          picked: outcome.picked.map(({ from, to }) => ({ from, to })),
          skipped: outcome.skipped,
          conflict: outcome.conflict,
        });
      else {
        for (const p of outcome.picked)
          io.stdout(`Picked ${p.from.slice(0, 7)} → ${p.to.slice(0, 7)} ${p.subject}\n`);
        for (const s of outcome.skipped) io.stdout(`Skipped ${s.sha.slice(0, 7)}: ${s.reason}\n`);
      }
      if (!outcome.conflict) return EXIT_OK;
      io.stderr(
        `release-desk train pick: ${outcome.conflict.sha.slice(0, 7)} conflicts in ${outcome.conflict.files.join(', ')}; the branch was left as it was.\n`,
      );
      return EXIT_FAILED;
    }
    if (sub === 'freeze') {
      const train = await callApi(core(), 'train.freeze', { path });
      if (json) printJson(io, { train: train.name, state: train.state, branch: train.branch });
      else io.stdout(`${train.name} is frozen: only fixes may be picked onto ${train.branch} now.\n`);
      return EXIT_OK;
    }
    if (sub === 'go') {
      const decision = values['no-go'] === true ? 'no-go' : 'go';
      const board = await callApi(core(), 'train.goNoGo', {
        path,
        decision,
        comment: stringOption(values, 'comment'),
      });
      const result = {
        train: board.train!.name,
        decision,
        approvals: board.approvalsGiven,
        required: board.approvalsRequired,
        blocking: board.blocking,
      };
      if (json) printJson(io, result);
      else
        io.stdout(
          `Recorded ${decision} on ${result.train} (${result.approvals} of ${result.required} approvals).\n`,
        );
      return EXIT_OK;
    }
    if (sub === 'ship') {
      const shipped = await callApi({ ...core(), progress: progressBar(io, 'push') }, 'train.ship', {
        path,
        push: values.push === true,
      });
      if (json)
        printJson(io, {
          train: shipped.train.name,
          tag: shipped.tag,
          version: shipped.version,
          sha: shipped.sha,
          pushed: shipped.pushed,
        });
      else
        io.stdout(
          `Shipped ${shipped.train.name}: tag ${shipped.tag} at ${shipped.sha.slice(0, 7)} on ${shipped.train.branch}${shipped.pushed ? ', pushed' : ''}.\n`,
        );
      return EXIT_OK;
    }
    if (sub === 'cancel') {
      const train = await callApi(core(), 'train.cancel', { path, reason: stringOption(values, 'reason') });
      if (json) printJson(io, { train: train.name, state: train.state });
      else io.stdout(`${train.name} is cancelled (branch ${train.branch} kept).\n`);
      return EXIT_OK;
    }
    const board = await callApi(core(), 'train.status', { path });
    if (!board.train) throw new CommandFailure('No train yet: cut one first (release-desk train cut).');
    const withTrain = board as TrainBoard & { train: NonNullable<TrainBoard['train']> };
    if (json) printJson(io, statusJson(withTrain));
    else printStatus(io, withTrain);
    return EXIT_OK;
  },
};
