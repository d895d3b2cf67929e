import type { AuditRecord } from '../../../shared/domain/audit.js';
import { assertUsage, requireSubcommand, stringOption } from '../args.js';
import type { CliCommand, CliIo } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../command.js';
import { printJson } from '../output.js';
import { callApi } from '../api-call.js';
import { repoPath } from '../repo-option.js';

export const auditCommand: CliCommand = {
  name: 'audit',
  usage:
    'release-desk audit verify [--repo DIR] [--json]\nrelease-desk audit list [--repo DIR] [--limit N] [--json]',
  options: { json: { type: 'boolean' }, repo: { type: 'string' }, limit: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, { io, core }) {
    const sub = requireSubcommand(positionals, ['verify', 'list']);
    if (sub === 'verify') {
      // The shared ledger is checked for the repository named: its remote is fetched to compare.
      const repo = stringOption(values, 'repo') === undefined ? undefined : repoPath(values, io);
      const result = await callApi(core(), 'audit.verify', { repo });
      const { ledger } = result;
      if (values.json) printJson(io, result);
      else {
        if (result.ok)
          io.stdout(`Audit chain verified: ${result.events} events, head ${result.head.slice(0, 16)}.\n`);
        if (ledger?.ok) {
          const against = ledger.remote
            ? `, matches ${ledger.remote}`
            : `; remote not compared (${ledger.unreachable})`;
          io.stdout(`Ledger verified: ${ledger.events} events${against}.\n`);
        }
      }
      if (!result.ok) io.stderr(`Audit chain broken at event ${result.brokenAt}: ${result.reason}\n`);
      for (const problem of ledger?.problems ?? []) io.stderr(`Ledger: ${problem}\n`);
      return result.ok && (ledger?.ok ?? true) ? EXIT_OK : EXIT_FAILED;
    }
    const repo = stringOption(values, 'repo') === undefined ? undefined : repoPath(values, io);
    const limitText = stringOption(values, 'limit') ?? '1000';
    const limit = Number(limitText);
    assertUsage(
      Number.isInteger(limit) && limit > 0,
      `--limit must be a positive integer, got "${limitText}"`,
    );
    // A repository's list is its shared ledger (everyone's events once synced) and what only this
    // machine holds of it; without one, this database's whole log.
    const page = await callApi(core(), 'audit.list', { repo, limit, facets: false });
    if (page.pending && page.pending.events > 0) {
      io.stderr(
        `${page.pending.events} local event(s) not yet in the ledger: ${page.pending.error ?? 'queued'}\n`,
      );
    }
    return printEvents(io, page.events, Boolean(values.json));
  },
};

function printEvents(io: CliIo, events: AuditRecord[], json: boolean): number {
  if (json) printJson(io, events);
  else {
    for (const event of events) {
      const mark =
        event.source === 'pending' ? '  (not yet shared)' : event.signer ? `  signed by ${event.signer}` : '';
      io.stdout(
        `${String(event.seq).padStart(5)}  ${event.at}  ${event.action.padEnd(24)} ${event.actor}  ${event.subject ?? ''}${mark}\n`,
      );
    }
  }
  return EXIT_OK;
}
