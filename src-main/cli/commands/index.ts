import type { CliCommand } from '../command.js';

/** A command's name and summary; its code loads only when it runs, so `--help` and each command
   start without loading every other command's dependencies. */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CliCommand>;
}

/** Every `release-desk` command, in the order `--help` lists them. */
export const commands: CommandEntry[] = [
  {
    name: 'serve',
    summary: 'Run the app in your browser, on 127.0.0.1 only',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'audit',
    summary: 'Verify or list the hash-chained audit log',
    load: async () => (await import('./audit.js')).auditCommand,
  },
  {
    name: 'sync',
    summary: "Share the ledger (approvals, promotions, audit events) through the repository's remote",
    load: async () => (await import('./sync.js')).syncCommand,
  },
  {
    name: 'next-version',
    summary: 'Compute the next version from the commits since the last release, and why',
    load: async () => (await import('./next-version.js')).nextVersionCommand,
  },
  {
    name: 'changelog',
    summary: 'Write the release notes of a range (default: since the last release) as Markdown or JSON',
    load: async () => (await import('./changelog.js')).changelogCommand,
  },
  {
    name: 'release',
    summary: 'Cut the next release: version files, CHANGELOG.md, commit, annotated tag, push on request',
    load: async () => (await import('./release.js')).releaseCommand,
  },
  {
    name: 'replay',
    summary:
      'Check past releases: the version and notes Release Desk would have given each, against what shipped',
    load: async () => (await import('./replay.js')).replayCommand,
  },
  {
    name: 'env',
    summary: 'List the environments in promotion order with the release in each',
    load: async () => (await import('./env.js')).envCommand,
  },
  {
    name: 'promote',
    summary: 'Start or resume promoting a release into an environment (exit 3: waiting on people or time)',
    load: async () => (await import('./promote.js')).promoteCommand,
  },
  {
    name: 'gates',
    summary: "Show a promotion's gates and what each waits for",
    load: async () => (await import('./gates.js')).gatesCommand,
  },
  {
    name: 'tick',
    summary: 'Tick a checklist item of a promotion',
    load: async () => (await import('./approvals.js')).tickCommand,
  },
  {
    name: 'approve',
    summary: 'Approve a promotion as your git identity',
    load: async () => (await import('./approvals.js')).approveCommand,
  },
  {
    name: 'reject',
    summary: 'Reject a promotion (a comment saying why is required)',
    load: async () => (await import('./approvals.js')).rejectCommand,
  },
  {
    name: 'override-window',
    summary: 'Let a promotion through its freeze window (the reason is recorded)',
    load: async () => (await import('./approvals.js')).overrideWindowCommand,
  },
  {
    name: 'rollback',
    summary: "Promote an environment's previous release again, as a rollback",
    load: async () => (await import('./rollback.js')).rollbackCommand,
  },
  {
    name: 'evidence',
    summary: "Export a release's evidence: commits, changelog, promotions, gates, approvals, audit events",
    load: async () => (await import('./evidence.js')).evidenceCommand,
  },
  {
    name: 'train',
    summary: 'Run release trains: plan, cut, pick, freeze, go/no-go, ship, status, cancel',
    load: async () => (await import('./train.js')).trainCommand,
  },
  {
    name: 'hotfix',
    summary: 'Fast-track a patch from a released tag and carry it forward to main and newer lines',
    load: async () => (await import('./hotfix.js')).hotfixCommand,
  },
  {
    name: 'contains',
    summary: 'Which releases contain a commit (or a cherry-picked copy of it), and which lines lack it',
    load: async () => (await import('./contains.js')).containsCommand,
  },
];
