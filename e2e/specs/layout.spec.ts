import { expect, snapshot, test, uniqueName } from '../fixtures/test.js';

const PAGES = ['/env/production/services', '/env/production/fleet', '/audit', '/api-keys', '/users', '/status'];

for (const width of [1280, 768]) {
  test(`every page is readable at ${width} px: no horizontal scrolling of the page`, async ({
    adminPage: page,
    seed,
  }, testInfo) => {
    const service = uniqueName('layout');
    await seed.createService(service, { owner: 'team-layout', tags: ['edge'] });
    await seed.putBreaker('production', service, 'route', { template: 'http_route', overrides: {} });
    await page.setViewportSize({ width, height: 900 });
    for (const path of [
      ...PAGES,
      `/env/production/services/${service}`,
      `/env/production/services/${service}/breakers/route`,
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await expect(page.getByRole('progressbar').or(page.locator('[aria-label^="Loading"]'))).toHaveCount(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      await snapshot(page, testInfo, `${width}${path.replaceAll('/', '_')}`);
    }
  });
}

test('keyboard: sign-in form and navigation work without a mouse', async ({ page, admin, consoleGuard }) => {
  consoleGuard.allow(/status of 401/);
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email' }).focus();
  await page.keyboard.type(admin.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(admin.password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.status() === 200),
    page.keyboard.press('Enter'),
  ]);
  await expect(page.getByRole('heading', { name: 'Services', level: 1 })).toBeVisible();
  const auditLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' });
  await auditLink.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
});
