import { contentHash, SYNC_EVENTS, type BreakerConfig, type SyncedConfig } from '@breakwater/contracts';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../breaker/circuit-breaker.js';
import { isSealedConfig, sealValidatedConfig } from '../breaker/sealed-config.js';
import { InvalidBreakerConfigError } from '../errors.js';
import { ControlPlaneSync } from './connect.js';
import { completeInput, syncableBreaker } from './standardized-registry.js';
import type { SyncRegistry } from './sync-registry.js';
import { config, FakeServer, ManualScheduler, synced } from './testing/fakes.js';

/** Real CircuitBreakers, driven as the SDK's own registry drives them. */
function realRegistry() {
  const breakers = new Map<string, CircuitBreaker>();
  const registry: SyncRegistry = {
    get: (name) => {
      const breaker = breakers.get(name);
      return breaker && syncableBreaker(breaker);
    },
    create: (name, initial) => {
      const breaker = new CircuitBreaker(name, completeInput(initial));
      breakers.set(name, breaker);
      return syncableBreaker(breaker);
    },
    list: () => [...breakers].map(([name, b]) => ({ name, type: b.config.circuitType })),
  };
  return { registry, breakers };
}

function connected() {
  const server = new FakeServer();
  const { registry, breakers } = realRegistry();
  const sync = new ControlPlaneSync({
    url: 'http://cp.test',
    sdkKey: 'bw_sdk_test',
    service: 'checkout',
    instanceId: 'i-1',
    registry,
    transport: server.transport,
    scheduler: new ManualScheduler(),
    logger: { info: () => undefined, warn: () => undefined },
  });
  sync.start();
  const conn = server.last;
  conn.accept();
  return { sync, conn, breakers };
}

/** What the validating path makes of `cfg` for a breaker that ran `before`. */
function validated(cfg: BreakerConfig, before: BreakerConfig): BreakerConfig {
  const breaker = new CircuitBreaker(cfg.name, completeInput(before));
  breaker.updateConfig(completeInput(cfg));
  return breaker.config;
}

const variants: Array<[string, BreakerConfig]> = [
  ['plain', config('payments', { failureThreshold: 9 })],
  ['with call timeout and bulkhead', config('payments', { callTimeout: 2, bulkheadConfig: { maxConcurrentCalls: 4 } })],
  ['count based', config('payments', { circuitType: 'count_based', failureRateThreshold: 0.3 })],
];

