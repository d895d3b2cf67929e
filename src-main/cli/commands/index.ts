import type { CliCommand } from '../command.js';
import { auditCommand } from './audit.js';
import { serveCommand } from './serve.js';

/** Every `release-desk` command, in the order `--help` lists them. */
export const commands: CliCommand[] = [serveCommand, auditCommand];
