import type { CliCommand } from '../command.js';
import { auditCommand } from './audit.js';
import { changelogCommand } from './changelog.js';
import { nextVersionCommand } from './next-version.js';
import { releaseCommand } from './release.js';
import { approveCommand, overrideWindowCommand, rejectCommand, tickCommand } from './approvals.js';
import { envCommand } from './env.js';
import { evidenceCommand } from './evidence.js';
import { gatesCommand } from './gates.js';
import { promoteCommand } from './promote.js';
import { rollbackCommand } from './rollback.js';
import { serveCommand } from './serve.js';
import { trainCommand } from './train.js';
import { hotfixCommand } from './hotfix.js';
import { containsCommand } from './contains.js';

/** Every `release-desk` command, in the order `--help` lists them. */
export const commands: CliCommand[] = [
  serveCommand,
  auditCommand,
  nextVersionCommand,
  changelogCommand,
  releaseCommand,
  envCommand,
  promoteCommand,
  gatesCommand,
  tickCommand,
  approveCommand,
  rejectCommand,
  overrideWindowCommand,
  rollbackCommand,
  evidenceCommand,
  trainCommand,
  hotfixCommand,
  containsCommand,
];
