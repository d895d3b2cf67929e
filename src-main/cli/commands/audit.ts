import { assertUsage, requireSubcommand, stringOption } from '../args.js';
import type { CliCommand } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../command.js';
import { printJson } from '../output.js';
import { repoOption } from '../repo-option.js';
import { verifyAuditTrail } from '../../core/promotion/verify-records.js';

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: 'release-desk audit verify [--json]\nrelease-desk audit list [--repo DIR] [--limit N] [--json]',
  options: { json: { type: 'boolean' }, repo: { type: 'string' }, limit: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, { io, core }) {
    const sub = requireSubcommand(positionals, ['verify', 'list']);
    if (sub === 'verify') {
      const result = verifyAuditTrail(core());
      if (values.json) printJson(io, result);
      else if (result.ok)
        io.stdout(`Audit chain verified: ${result.events} events, head ${result.head.slice(0, 16)}.\n`);
      if (!result.ok) {
        io.stderr(`Audit chain broken at event ${result.brokenAt}: ${result.reason}\n`);
        return EXIT_FAILED;
      }
      return EXIT_OK;
    }
    const repo = stringOption(values, 'repo') === undefined ? undefined : (await repoOption(values, io)).root;
    const limitText = stringOption(values, 'limit') ?? '1000';
    const limit = Number(limitText);
    assertUsage(
      Number.isInteger(limit) && limit > 0,
      `--limit must be a positive integer, got "${limitText}"`,
    );
    const events = core().audit.list({ repo, limit });
    if (values.json) printJson(io, events);
    else {
      for (const event of events) {
        io.stdout(
          `${String(event.seq).padStart(5)}  ${event.at}  ${event.action.padEnd(24)} ${event.actor}  ${event.subject ?? ''}\n`,
        );
      }
    }
    return EXIT_OK;
  },
};
