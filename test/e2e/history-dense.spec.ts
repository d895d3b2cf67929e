import { execFileSync } from 'node:child_process';
import type { TestRepo } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

/**
 * Ten release lines 1.0–1.9 after HEAD, each an rc, its X.Y.0 and 99 patches, a day apart:
 * 1,010 annotated tags in one `git fast-import` (a git call per tag would take minutes).
 */
function denseHistory(repo: TestRepo): void {
  const head = repo.head();
  const lines: string[] = [];
  let day = 0;
  let mark = 0;
  const release = (version: string, message: string) => {
    day += 1;
    mark += 1;
    const when = 1700000000 + day * 86_400;
    lines.push(
      'commit refs/heads/main',
      `mark :${mark}`,
      `committer Ada Tester <ada@example.com> ${when} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      ...(mark === 1 ? [`from ${head}`] : []),
      `M 644 inline v/${version}.txt`,
      'data 2',
      'v',
      '',
      `tag v${version}`,
      `from :${mark}`,
      `tagger Ada Tester <ada@example.com> ${when} +0000`,
      `data ${Buffer.byteLength(version)}`,
      version,
    );
  };
  for (let minor = 0; minor < 10; minor += 1) {
    release(`1.${minor}.0-rc.0`, `feat: line 1.${minor}`);
    release(`1.${minor}.0`, `fix: line 1.${minor} ready`);
    for (let patch = 1; patch < 100; patch += 1) release(`1.${minor}.${patch}`, `fix: patch ${patch}`);
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: `${lines.join('\n')}\n` });
  repo.git('reset', '-q', '--hard', 'main');
}

for (const width of [1024, 1440]) {
  test(`a history of 1,010 releases at ${width} px: no two version labels touch, each release compares with its predecessor`, async ({
    page,
    desk,
    repo,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    repo.commit('feat: the start');
    denseHistory(repo);
    await page.goto(desk.url);
    await page.getByLabel('Repository path').fill(repo.dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'History' }).click();
    await expect(page.getByRole('img', { name: /^Release timeline: 1010 releases from/ })).toBeVisible({
      timeout: 30_000,
    });

    const boxes = await page.locator('svg text.version').evaluateAll((texts) =>
      texts.map((text) => {
        const box = (text as SVGGraphicsElement).getBBox();
        return { tag: text.textContent ?? '', left: box.x, right: box.x + box.width };
      }),
    );
    expect(boxes.length).toBeGreaterThan(5);
    const sorted = [...boxes].sort((a, b) => a.left - b.left);
    for (let i = 1; i < sorted.length; i += 1) {
      expect(sorted[i]!.left, `${sorted[i - 1]!.tag} and ${sorted[i]!.tag}`).toBeGreaterThan(
        sorted[i - 1]!.right,
      );
    }
    // Each line's start is labelled before any patch.
    for (const start of ['v1.0.0', 'v1.5.0', 'v1.9.0']) expect(boxes.map((b) => b.tag)).toContain(start);
    await page.screenshot({ path: `test-results/history-dense-${width}.png` });

    const list = page.getByRole('list', { name: 'Releases, newest first' });
    await page.getByLabel('Search versions').fill('1.5.0');
    // The stable release follows the stable one before it, not its own rc; the rc follows that one too.
    await expect(list.getByRole('button', { name: 'Changes in v1.5.0 since v1.4.99' })).toBeVisible();
    await expect(list.getByRole('button', { name: 'Changes in v1.5.0-rc.0 since v1.4.99' })).toBeVisible();
    await page.getByLabel('Search versions').fill('1.5.1');
    await expect(
      list.getByRole('button', { name: 'Changes in v1.5.1 since v1.5.0', exact: true }),
    ).toBeVisible();
  });
}
