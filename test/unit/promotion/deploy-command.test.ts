import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { deployCommand, shellQuote } from '../../../src-main/core/promotion/deploy.js';

const hostile = ["it's", '$(touch /tmp/pwned)', '`id`', 'a;b && c | d', '"quoted"', '\\n', '*', ''];

describe.skipIf(process.platform === 'win32')('deploy command templates', () => {
  it.each(hostile)('passes %j to the shell as one literal word', (value) => {
    const printed = execFileSync('/bin/sh', ['-c', `printf '[%s]' ${shellQuote(value)}`], {
      encoding: 'utf8',
    });
    expect(printed).toBe(`[${value}]`);
  });

  it('fills every placeholder, quoted, and leaves the rest of the template alone', () => {
    const command = deployCommand('./deploy.sh {environment} {version} --sha={sha} {tag} {other}', {
      environment: 'production',
      version: "1.2.0-x'y",
      sha: 'abc123',
      tag: 'v1.2.0',
    });
    expect(command).toBe(`./deploy.sh 'production' '1.2.0-x'\\''y' --sha='abc123' 'v1.2.0' {other}`);
    const words = execFileSync('/bin/sh', ['-c', `printf '[%s]' ${command.slice('./deploy.sh '.length)}`], {
      encoding: 'utf8',
    });
    expect(words).toBe("[production][1.2.0-x'y][--sha=abc123][v1.2.0][{other}]");
  });
});
