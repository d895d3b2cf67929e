import type { ReplayReport } from '../../../shared/domain/replay.js';
import { callApi } from '../api-call.js';
import { assertUsage, stringOption } from '../args.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT_OK } from '../command.js';
import { printFields, printJson } from '../output.js';
import { progressBar } from '../progress-bar.js';
import { repoPath } from '../repo-option.js';

/** `--limit N`: a whole number of releases, at least 1. */
function limitOption(values: Record<string, unknown>): number | undefined {
  const text = stringOption(values, 'limit');
  if (text === undefined) return undefined;
  const limit = Number(text);
  assertUsage(
    /^\d+$/.test(text) && limit >= 1,
    `--limit must be a whole number of releases, at least 1, got "${text}"`,
  );
  return limit;
}

/** The JSON contract's keys only, in its order. */
function contract(report: ReplayReport) {
  const { releases, versionsAgreed, notesCompared, notesAgreed } = report;
  return {
    releases,
    variants: report.variantTags.length,
    versionsAgreed,
    notesCompared,
    notesAgreed,
    disagreements: report.disagreements.map(({ tag, expected, got, reason }) => ({
      tag,
      expected,
      got,
      reason,
    })),
  };
}

function printReport(io: CliIo, report: ReplayReport): void {
  const other = report.otherTags === 0 ? '' : `, ${report.otherTags} other tags ignored`;
  const variants = report.variantTags.length;
  const left =
    variants === 0
      ? ''
      : `; ${variants === 1 ? '1 variant tag of a released version' : `${variants} variant tags of released versions`} left out, e.g. ${report.variantTags[0]!}`;
  const prefixes = [report.tagPrefix, ...report.olderTagPrefixes].map((p) => `"${p}"`).join(' or ');
  io.stdout(
    `Replayed ${report.releases} of ${report.releaseTags} releases (tags ${prefixes} + SemVer${other}${left})\n\n`,
  );
  printFields(io, [
    ['Versions agreed', `${report.versionsAgreed} of ${report.releases}`],
    ['Notes compared', `${report.notesCompared} (releases with a CHANGELOG.md section at their tag)`],
    ['Notes agreed', `${report.notesAgreed} of ${report.notesCompared}`],
  ]);
  if (report.disagreements.length === 0) return;
  io.stdout('\nCauses:\n');
  for (const { cause, count } of report.causes) io.stdout(`  ${String(count).padStart(4)}  ${cause}\n`);
  io.stdout('\nDisagreements:\n');
  for (const d of report.disagreements) {
    io.stdout(
      `  ${d.tag}  ${d.kind}: shipped ${d.expected}, Release Desk ${d.got ?? 'nothing to release'}\n`,
    );
    io.stdout(`    ${d.reason}\n`);
  }
}

export const replayCommand: CliCommand = {
  name: 'replay',
  usage:
    'release-desk replay [--repo DIR] [--since TAG] [--limit N] [--json]\n' +
    '  --since TAG  start at this release tag (default: the newest), going back in time\n' +
    '  --limit N    replay at most N releases',
  options: {
    repo: { type: 'string' },
    since: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, { io, core }) {
    const limit = limitOption(values);
    const since = stringOption(values, 'since');
    assertUsage(since === undefined || since !== '', '--since must name a release tag');
    const report = await callApi({ ...core(), progress: progressBar(io, 'replay') }, 'release.replay', {
      path: repoPath(values, io),
      since,
      limit,
    });
    if (values.json) printJson(io, contract(report));
    else printReport(io, report);
    return EXIT_OK;
  },
};
