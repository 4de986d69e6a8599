import { getAllStandardizedBreakers, getStandardizedCircuitBreaker } from '@breakwater/sdk';
import { connectToControlPlane, type ControlPlaneHandle } from '@breakwater/sdk/sync';
import { expect, snapshot, test, uniqueName } from '../fixtures/test.js';
import { BreakerEditorPage } from '../pages/breaker-editor.page.js';
import { BreakersPage } from '../pages/breakers.page.js';
import { FleetPage, OverrideControls } from '../pages/fleet.page.js';

const ENV = 'production';

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

  const fleet = new FleetPage(page);
  await fleet.open(ENV, service);
  await expect(page.getByTestId('empty-state')).toContainText(`No SDK instance has connected for ${service}`);

  // A real SDK in this process: its own registry holds the breaker, the control plane drives it.
  const breaker = getStandardizedCircuitBreaker({ name: 'llm', breakerType: 'ai' });
  const instanceId = uniqueName('e2e-instance');
  const sdk = connectToControlPlane({ url: baseURL ?? '', sdkKey: key.secret, service, instanceId });
  try {
    await sdk.waitFor('synced');
    expect(breaker.config.timeout).toBe(30); // production's profile over the template, from the control plane

    // The page updates without a reload.
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

    const configEvents = await seed.audit({ resource: `${ENV}/${service}/llm` });
    expect(configEvents.map((e) => e.action)).toEqual(['breaker_config.updated', 'breaker_config.created']);
    // Overrides are audited per service/breaker, with the environment beside it.
    const overrideEvents = await seed.audit({
      resourceType: 'breaker_override',
      resource: `production/${service}/llm`,
    });
    expect(overrideEvents.map((e) => [e.action, e.environment])).toEqual([
      ['override.cleared', ENV],
      ['override.set', ENV],
    ]);

    // The instance leaves: the open fleet page shows it without a reload.
    await fleet.open(ENV, service);
    await expect(fleet.instance(instanceId)).toContainText('connected');
    await sdk.close();
    await expect(fleet.instance(instanceId)).toContainText('disconnected');
    await expect(fleet.instance(instanceId)).toContainText('offline');
  } finally {
    await sdk.close();
  }
});
