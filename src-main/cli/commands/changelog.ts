import type { ChangelogDocument } from '../../../shared/domain/release.js';
import { callApi } from '../api-call.js';
import { assertUsage, stringOption } from '../args.js';
import type { CliCommand } from '../command.js';
import { EXIT_OK } from '../command.js';
import { printJson } from '../output.js';
import { repoPath } from '../repo-option.js';

/** The JSON contract's keys only, in its order. */
function contract({ version, date, sections, breaking }: ChangelogDocument) {
  return { version, date, sections, breaking };
}

export const changelogCommand: CliCommand = {
  name: 'changelog',
  usage:
    'release-desk changelog [--repo DIR] [--from REF] [--to REF] [--version V] [--format markdown|json] [--all]\n' +
    '  --all  every release in the range (default: the whole history), one section each',
  options: {
    repo: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    version: { type: 'string' },
    format: { type: 'string' },
    all: { type: 'boolean' },
  },
  async run({ values }, { io, core }) {
    const format = stringOption(values, 'format') ?? 'markdown';
    assertUsage(
      format === 'markdown' || format === 'json',
      `--format must be markdown or json, got "${format}"`,
    );
    const version = stringOption(values, 'version');
    assertUsage(version === undefined || version.trim() !== '', '--version must not be empty');
    const result = await callApi(core(), 'release.changelog', {
      path: repoPath(values, io),
      from: stringOption(values, 'from'),
      to: stringOption(values, 'to'),
      version,
      all: values.all === true,
    });
    for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
    if (format === 'markdown') io.stdout(result.markdown);
    else printJson(io, values.all ? result.documents.map(contract) : contract(result.documents[0]!));
    return EXIT_OK;
  },
};
