import type { CommandRun, GateStatus, ReleaseEvidence } from '../../../shared/domain/promotion.js';
import { markdownText } from '../changelog/markdown-text.js';

/** Untrusted text in a table cell: no HTML, no column breaks, one line. */
function cell(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  return markdownText(String(text)).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** One line of text verbatim, as a code span longer than any backtick run inside it. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks} ${text.replace(/\r?\n/g, ' ')} ${ticks}`;
}

/** Command output verbatim, in a fence longer than any backtick run inside it. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text.replace(/\n$/, '')}\n${fence}`;
}

function runSection(title: string, run: CommandRun): string {
  const exit = run.exitCode === null ? run.state : `${run.state}, exit code ${run.exitCode}`;
  return [
    `#### ${cell(title)} (${exit})`,
    '',
    `Command: ${code(run.command)} — started ${run.startedAt}, finished ${run.finishedAt ?? '—'}`,
    '',
    fenced(run.output || '(no output)'),
  ].join('\n');
}

function approvalsSection(gates: GateStatus[]): string[] {
  const approvals = gates.flatMap((gate) => gate.approvals ?? []);
  if (approvals.length === 0) return [];
  return [
    '#### Approvals',
    '',
    table(
      ['Approver', 'Identity', 'Decision', 'At', 'Commit', 'Comment', 'Counts'],
      approvals.map((a) => [
        a.approver,
        a.actor,
        a.decision,
        a.at,
        a.sha,
        a.comment,
        a.counts ? 'yes' : `no (${a.note ?? ''})`,
      ]),
    ),
    '',
  ];
}

function promotionSection(entry: ReleaseEvidence['promotions'][number]): string {
  const { promotion: p, gates, checkRuns, deploy } = entry;
  const lines = [
    `### ${cell(p.environment)} — ${cell(p.id)}: ${p.state}${p.rollback ? ' (rollback)' : ''}`,
    '',
    table(
      ['Field', 'Value'],
      [
        ['Requested by', p.requestedBy],
        ['Started', p.startedAt],
        ['Finished', p.finishedAt],
        ['Commit', p.sha],
        ['Hotfix path', p.fastTrack ? 'yes' : 'no'],
        ['Replaces', p.replaces],
        ['Policy hash', p.policyHash],
        ['Policy changed since start', p.policyChanged ? 'yes (the promotion kept its own)' : 'no'],
        [
          'Window override',
          p.windowOverride
            ? `${p.windowOverride.by} at ${p.windowOverride.at}: ${p.windowOverride.reason}`
            : null,
        ],
        ['Failure', p.failure],
      ],
    ),
    '',
    '#### Gates',
    '',
    table(
      ['Gate', 'Kind', 'State', 'Detail'],
      gates.map((g) => [g.name, g.kind, g.state, g.detail]),
    ),
    '',
    ...approvalsSection(gates),
  ];
  for (const run of checkRuns) lines.push(runSection(`Check: ${run.gate}`, run), '');
  if (deploy) lines.push(runSection('Deploy', deploy), '');
  return lines.join('\n');
}

/** The evidence as a document an auditor can read top to bottom. */
export function evidenceMarkdown(evidence: ReleaseEvidence): string {
  const { verification } = evidence.audit;
  const chain = verification.ok
    ? `The audit chain verifies: ${verification.events} events, head \`${verification.head}\`.`
    : `**The audit chain does NOT verify**: broken at event ${verification.brokenAt} (${cell(verification.reason)}).`;
  return [
    `# Release evidence: ${cell(evidence.tag)}`,
    '',
    table(
      ['Field', 'Value'],
      [
        ['Version', evidence.version],
        ['Tag', evidence.tag],
        ['Commit', evidence.sha],
        ['Created by', evidence.createdBy],
        ['Created at', evidence.createdAt],
        ['Hotfix path', evidence.fastTrack ? 'yes' : 'no'],
        ['Generated at', evidence.generatedAt],
      ],
    ),
    '',
    `## Commits (${evidence.commits.length})`,
    '',
    evidence.commits.length
      ? table(
          ['Commit', 'Subject', 'Author', 'Date'],
          evidence.commits.map((c) => [c.sha.slice(0, 12), c.subject, c.author, c.date]),
        )
      : 'No commits since the previous release.',
    '',
    '## Changelog',
    '',
    evidence.changelog.trim() || 'No changelog entries.',
    '',
    `## Promotions (${evidence.promotions.length})`,
    '',
    ...(evidence.promotions.length
      ? evidence.promotions.map(promotionSection)
      : ['This release has not been promoted.', '']),
    `## Audit events (${evidence.audit.events.length})`,
    '',
    table(
      ['Seq', 'At', 'Actor', 'Action', 'Subject', 'Hash'],
      evidence.audit.events.map((e) => [e.seq, e.at, e.actor, e.action, e.subject, e.hash]),
    ),
    '',
    chain,
    '',
  ].join('\n');
}
