import { expect, snapshot, test, uniqueName } from '../fixtures/test.js';
import { LoginPage } from '../pages/login.page.js';
import { ServicesPage } from '../pages/services.page.js';
import { Shell } from '../pages/shell.page.js';

test('sign in, the session survives a reload, sign out; each leaves an audit entry', async ({
  page,
  admin,
  seed,
  consoleGuard,
}, testInfo) => {
  consoleGuard.allow(/status of 401/);
  const login = new LoginPage(page);
  // A deep link while signed out goes to the form, and back to the link after signing in.
  await page.goto('/env/production/services?q=zzz');
  await expect(login.form).toBeVisible();
  await snapshot(page, testInfo, 'login');

  expect(await login.signIn(admin.email, 'not-the-password')).toBe(401);
  await expect(login.error).toBeVisible();

  expect(await login.signIn(admin.email, admin.password)).toBe(200);
  const services = new ServicesPage(page);
  await expect(services.heading).toBeVisible();
  await expect(page).toHaveURL(/\/env\/production\/services\?q=zzz$/);
  await expect(services.filter).toHaveValue('zzz');

  await page.reload();
  await expect(services.heading).toBeVisible();
  const shell = new Shell(page);
  await expect(shell.environment).toHaveValue('production');

  await shell.signOut();
  await expect(login.form).toBeVisible();
  await page.goto('/env/production/services');
  await expect(login.form).toBeVisible();

  const logins = await seed.audit({ actor: admin.email, action: 'auth.login' });
  expect(logins.length).toBeGreaterThanOrEqual(1);
  const failed = await seed.audit({ resource: admin.email, action: 'auth.login_failed' });
  expect(failed.map((e) => e.after)).toContainEqual({ reason: 'wrong password' });
});

test('a viewer is not offered what a viewer cannot do', async ({ page, seed }, testInfo) => {
  const email = `${uniqueName('viewer')}@e2e.test`;
  const password = 'viewer-password-123';
  await seed.createUser({ email, password, role: 'viewer' });
  const service = uniqueName('svc');
  await seed.createService(service);
  await seed.putBreaker('production', service, 'db', { template: 'database', overrides: {}, metadata: {} });

  // Created with a one-time password: the first sign-in asks for a new one.
  const login = new LoginPage(page);
  await login.open();
  expect(await login.signIn(email, password)).toBe(200);
  await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Current password' }).fill(password);
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('viewer-password-456');
  await page.getByRole('textbox', { name: 'Repeat the new password' }).fill('viewer-password-456');
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password') && r.status() === 204),
    page.getByRole('button', { name: 'Change password' }).click(),
  ]);

  const shell = new Shell(page);
  await expect(shell.navLink('Services')).toBeVisible();
  await expect(shell.navLink('API keys')).toHaveCount(0);
  await expect(shell.navLink('Users')).toHaveCount(0);
  await expect(shell.navLink('Audit log')).toHaveCount(0);
  await page.goto(`/env/production/services`);
  await expect(page.getByRole('button', { name: 'New service' })).toHaveCount(0);
  await page.goto(`/env/production/services/${service}/breakers/db`);
  await expect(page.getByRole('heading', { name: 'db', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save…' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Failure threshold' })).toBeDisabled();
  await snapshot(page, testInfo, 'breaker-as-viewer');
});
