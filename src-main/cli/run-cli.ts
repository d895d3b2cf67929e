import { DeskError } from '../core/errors.js';
import type { Core } from '../core/context.js';
import { resolveDataDir } from '../core/store/data-dir.js';
import { APP_VERSION } from '../app-version.js';
import { parseCommandArgs, stringOption } from './args.js';
import type { CliIo } from './command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './command.js';
import { commands } from './commands/index.js';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `release-desk ${APP_VERSION} — versions, changelogs, trains, hotfixes and gated promotions`,
    '',
    'Usage: release-desk <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Every command accepts --data-dir DIR (default $RELEASE_DESK_HOME or ~/.local/share/release-desk)',
    'and --help. Exit codes: 0 success, 1 failure (reason on stderr), 2 usage error.',
    '',
  ].join('\n');
}

/** Runs one command line and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${APP_VERSION}\n`);
    return EXIT_OK;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`release-desk: unknown command "${name}"\n\n${helpText()}`);
    return EXIT_USAGE;
  }
  // Browser mode stays long enough for zod's compiled parsers to pay.
  if (name !== 'serve') (await import('./schema-mode.js')).interpretSchemas();
  const command = await entry.load();
  let core: Core | null = null;
  try {
    const args = parseCommandArgs(command, rest);
    if (args.values.help) {
      io.stdout(`Usage: ${command.usage}\n\n${entry.summary}.\n`);
      return EXIT_OK;
    }
    const dataDir = resolveDataDir(stringOption(args.values, 'data-dir'), io.env);
    // Loaded only by a command that runs: `--version`, `--help` and usage errors start without
    // the core, the state database's driver and its migrations.
    const [{ createCore }, { openDatabase, takeDatabaseNotice }, { resumeBeforeCommand }] = await Promise.all(
      [import('../core/context.js'), import('../core/store/database.js'), import('./resume-notices.js')],
    );
    const openCore = () => {
      if (core) return core;
      const db = openDatabase(dataDir);
      const notice = takeDatabaseNotice(db);
      if (notice) io.stderr(`release-desk: ${notice}\n`);
      return (core = createCore(db, { gitEnv: {} }));
    };
    if ('repo' in command.options) await resumeBeforeCommand(openCore, args.values, io, name, dataDir);
    return await command.run(args, { io, dataDir, core: openCore });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`release-desk ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof DeskError || error instanceof Error ? error.message : String(error);
    io.stderr(`release-desk ${name}: ${message.split('\n')[0]}\n`);
    return EXIT_FAILED;
  } finally {
    const opened = core as Core | null;
    // The command's answer stands: a cache that could not be written is only parsed again next time.
    if (opened)
      await (
        await import('../core/context.js')
      )
        .closeCore(opened)
        .catch((error: unknown) =>
          io.stderr(`release-desk ${name}: warning: the commit cache was not saved: ${String(error)}\n`),
        );
  }
}
