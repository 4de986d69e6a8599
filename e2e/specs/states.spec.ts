import { CSRF, expect, test, uniqueName } from '../fixtures/test.js';
import { LoginPage } from '../pages/login.page.js';

test('a breaker that does not exist shows an error naming it, with a retry', async ({
  adminPage: page,
  seed,
  consoleGuard,
}) => {
  consoleGuard.allow(/status of 404/);
  const service = uniqueName('states');
  await seed.createService(service);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/api/v1/environments/production/services/${service}/breakers/ghost`)),
    page.goto(`/env/production/services/${service}/breakers/ghost`),
  ]);
  expect(response.status()).toBe(404);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not load breaker ghost');
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('an unknown address says so inside the app', async ({ adminPage: page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('a session that ends elsewhere sends the page back to sign-in', async ({ adminPage: page, consoleGuard }) => {
  consoleGuard.allow(/status of 401/);
  await page.goto('/env/production/services');
  await expect(page.getByRole('heading', { name: 'Services', level: 1 })).toBeVisible();
  // Sign out through the API with the page's own cookie, as another tab would.
  expect((await page.request.post('/api/v1/auth/logout', { headers: CSRF })).status()).toBe(204);
  // The live channel hears of it (admin:session-ended): the page goes to sign-in without being touched.
  await expect(new LoginPage(page).form).toBeVisible();
  await expect(page).toHaveURL(/\/login\?next=/);
});
