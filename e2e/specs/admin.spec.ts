import { expect, snapshot, test, uniqueName } from '../fixtures/test.js';
import { ApiKeysPage, UsersPage } from '../pages/admin.page.js';

test('API keys: create shows the secret once, the key works, revoke stops it; audit records both', async ({
  adminPage: page,
  seed,
  admin,
}, testInfo) => {
  const name = uniqueName('checkout-sdk');
  const keys = new ApiKeysPage(page);
  await keys.open();
  const created = await keys.createSdkKey(name, 'production');
  expect(created.status()).toBe(201);
  const secret = (await keys.secret.textContent()) ?? '';
  expect(secret.length).toBeGreaterThan(20);
  await expect(keys.row(name)).toContainText('sdk');
  await expect(keys.row(name)).toContainText('never');
  await snapshot(page, testInfo, 'api-keys');

  const use = await page.request.get('/api/v1/environments/production/breakers', {
    headers: { Authorization: `Bearer ${secret}` },
  });
  expect(use.status()).toBe(200);

  // The secret is not shown again after a reload; last use is.
  await page.reload();
  await expect(keys.secret).toHaveCount(0);
  await expect(keys.row(name)).not.toContainText('never');

  expect((await keys.revoke(name)).status()).toBe(204);
  await expect(keys.row(name)).toContainText('revoked');
  const refused = await page.request.get('/api/v1/environments/production/breakers', {
    headers: { Authorization: `Bearer ${secret}` },
  });
  expect(refused.status()).toBe(401);

  const events = await seed.audit({ actor: admin.email, resourceType: 'api_key' });
  const mine = events.filter((e) => JSON.stringify(e).includes(name)).map((e) => e.action);
  expect(mine).toEqual(['api_key.revoked', 'api_key.created']);
});

test('users: create with a one-time password, change role, disable; audit records each', async ({
  adminPage: page,
  seed,
}, testInfo) => {
  const email = `${uniqueName('editor')}@e2e.test`;
  const users = new UsersPage(page);
  await users.open();
  expect((await users.create(email, 'one-time-password-1', 'editor')).status()).toBe(201);
  await expect(users.row(email)).toContainText('one-time password');
  await expect(page.getByRole('combobox', { name: `Role of ${email}` })).toHaveValue('editor');

  expect((await users.setRole(email, 'viewer')).status()).toBe(200);
  await expect(page.getByRole('combobox', { name: `Role of ${email}` })).toHaveValue('viewer');
  expect((await users.setEnabled(email, false)).status()).toBe(200);
  await expect(page.getByRole('switch', { name: `${email} enabled` })).not.toBeChecked();
  await snapshot(page, testInfo, 'users');

  const login = await page.request.post('/api/v1/auth/login', {
    data: { email, password: 'one-time-password-1' },
    headers: { 'X-Requested-With': 'breakwater' },
  });
  expect(login.status()).toBe(401);
  const events = await seed.audit({ resourceType: 'user', action: 'user.updated' });
  expect(events.filter((e) => JSON.stringify(e).includes(email)).length).toBeGreaterThanOrEqual(2);
});
