import { breakerSchema } from '@breakwater/contracts';
import { expect, signIn, snapshot, test, uniqueName, watchConsole } from '../fixtures/test.js';
import { BreakerEditorPage } from '../pages/breaker-editor.page.js';
import { BreakersPage } from '../pages/breakers.page.js';
import { ServicesPage } from '../pages/services.page.js';

const ENV = 'production';

test('create a service and a breaker from a template; values show where they come from; audit records both', async ({
  adminPage: page,
  seed,
  admin,
}, testInfo) => {
  const service = uniqueName('payments');
  const services = new ServicesPage(page);
  await services.open(ENV);
  expect(await services.create(service, 'team-payments', ['critical'])).toBe(201);
  await expect(services.row(service)).toContainText('team-payments');
  await expect(services.row(service)).toContainText('critical');
  await snapshot(page, testInfo, 'services');

  await services.row(service).getByRole('link', { name: service }).click();
  const breakers = new BreakersPage(page);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await breakers.newBreaker.click();

  const editor = new BreakerEditorPage(page);
  await editor.field('Name').fill('orders-db');
  await editor.choose('Template', /^database:/);
  // The template sets the circuit type, production's profile the failure rate.
  await expect(editor.field('Circuit type')).toHaveValue('percentage_based');
  await expect(editor.source('circuitType')).toHaveText('template');
  await expect(editor.field('Failure rate threshold')).toHaveValue('0.3');
  await expect(editor.source('failureRateThreshold')).toHaveText('environment');

  // The same field-level message as the server's schema.
  await editor.field('Minimum calls').fill('0');
  await expect(page.getByText('minimumCalls: must be a positive integer (at least 1)')).toBeVisible();
  await expect(editor.saveButton).toBeDisabled();
  await editor.field('Minimum calls').fill('40');
  await expect(editor.source('minimumCalls')).toHaveText('override');
  await snapshot(page, testInfo, 'breaker-new');

  const created = await editor.save('first config for orders');
  expect(created.status()).toBe(201);
  await expect(page).toHaveURL(new RegExp(`/services/${service}/breakers/orders-db$`));
  await expect(editor.summary).toContainText(`v1 · percentage_based · changed by ${admin.email}`);

  const stored = await seed.getBreaker(ENV, service, 'orders-db');
  expect(stored.overrides).toEqual({ minimumCalls: 40 });
  expect(stored.template).toBe('database');

  await breakers.open(ENV, service);
  await expect(breakers.row('orders-db')).toContainText('percentage_based');
  await expect(breakers.row('orders-db')).toContainText('v1');
  await snapshot(page, testInfo, 'breakers');

  const [serviceEvent] = await seed.audit({ action: 'service.created', resource: service });
  expect(serviceEvent?.actor.label).toBe(admin.email);
  const [breakerEvent] = await seed.audit({ resource: `${ENV}/${service}/orders-db` });
  expect(breakerEvent).toMatchObject({ action: 'breaker_config.created', message: 'first config for orders' });
  expect(breakerEvent?.after).toMatchObject({ version: 1, template: 'database', overrides: { minimumCalls: 40 } });
});

test('the YAML view edits the same config and names fields as the file spells them', async ({
  adminPage: page,
  seed,
}, testInfo) => {
  const service = uniqueName('ai');
  await seed.createService(service);
  await seed.putBreaker(ENV, service, 'claude', { template: 'ai_provider', overrides: { failureThreshold: 2 } });
  const editor = new BreakerEditorPage(page);
  await editor.open(ENV, service, 'claude', '?view=yaml');
  await expect(editor.yaml).toHaveValue(/failure_threshold: 2/);
  await editor.yaml.fill(
    'name: claude\nfailure_threshold: 4\nfailure_treshold: 1\nmetadata:\n  template: ai_provider\n',
  );
  await expect(page.getByText('failure_treshold: unknown field, did you mean failure_threshold?')).toBeVisible();
  await editor.yaml.fill('name: claude\nfailure_threshold: 4\ntimeout: 45\nmetadata:\n  template: ai_provider\n');
  await snapshot(page, testInfo, 'breaker-yaml');
  await editor.view('Form');
  await expect(editor.field('Failure threshold')).toHaveValue('4');
  await expect(editor.field('Open timeout (s)')).toHaveValue('45');
  const saved = await editor.save('tuned in YAML');
  expect(saved.status()).toBe(200);
  expect((await seed.getBreaker(ENV, service, 'claude')).overrides).toEqual({ failureThreshold: 4, timeout: 45 });
});

