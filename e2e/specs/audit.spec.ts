import { expect, snapshot, test, uniqueName } from '../fixtures/test.js';
import { AuditPage } from '../pages/audit.page.js';

test('audit log: filters in the URL, before/after of an entry, pages by cursor, export', async ({
  adminPage: page,
  seed,
  admin,
}, testInfo) => {
  const service = uniqueName('audited');
  await seed.createService(service);
  const resource = `production/${service}/cache`;
  await seed.putBreaker('production', service, 'cache', { overrides: { timeout: 10 }, message: 'v1' });
  for (let version = 1; version <= 26; version++)
    await seed.putBreaker(
      'production',
      service,
      'cache',
      { overrides: { timeout: 10 + version }, message: `v${version + 1}` },
      version,
    );

  const audit = new AuditPage(page);
  // A shared link opens the same filtered view.
  await audit.open(`?resource=${encodeURIComponent(resource)}`);
  await expect(audit.filter('Resource')).toHaveValue(resource);
  await expect(audit.rows()).toHaveCount(25);
  await expect(audit.rows().first()).toContainText('v27');
  await expect(audit.rows().first()).toContainText(admin.email);

  const [nextPage] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('cursor=')),
    page.getByRole('button', { name: 'Load older events' }).click(),
  ]);
  expect(nextPage.status()).toBe(200);
  await expect(audit.rows()).toHaveCount(27);
  await expect(audit.rows().last()).toContainText('breaker_config.created');
  await expect(page.getByRole('button', { name: 'Load older events' })).toHaveCount(0);

  await audit.rows().first().getByRole('button', { name: 'Show change' }).click();
  const change = page.getByRole('table', { name: `Change of ${resource}` });
  await expect(change.locator('[data-change="removed"]')).toContainText(['version: 26', 'timeout: 35']);
  await expect(change.locator('[data-change="added"]')).toContainText(['version: 27', 'timeout: 36']);
  await snapshot(page, testInfo, 'audit');

  // A time range after every event: nothing matches.
  await page.getByLabel('From').fill('2099-01-01T00:00');
  await expect(page.getByTestId('empty-state')).toHaveText('No audit events match.');
  await page.getByLabel('From').fill('');
  await expect(audit.rows()).toHaveCount(27); // both pages loaded before are still there

  await audit.filter('Action').fill('breaker_config.created');
  await expect(page).toHaveURL(/action=breaker_config.created/);
  await expect(audit.rows()).toHaveCount(1);

  const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
  expect(href).toContain('format=csv');
  const csv = await page.request.get(href ?? '');
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(resource);
  expect(text.trim().split('\n')).toHaveLength(2); // header + the one created event
});

test('an empty filter result says so', async ({ adminPage: page }) => {
  const audit = new AuditPage(page);
  await audit.open(`?actor=${uniqueName('nobody')}`);
  await expect(page.getByTestId('empty-state')).toHaveText('No audit events match.');
});
