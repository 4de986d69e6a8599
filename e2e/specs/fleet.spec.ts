import { getAllStandardizedBreakers, getStandardizedCircuitBreaker } from '@breakwater/sdk';
import { connectToControlPlane, type ControlPlaneHandle } from '@breakwater/sdk/sync';
import { expect, snapshot, test, uniqueName } from '../fixtures/test.js';
import { BreakerEditorPage } from '../pages/breaker-editor.page.js';
import { BreakersPage } from '../pages/breakers.page.js';
import { FleetPage, OverrideControls } from '../pages/fleet.page.js';
import { Shell } from '../pages/shell.page.js';

const ENV = 'production';
/** The refetch fallback while the live channel is away, set far beyond every wait here: updates must be pushed. */
const FALLBACK_MS = 3_600_000;

/** Resolves with the next value the SDK reports for `event` that satisfies `match`. */
function next<T>(handle: ControlPlaneHandle, event: 'applied' | 'override', match: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const subscription = handle.on(event, (value) => {
      if (!match(value as T)) return;
      subscription.dispose();
      resolve(value as T);
    });
  });
}

test('a connected SDK shows up live, picks up a config change, and obeys a fleet-wide override', async ({
  adminPage: page,
  seed,
  baseURL,
}, testInfo) => {
  const service = uniqueName('chat');
  await seed.createService(service);
  await seed.putBreaker(ENV, service, 'llm', { template: 'ai_provider', overrides: {}, message: 'initial' });
  const key = await seed.createApiKey({ name: uniqueName('chat-sdk'), type: 'sdk', environment: ENV });

  await page.addInitScript((ms) => localStorage.setItem('breakwater:live-fallback-ms', String(ms)), FALLBACK_MS);
  const fleet = new FleetPage(page);
  const shell = new Shell(page);
  await fleet.open(ENV, service);
  await expect(shell.live).toHaveAttribute('data-status', 'live');
  await expect(page.getByTestId('empty-state')).toContainText(`No SDK instance has connected for ${service}`);

  // A real SDK in this process: its own registry holds the breaker, the control plane drives it.
  const breaker = getStandardizedCircuitBreaker({ name: 'llm', breakerType: 'ai' });
  const instanceId = uniqueName('e2e-instance');
  const sdk = connectToControlPlane({ url: baseURL ?? '', sdkKey: key.secret, service, instanceId });
  try {
    await sdk.waitFor('synced');
    expect(breaker.config.timeout).toBe(30); // production's profile over the template, from the control plane

    // The page updates without a reload, pushed: no poll runs while the channel is live (and the fallback is 1 h).
    await expect(fleet.instance(instanceId)).toContainText('connected');
    await expect(fleet.instance(instanceId)).toContainText('synced');
    await expect(fleet.breaker(service, 'llm')).toContainText('1 of 1 instances on the current version');
    await snapshot(page, testInfo, 'fleet');

    // Change the config in the editor: the SDK applies it.
    const editor = new BreakerEditorPage(page);
    await editor.open(ENV, service, 'llm');
    const applied = next<{ revision: number }>(sdk, 'applied', () => true);
    await editor.field('Open timeout (s)').fill('45');
    expect((await editor.save('longer open timeout for the fleet')).status()).toBe(200);
    const { revision } = await applied;
    expect(getAllStandardizedBreakers().get('llm')?.config.timeout).toBe(45);

    const breakers = new BreakersPage(page);
    await breakers.open(ENV, service);
    await expect(breakers.row('llm').getByTestId('instances')).toHaveText('1 of 1');
    await fleet.open(ENV, service);
    await expect(fleet.instance(instanceId)).toContainText(String(revision));

    // Force it open fleet-wide: a confirmation names the service and environment, a banner stays while active.
    await editor.open(ENV, service, 'llm');
    const controls = new OverrideControls(page);
    const forced = next<{ action: string }>(sdk, 'override', (o) => o.action === 'force_open');
    expect((await controls.apply('Force open', service, ENV)).status()).toBe(200);
    await forced;
    expect(breaker.getState()).toBe('forced_open');
    await expect(controls.banner).toContainText('force open');
    await page.reload();
    await expect(controls.banner).toContainText(`${service}/llm in ${ENV}`);
    await snapshot(page, testInfo, 'override');
    await breakers.open(ENV, service);
    await expect(breakers.row('llm')).toContainText('force_open');

    await editor.open(ENV, service, 'llm');
    const cleared = next<{ action: string }>(sdk, 'override', (o) => o.action === 'clear');
    expect((await controls.apply('Clear override', service, ENV)).status()).toBe(200);
    await cleared;
    expect(breaker.getState()).toBe('closed');
    await expect(controls.banner).toHaveCount(0);

    const configEvents = await seed.audit({ resourceType: 'breaker_config', resource: `${ENV}/${service}/llm` });
    expect(configEvents.map((e) => e.action)).toEqual(['breaker_config.updated', 'breaker_config.created']);
    // Overrides are audited under the breaker's resource id, like its config changes.
    const overrideEvents = await seed.audit({
      resourceType: 'breaker_override',
      resource: `production/${service}/llm`,
    });
    expect(overrideEvents.map((e) => [e.action, e.environment])).toEqual([
      ['override.cleared', ENV],
      ['override.set', ENV],
    ]);

    const together = await seed.audit({ resource: `${ENV}/${service}/llm` });
    expect(together.map((e) => e.action)).toEqual([
      'override.cleared',
      'override.set',
      'breaker_config.updated',
      'breaker_config.created',
    ]);

    // Someone else changes the config and overrides it (through the API): the open fleet page shows it, pushed.
    await fleet.open(ENV, service);
    await expect(shell.live).toHaveAttribute('data-status', 'live');
    await expect(fleet.instance(instanceId)).toContainText('connected');
    const current = await seed.getBreaker(ENV, service, 'llm');
    const appliedAgain = next<{ revision: number }>(sdk, 'applied', (a) => a.revision > revision);
    await seed.putBreaker(
      ENV,
      service,
      'llm',
      { template: 'ai_provider', overrides: { timeout: 50 }, message: 'pushed' },
      current.version,
    );
    const pushed = await appliedAgain;
    await expect(fleet.instance(instanceId).getByTestId('applied-revision')).toHaveText(String(pushed.revision));
    await seed.setOverride(ENV, service, 'llm', 'force_close');
    await expect(page.getByTestId('override-banner')).toContainText('force close');
    await seed.clearOverride(ENV, service, 'llm');
    await expect(page.getByTestId('override-banner')).toHaveCount(0);

    // The instance leaves: the open fleet page shows it without a reload.
    await sdk.close();
    await expect(fleet.instance(instanceId)).toContainText('disconnected');
    await expect(fleet.instance(instanceId)).toContainText('offline');
  } finally {
    await sdk.close();
  }
});
