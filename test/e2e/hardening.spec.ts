import { expect, test } from './support/fixtures.js';

test('every screen renders under the strict CSP (no inline styles), and the token travels only in a header', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: first feature');
  repo.tag('v1.0.0');
  repo.commit('fix: a bug');
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective}: ${event.blockedURI || event.sample}`),
    );
  });
  const apiCalls: { url: string; token: string | undefined }[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/'))
      apiCalls.push({ url: request.url(), token: request.headers()['x-release-desk-token'] });
  });
  const events = page.waitForRequest((request) => request.url().endsWith('/api/events'));

  await page.goto(desk.url);
  await expect(page).toHaveURL(/\/$/);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Current repository' })).toContainText('v1.0.0');
  const sections = page.getByRole('navigation', { name: 'Sections' });
  for (const name of ['Trains', 'Hotfixes', 'Promotions', 'Audit', 'Release']) {
    await sections.getByRole('button', { name }).click();
    await expect(sections.getByRole('button', { name })).toHaveAttribute('aria-current', 'page');
  }
  await events;

  // A reload finds the token kept for the tab, though the address no longer has it.
  await page.reload();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Audit' }).click();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Chain verified' })).toBeVisible();

  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual(
    [],
  );
  const token = new URL(desk.url).searchParams.get('token');
  expect(apiCalls.length).toBeGreaterThan(3);
  expect(apiCalls.filter((call) => call.url.includes('token=') || call.token !== token)).toEqual([]);
});
