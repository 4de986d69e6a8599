import { SYNC_EVENTS } from '@breakwater/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../clock.js';
import {
  CircuitBreakerType,
  getAllStandardizedBreakers,
  getStandardizedCircuitBreaker,
  resetStandardizedBreakers,
} from '../index.js';
import { ControlPlaneSync } from './connect.js';
import { FakeServer, ManualScheduler, synced } from './testing/fakes.js';

function connect() {
  const server = new FakeServer();
  const sync = new ControlPlaneSync({
    url: 'http://cp.test',
    sdkKey: 'bw_sdk_test',
    service: 'checkout',
    transport: server.transport,
    scheduler: new ManualScheduler(),
    logger: { info: () => undefined, warn: () => undefined },
  });
  sync.start();
  server.last.accept();
  return { server, sync };
}

describe('sync bound to the SDK registry', () => {
  afterEach(() => resetStandardizedBreakers());

  it('announces the registered breakers and applies remote configs to them, keeping their state', async () => {
    const clock = createManualClock();
    const breaker = getStandardizedCircuitBreaker({
      name: 'payments',
      circuitType: CircuitBreakerType.COUNT_BASED,
      config: { failureThreshold: 2, callTimeout: 5 },
      options: { clock },
    });
    await breaker.call(() => Promise.reject(new Error('down'))).catch(() => undefined);
    const { server, sync } = connect();
    expect(server.last.sentOf(SYNC_EVENTS.hello)[0].breakers).toEqual([{ name: 'payments', type: 'count_based' }]);

    const remote = synced('payments', 3, { circuitType: 'count_based', failureThreshold: 3 });
    delete remote.config.callTimeout;
    server.last.send(SYNC_EVENTS.snapshot, { service: 'checkout', revision: 3, configs: [remote], overrides: [] });
    expect(breaker.config.failureThreshold).toBe(3);
    // A section the remote config leaves out is off, not inherited from the local config.
    expect(breaker.config.callTimeout).toBeUndefined();
    // Same circuit type: the failure recorded before the change still counts (2 more trip it, not 3).
    await breaker.call(() => Promise.reject(new Error('down'))).catch(() => undefined);
    await breaker.call(() => Promise.reject(new Error('down'))).catch(() => undefined);
    expect(breaker.getState()).toBe('open');

    server.last.send(SYNC_EVENTS.delta, {
      service: 'checkout',
      fromRevision: 3,
      toRevision: 4,
      upserts: [],
      removals: ['payments'],
    });
    expect(breaker.config.failureThreshold).toBe(2);
    expect(breaker.config.callTimeout).toBe(5);
    await sync.close();
  });

  it('creates breakers the code has not asked for yet, and forces them by override', async () => {
    const { server, sync } = connect();
    server.last.send(SYNC_EVENTS.snapshot, {
      service: 'checkout',
      revision: 1,
      configs: [synced('search', 1, { failureThreshold: 4 })],
      overrides: [{ breaker: 'search', action: 'force_open' }],
    });
    const search = getAllStandardizedBreakers().get('search');
    expect(search?.config.failureThreshold).toBe(4);
    expect(search?.getState()).toBe('forced_open');
    // The code's get-or-create now returns the synced breaker.
    expect(getStandardizedCircuitBreaker({ name: 'search' })).toBe(search);
    server.last.send(SYNC_EVENTS.override, { service: 'checkout', breaker: 'search', action: 'clear' });
    expect(search?.getState()).toBe('closed');
    await sync.close();
  });
});