test('two people edit the same version: the second sees what changed and re-applies on top', async ({
  browser,
  admin,
  seed,
}, testInfo) => {
  const service = uniqueName('conflict');
  await seed.createService(service);
  await seed.putBreaker(ENV, service, 'stripe', { template: 'external_api', overrides: {} });

  const alice = await browser.newPage();
  const bob = await browser.newPage();
  const aliceConsole = watchConsole(alice);
  const bobConsole = watchConsole(bob);
  bobConsole.allow(/status of 409/); // Chromium logs the refused save; the page handles it
  await signIn(alice, admin);
  await signIn(bob, admin);
  const aliceEditor = new BreakerEditorPage(alice);
  const bobEditor = new BreakerEditorPage(bob);
  await aliceEditor.open(ENV, service, 'stripe');
  await bobEditor.open(ENV, service, 'stripe');

  // Bob has started editing: the editor keeps his draft when Alice's version is pushed (an untouched one would
  // switch to hers), so his save still names version 1.
  await bobEditor.field('Priority').fill('1');
  await aliceEditor.field('Open timeout (s)').fill('90');
  expect((await aliceEditor.save('alice: longer open timeout')).status()).toBe(200);

  const stale = await bobEditor.save('bob: raise priority');
  expect(stale.status()).toBe(409);
  await expect(bobEditor.conflictDialog).toBeVisible();
  await expect(bobEditor.conflictDialog).toContainText('saved version 2');
  await expect(
    bobEditor.conflictDialog.getByRole('table', { name: 'Changes made meanwhile' }).locator('[data-change="added"]'),
  ).toContainText('timeout: 90');
  await expect(
    bobEditor.conflictDialog.getByRole('table', { name: 'Your changes' }).locator('[data-change="added"]'),
  ).toContainText('priority: 1');
  await snapshot(bob, testInfo, 'conflict');
  await bobEditor.conflictDialog.getByRole('button', { name: 'Re-apply my changes' }).click();
  await expect(bobEditor.field('Priority')).toHaveValue('1');
  await expect(bobEditor.field('Open timeout (s)')).toHaveValue('90');
  const merged = await bobEditor.save('bob: raise priority on top of alice');
  expect(merged.status()).toBe(200);
  expect(breakerSchema.parse(await merged.json()).version).toBe(3);
  // Alice's editor, untouched since her save, shows Bob's version without a reload (pushed; the fallback is 30 s).
  await expect(aliceEditor.field('Priority')).toHaveValue('1');

  const stored = await seed.getBreaker(ENV, service, 'stripe');
  expect(stored.overrides).toEqual({ timeout: 90, priority: 1 });
  const events = await seed.audit({ resource: `${ENV}/${service}/stripe` });
  expect(events.map((e) => e.message)).toEqual([
    'bob: raise priority on top of alice',
    'alice: longer open timeout',
    undefined,
  ]);
  aliceConsole.check();
  bobConsole.check();
  await alice.close();
  await bob.close();
});

test('history, side-by-side diff of two versions, and rollback with confirmation', async ({
  adminPage: page,
  seed,
}, testInfo) => {
  const service = uniqueName('history');
  await seed.createService(service);
  await seed.putBreaker(ENV, service, 'pg', { template: 'database', overrides: { timeout: 20 }, message: 'start' });
  await seed.putBreaker(ENV, service, 'pg', { template: 'database', overrides: { timeout: 75 }, message: 'slower' }, 1);

  const editor = new BreakerEditorPage(page);
  await editor.open(ENV, service, 'pg', '?tab=history');
  await expect(editor.versionRow(2)).toContainText('slower');
  await expect(editor.versionRow(2)).toContainText('current');
  await expect(editor.versionRow(1)).toContainText('start');
  await snapshot(page, testInfo, 'history');

  await page.getByRole('button', { name: 'Diff v1 to v2' }).click();
  await expect(page).toHaveURL(/tab=diff&from=1&to=2/);
  const diff = page.getByRole('table', { name: 'Version diff' });
  await expect(diff.locator('[data-change="removed"]')).toHaveText('− timeout: 20');
  await expect(diff.locator('[data-change="added"]')).toHaveText('+ timeout: 75');
  await expect(page.getByRole('table', { name: 'Changed fields' })).toContainText('overrides.timeout');
  await snapshot(page, testInfo, 'diff');

  await editor.tab('History');
  const rolledBack = await editor.rollbackTo(1, 'back to the fast timeout');
  expect(rolledBack.status()).toBe(200);
  await expect(editor.versionRow(3)).toContainText('back to the fast timeout');
  await expect(editor.versionRow(3)).toContainText('current');
  await expect(editor.summary).toContainText('v3');

  expect((await seed.getBreaker(ENV, service, 'pg')).overrides).toEqual({ timeout: 20 });
  const [event] = await seed.audit({ resource: `${ENV}/${service}/pg`, action: 'breaker_config.rolled_back' });
  expect(event?.message).toBe('back to the fast timeout');
  expect(event?.after).toMatchObject({ version: 3, overrides: { timeout: 20 } });
});
