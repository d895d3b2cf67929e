import { execFileSync } from 'node:child_process';
import type { TestRepo } from '../../support/git-fixture.js';

/**
 * `count` conventional commits on main after HEAD, one file each, in one `git fast-import` (a few
 * ms, not a git call each): every `fixEvery`-th is a `fix(core)`, the rest `feat(ui)`.
 */
export function manyCommits(repo: TestRepo, count: number, fixEvery: number): void {
  const head = repo.head();
  const lines: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const message = i % fixEvery === 0 ? `fix(core): bug number ${i}` : `feat(ui): widget number ${i}`;
    const content = `${i}\n`;
    lines.push(
      'commit refs/heads/main',
      `committer Ada Tester <ada@example.com> ${1767700000 + i * 60} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      ...(i === 1 ? [`from ${head}`] : []),
      `M 644 inline many/file-${i}.txt`,
      `data ${Buffer.byteLength(content)}`,
      content,
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: `${lines.join('\n')}\n` });
  repo.git('reset', '-q', '--hard', 'main');
}
