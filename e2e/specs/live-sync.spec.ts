import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { InstanceListResponse, InstanceStatus } from '@breakwater/contracts';
import { getStandardizedCircuitBreaker, resetStandardizedBreakers } from '@breakwater/sdk';
import { connectToControlPlane, type ControlPlaneHandle, type SyncEvents } from '@breakwater/sdk/sync';
import { FreezableProxy, freePort, SyncControlPlane } from '../fixtures/sync-control-plane.js';

/**
 * The real SDK (`@breakwater/sdk/sync` over socket.io) against a real control plane on real PostgreSQL and Redis:
 * what a service embedding the SDK lives through. No browser involved.
 */
test.describe.configure({ mode: 'serial' });

const BREAKER = '/environments/production/services/checkout/breakers/payments';
const quiet = { info: () => undefined, warn: () => undefined };

let cp: SyncControlPlane;
let sdkKey: string;
const handles: ControlPlaneHandle[] = [];

function next<K extends keyof SyncEvents>(
  handle: ControlPlaneHandle,
  event: K,
  predicate: (value: SyncEvents[K]) => boolean = () => true,
): Promise<SyncEvents[K]> {
  return new Promise((resolve) => {
    const subscription = handle.on(event, (value) => {
      if (!predicate(value)) return;
      subscription.dispose();
      resolve(value);
    });
  });
}

async function putBreaker(failureThreshold: number): Promise<number> {
  const current = await cp.api<{ version: number }>('GET', BREAKER);
  const response = await cp.api<{ revision: number }>(
    'PUT',
    BREAKER,
    { template: 'external_api', overrides: { circuitType: 'count_based', failureThreshold } },
    current.status === 200 ? { 'if-match': String(current.body.version) } : {},
  );
  expect([200, 201]).toContain(response.status);
  return response.body.revision;
}

async function instance(instanceId: string): Promise<Partial<InstanceStatus>> {
  const list = await cp.api<InstanceListResponse>('GET', '/environments/production/instances?service=checkout');
  return list.body.instances.find((i) => i.instanceId === instanceId) ?? {};
}

test.beforeAll(async () => {
  cp = new SyncControlPlane();
  await cp.start();
  expect((await cp.api('POST', '/services', { name: 'checkout' })).status).toBe(201);
  const key = await cp.api<{ secret: string }>('POST', '/api-keys', {
    name: 'e2e-sdk',
    type: 'sdk',
    environment: 'production',
  });
  sdkKey = key.body.secret;
  await putBreaker(4);
});

test.afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
  resetStandardizedBreakers();
});

test.afterAll(async () => cp?.stop());

const cacheDir = mkdtempSync(join(tmpdir(), 'bw-e2e-sync-'));
const cacheFile = join(cacheDir, 'checkout.json');

test('a service follows the control plane: remote over local, changes live, hash verified by the server', async () => {
  const local = getStandardizedCircuitBreaker({ name: 'payments', config: { circuitType: 'count_based' } });
  expect(local.config.failureThreshold).not.toBe(4);
  const handle = connectToControlPlane({
    url: cp.url,
    sdkKey,
    service: 'checkout',
    instanceId: 'e2e-1',
    cacheFile,
    logger: quiet,
  });
  handles.push(handle);
  await handle.waitFor('synced');
  expect(handle.environment).toBe('production');
  expect(local.config.failureThreshold).toBe(4);

  const applied = next(handle, 'applied', (a) => a.kind === 'delta');
  const revision = await putBreaker(6);
  expect((await applied).revision).toBe(revision);
  expect(local.config.failureThreshold).toBe(6);
  // The instance registry shows the revision it runs, with the hash the server computed for the same configs.
  await expect.poll(async () => (await instance('e2e-1')).appliedRevision).toBe(revision);
  expect(await instance('e2e-1')).toMatchObject({ hashVerified: true, syncStatus: 'synced', connected: true });
  // The cache file holds what was applied, for the next start.
  await handle.close();
  expect(JSON.parse(readFileSync(cacheFile, 'utf8')).snapshot.revision).toBe(revision);
});

test('starts from the cache file with the control plane down, and keeps retrying', async () => {
  const down = `http://127.0.0.1:${await freePort()}`;
  const handle = connectToControlPlane({ url: down, sdkKey, service: 'checkout', cacheFile, logger: quiet });
  handles.push(handle);
  // Before the control plane could have answered:
  const breaker = getStandardizedCircuitBreaker({ name: 'payments' });
  expect(breaker.config.failureThreshold).toBe(6);
  expect(handle.status).toBe('stale');
  expect(handle.revision).not.toBeNull();
  // Calls are protected with the cached config all along.
  await expect(breaker.call(() => Promise.resolve('ok'))).resolves.toBe('ok');
});

test('NACKs an invalid config, keeps the last good one, and the server never counts it as applied', async () => {
  const breaker = getStandardizedCircuitBreaker({ name: 'payments', config: { failureThreshold: 9 } });
  // A stored config that no longer validates (a corrupted row, or a newer server than this SDK understands).
  await cp.sql('ALTER TABLE breaker_config_versions DISABLE TRIGGER breaker_config_versions_immutable');
  await cp.sql(
    `UPDATE breaker_config_versions v SET effective = jsonb_set(effective, '{failureThreshold}', '0')
     FROM breaker_configs c WHERE v.config_id = c.id AND v.version = c.current_version AND c.name = 'payments'`,
  );
  await cp.sql('ALTER TABLE breaker_config_versions ENABLE TRIGGER breaker_config_versions_immutable');
  const handle = connectToControlPlane({
    url: cp.url,
    sdkKey,
    service: 'checkout',
    instanceId: 'e2e-nack',
    logger: quiet,
  });
  handles.push(handle);
  const rejected = await next(handle, 'rejected');
  expect(rejected.reason).toContain('failureThreshold');
  expect(breaker.config.failureThreshold).toBe(9);
  expect(handle.status).not.toBe('synced');
  await expect.poll(async () => (await instance('e2e-nack')).lastNack?.reason ?? '').toContain('failureThreshold');
  expect(await instance('e2e-nack')).toMatchObject({ appliedRevision: null, syncStatus: 'stale' });
  // A good version repairs it: the next delta is applied and ACKed.
  const applied = next(handle, 'applied');
  await putBreaker(7);
  await applied;
  expect(breaker.config.failureThreshold).toBe(7);
});

test('reconnects when heartbeats stop without the socket closing (watchdog), and resumes from its revision', async () => {
  const proxy = new FreezableProxy(new URL(cp.url));
  await proxy.start();
  try {
    const handle = connectToControlPlane({
      url: proxy.url,
      sdkKey,
      service: 'checkout',
      instanceId: 'e2e-dog',
      logger: quiet,
    });
    handles.push(handle);
    await handle.waitFor('synced');
    const before = handle.revision ?? 0;
    proxy.freeze();
    const changedWhileSilent = await putBreaker(8);
    // Three missed 200 ms heartbeats: the SDK gives up on the silent connection itself.
    await handle.waitFor('stale');
    proxy.thaw();
    const resumed = await next(handle, 'applied');
    expect(resumed.kind).toBe('delta'); // from its revision, not a full snapshot
    expect(resumed.revision).toBeGreaterThanOrEqual(changedWhileSilent);
    expect(handle.revision).toBeGreaterThan(before);
    expect(getStandardizedCircuitBreaker({ name: 'payments' }).config.failureThreshold).toBe(8);
    await handle.waitFor('synced');
  } finally {
    await proxy.stop();
  }
});
