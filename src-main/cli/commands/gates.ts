import type { PromotionDetail } from '../../../shared/domain/promotion.js';
import { actingCore } from '../acting-core.js';
import { callApi } from '../api-call.js';
import { assertUsage, requireOption } from '../args.js';
import type { CliCommand, CliIo } from '../command.js';
import { CommandFailure, EXIT_FAILED, EXIT_OK, EXIT_WAITING } from '../command.js';
import { printJson } from '../output.js';
import { repoPath } from '../repo-option.js';

export const targetOptions = {
  repo: { type: 'string' },
  env: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `VERSION` as the one positional. */
export function versionArgument(positionals: string[]): string {
  const [version, ...rest] = positionals;
  assertUsage(version !== undefined && rest.length === 0, 'give exactly one VERSION (e.g. 1.2.0 or v1.2.0)');
  return version;
}

/** The exact JSON contract of `gates --json` (and what `promote --json` builds on). */
export function gatesJson(detail: PromotionDetail) {
  return {
    promotion: detail.promotion?.id ?? '',
    state: detail.promotion?.state ?? 'not-started',
    gates: detail.gates.map(({ kind, name, state, detail: text }) => ({ kind, name, state, detail: text })),
  };
}

const MARK = { passed: '✓', failed: '✗', waiting: '…', skipped: '-' } as const;

export function printDetail(io: CliIo, detail: PromotionDetail): void {
  const p = detail.promotion;
  io.stdout(
    `${p ? `${p.id}: ${p.state}` : `${detail.tag} → ${detail.environment}: not started`} (${detail.sha.slice(0, 12)})\n`,
  );
  if (p?.policyChanged)
    io.stdout(
      '  note: the policy changed since this promotion started; it keeps the policy it started with\n',
    );
  for (const gate of detail.gates) {
    io.stdout(
      `  ${MARK[gate.state]} ${gate.state.padEnd(8)} ${gate.kind.padEnd(9)} ${gate.name} — ${gate.detail}\n`,
    );
  }
  if (detail.deploy)
    io.stdout(
      `  deploy: ${detail.deploy.state}${detail.deploy.exitCode === null ? '' : ` (exit code ${detail.deploy.exitCode})`}\n`,
    );
  // Without the app running, "by itself" means on the first look at it after that moment.
  if (detail.finishesAt)
    io.stdout(
      `  finishes by itself at ${detail.finishesAt.at} when ${detail.finishesAt.reason} (the app then, or the next gates/env list/promote)\n`,
    );
}

/** Prints the outcome and maps it to the exit code: 0 succeeded, 3 waiting on people or time, 1 failed or rejected. */
export function reportOutcome(io: CliIo, detail: PromotionDetail, json: boolean, name: string): number {
  const p = detail.promotion;
  if (json) printJson(io, { ...gatesJson(detail), failure: p?.failure ?? null });
  else printDetail(io, detail);
  if (p?.state === 'succeeded') return EXIT_OK;
  if (p?.state === 'failed' || p?.state === 'rejected' || p?.state === 'rolled-back') {
    io.stderr(`release-desk ${name}: ${p.id} ${p.state}: ${p.failure ?? 'see the gates above'}\n`);
    return EXIT_FAILED;
  }
  return EXIT_WAITING;
}

export const gatesCommand: CliCommand = {
  name: 'gates',
  usage: 'release-desk gates VERSION --env ENV [--repo DIR] [--json]',
  options: targetOptions,
  positionals: true,
  async run({ values, positionals }, ctx) {
    const version = versionArgument(positionals);
    const environment = requireOption(values, 'env');
    const detail = await callApi(actingCore(ctx), 'promotion.gates', {
      path: repoPath(values, ctx.io),
      version,
      environment,
    });
    if (!detail.promotion) {
      throw new CommandFailure(
        `${detail.tag} has no promotion to ${environment} yet: start one with release-desk promote ${detail.version} --to ${environment}.`,
      );
    }
    if (values.json) printJson(ctx.io, gatesJson(detail));
    else printDetail(ctx.io, detail);
    // This look finished it (its soak ended or its window opened since the last one): say so.
    if (!values.json && detail.finished) ctx.io.stdout(`${detail.finished}\n`);
    return EXIT_OK;
  },
};
