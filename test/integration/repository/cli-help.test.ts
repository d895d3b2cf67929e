import { describe, expect, it } from 'vitest';
import { commands } from '../../../src-main/cli/commands/index.js';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { captureIo } from '../../support/cli-io.js';
import { tempDir } from '../../support/git-fixture.js';

describe('the CLI frame', () => {
  it('--help lists every command with its summary', async () => {
    const out = captureIo();
    expect(await runCli(['--help'], out.io)).toBe(0);
    for (const entry of commands) expect(out.stdout()).toContain(`${entry.name}`);
    expect(out.stdout()).toContain('next-version');
  });

  it('every command loads, and its name matches its entry', async () => {
    for (const entry of commands) expect((await entry.load()).name).toBe(entry.name);
  });

  it('a command’s --help prints its usage and summary', async () => {
    const out = captureIo();
    expect(await runCli(['next-version', '--help'], out.io)).toBe(0);
    expect(out.stdout()).toMatch(/^Usage: release-desk next-version/);
    expect(out.stdout()).toContain('Compute the next version');
  });

  it('an unknown command or option is a usage error (exit 2)', async () => {
    const unknown = captureIo();
    expect(await runCli(['ship-it'], unknown.io)).toBe(2);
    expect(unknown.stderr()).toContain('unknown command "ship-it"');
    const option = captureIo();
    expect(await runCli(['audit', 'verify', '--bogus', '--data-dir', tempDir()], option.io)).toBe(2);
    expect(option.stderr()).toMatch(/bogus/);
  });
});