describe('a pushed config is validated once', () => {
  it.each(variants)('a sealed %s config gives the breaker what validating it again would', (_label, cfg) => {
    const before = config('payments', {
      callTimeout: 5,
      bulkheadConfig: { maxConcurrentCalls: 2, isolationPoolName: 'pool' },
    });
    const breaker = new CircuitBreaker('payments', completeInput(before));
    const sealed = sealValidatedConfig(structuredClone(cfg));
    syncableBreaker(breaker).updateConfig(sealed);
    expect(breaker.config).toBe(sealed); // taken as it is: not resolved again
    expect(breaker.config).toEqual(validated(cfg, before));
  });

  it('a sealed config cannot be changed after it was validated', () => {
    const sealed = sealValidatedConfig(config('payments'));
    expect(() => {
      (sealed as { failureThreshold: number }).failureThreshold = -1;
    }).toThrow(TypeError);
    expect(() => {
      (sealed.adaptiveConfig as { throttleK: number }).throttleK = -1;
    }).toThrow(TypeError);
    expect(sealed.failureThreshold).toBe(config('payments').failureThreshold);
  });

  it('an unsealed config through the sync path is validated: an invalid one throws and changes nothing', () => {
    const breaker = new CircuitBreaker('payments', { failureThreshold: 5 });
    const bad = { ...config('payments'), failureThreshold: -1 };
    expect(isSealedConfig(bad)).toBe(false);
    expect(() => syncableBreaker(breaker).updateConfig(bad)).toThrow(InvalidBreakerConfigError);
    expect(breaker.config.failureThreshold).toBe(5);
  });

  it('a sealed config of another breaker is validated and renamed, not taken as it is', () => {
    const breaker = new CircuitBreaker('payments', { failureThreshold: 5 });
    const other = sealValidatedConfig(config('search', { failureThreshold: 8 }));
    syncableBreaker(breaker).updateConfig(other);
    expect(breaker.config).not.toBe(other);
    expect(breaker.config).toMatchObject({ name: 'payments', failureThreshold: 8 });
  });

  it('updateConfig from user code still validates, even when handed a sealed config', () => {
    const breaker = new CircuitBreaker('payments', { failureThreshold: 5 });
    const sealed = sealValidatedConfig(config('payments', { failureThreshold: 7 }));
    breaker.updateConfig(sealed);
    expect(breaker.config).not.toBe(sealed);
    expect(breaker.config.failureThreshold).toBe(7);
    expect(() => breaker.updateConfig({ failureThreshold: -1 })).toThrow(InvalidBreakerConfigError);
    expect(breaker.config.failureThreshold).toBe(7);
  });

  it('real breakers: an invalid pushed config is NACKed and the last good config stays', () => {
    const { sync, conn, breakers } = connected();
    conn.send(SYNC_EVENTS.snapshot, {
      service: 'checkout',
      revision: 1,
      configs: [synced('payments', 1, { failureThreshold: 8 }), synced('search', 1)],
      overrides: [],
    });
    const bad = { ...synced('search', 2), config: { ...config('search'), minimumCalls: 0 } };
    conn.send(SYNC_EVENTS.delta, {
      service: 'checkout',
      fromRevision: 1,
      toRevision: 2,
      upserts: [synced('payments', 2, { failureThreshold: 3 }), bad],
      removals: [],
    });
    expect(breakers.get('payments')?.config.failureThreshold).toBe(8);
    expect(conn.sentOf(SYNC_EVENTS.nack)).toEqual([expect.objectContaining({ revision: 2 })]);
    expect(sync.revision).toBe(1);
  });

  it('real breakers: every ACK carries the content hash of the configs in force, delta after delta', () => {
    const { conn, breakers } = connected();
    const inForce = new Map<string, SyncedConfig>();
    const expectAck = (revision: number) => {
      const ack = conn.sentOf(SYNC_EVENTS.ack).at(-1);
      expect(ack).toEqual({ revision, contentHash: contentHash([...inForce.values()]) });
    };
    const first = [synced('a', 1), synced('b', 1), synced('c', 1)];
    for (const s of first) inForce.set(s.name, s);
    conn.send(SYNC_EVENTS.snapshot, { service: 'checkout', revision: 1, configs: first, overrides: [] });
    expectAck(1);

    const b2 = synced('b', 2, { failureThreshold: 11 });
    inForce.set('b', b2);
    conn.send(SYNC_EVENTS.delta, { service: 'checkout', fromRevision: 1, toRevision: 2, upserts: [b2], removals: [] });
    expectAck(2);
    expect(breakers.get('b')?.config.failureThreshold).toBe(11);

    // A rejected delta (the second upsert is invalid) leaves the hash as it was.
    const refused = [
      synced('a', 3, { failureThreshold: 2 }),
      { ...synced('c', 3), config: { ...config('c'), timeout: -1 } },
    ];
    conn.send(SYNC_EVENTS.delta, {
      service: 'checkout',
      fromRevision: 2,
      toRevision: 3,
      upserts: refused,
      removals: [],
    });
    const d = synced('d', 3);
    inForce.set('d', d);
    inForce.delete('a');
    conn.send(SYNC_EVENTS.delta, {
      service: 'checkout',
      fromRevision: 2,
      toRevision: 3,
      upserts: [d],
      removals: ['a'],
    });
    expectAck(3);
    expect(conn.sentOf(SYNC_EVENTS.ack)).toHaveLength(3);
  });
});
