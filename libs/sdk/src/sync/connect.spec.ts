import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash, SYNC_EVENTS } from '@breakwater/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { ControlPlaneSync, type ConnectOptions, type SyncLogger } from './connect.js';
import { config, FakeRegistry, FakeServer, ManualScheduler, synced } from './testing/fakes.js';

const quiet: SyncLogger = { info: () => undefined, warn: () => undefined };

function setup(extra: Partial<ConnectOptions> = {}) {
  const server = new FakeServer();
  const registry = new FakeRegistry();
  const scheduler = new ManualScheduler();
  const warnings: string[] = [];
  const options: ConnectOptions = {
    url: 'http://cp.test',
    sdkKey: 'bw_sdk_test',
    service: 'checkout',
    instanceId: 'i-1',
    registry,
    transport: server.transport,
    scheduler,
    random: () => 0.5,
    logger: { info: () => undefined, warn: (m) => warnings.push(m) },
    hostname: 'host-1',
    pid: 42,
    ...extra,
  };
  const sync = new ControlPlaneSync(options);
  return { server, registry, scheduler, sync, warnings, options };
}

const welcome = { environment: 'production', heartbeatIntervalMs: 1_000, nodeId: 'node-a' };

describe('ControlPlaneSync', () => {
  let ctx: ReturnType<typeof setup>;
  beforeEach(() => {
    ctx = setup();
  });

  it('announces itself after connecting, with its breakers and no revision', () => {
    ctx.registry.add('payments');
    ctx.sync.start();
    expect(ctx.sync.status).toBe('connecting');
    ctx.server.last.accept();
    const [hello] = ctx.server.last.sentOf(SYNC_EVENTS.hello);
    expect(hello).toMatchObject({
      protocol: 1,
      service: 'checkout',
      instanceId: 'i-1',
      hostname: 'host-1',
      pid: 42,
      lastRevision: null,
      breakers: [{ name: 'payments', type: 'time_based' }],
    });
  });

  it('applies a snapshot over the local config, ACKs revision and content hash, and is synced', () => {
    const local = ctx.registry.add('payments', { failureThreshold: 5 });
    ctx.sync.start();
    const conn = ctx.server.last;
    conn.accept();
    conn.send(SYNC_EVENTS.welcome, welcome);
    const remote = synced('payments', 7, { failureThreshold: 9 });
    conn.send(SYNC_EVENTS.snapshot, { service: 'checkout', revision: 7, configs: [remote], overrides: [] });
    expect(local.current.failureThreshold).toBe(9);
    expect(conn.sentOf(SYNC_EVENTS.ack)).toEqual([
      { revision: 7, contentHash: contentHash([{ name: 'payments', config: remote.config }]) },
    ]);
    expect(ctx.sync.status).toBe('synced');
    expect(ctx.sync.revision).toBe(7);
    expect(ctx.sync.environment).toBe('production');
  });

  it('creates a breaker the code has not created yet', () => {
    ctx.sync.start();
    ctx.server.last.accept();
    ctx.server.last.send(SYNC_EVENTS.snapshot, {
      service: 'checkout',
      revision: 1,
      configs: [synced('search', 1, { failureThreshold: 4 })],
      overrides: [],
    });
    expect(ctx.registry.get('search')?.current.failureThreshold).toBe(4);
  });

  it('applies a delta and falls back to the local config when the remote one is removed', () => {
    const local = ctx.registry.add('payments', { failureThreshold: 5 });
    ctx.sync.start();
    const conn = ctx.server.last;
    conn.accept();
    conn.send(SYNC_EVENTS.snapshot, { service: 'checkout', revision: 3, configs: [], overrides: [] });
    conn.send(SYNC_EVENTS.delta, {
      service: 'checkout',
      fromRevision: 3,
      toRevision: 4,
      upserts: [synced('payments', 4, { failureThreshold: 2 })],
      removals: [],
    });
    expect(local.current.failureThreshold).toBe(2);
    conn.send(SYNC_EVENTS.delta, {
      service: 'checkout',
      fromRevision: 4,
      toRevision: 5,
      upserts: [],
      removals: ['payments'],
    });
    expect(local.current.failureThreshold).toBe(5);
    expect(conn.sentOf(SYNC_EVENTS.ack).map((a) => a.revision as number)).toEqual([3, 4, 5]);
    expect(conn.sentOf(SYNC_EVENTS.ack)[2].contentHash).toBe(contentHash([]));
  });

  it('NACKs an invalid config with the field and keeps the last good config', () => {
    const local = ctx.registry.add('payments', { failureThreshold: 5 });
    ctx.sync.start();
    const conn = ctx.server.last;
    conn.accept();
    conn.send(SYNC_EVENTS.snapshot, {
      service: 'checkout',
      revision: 3,
      configs: [synced('payments', 3, { failureThreshold: 8 })],
      overrides: [],
    });
    const bad = { ...synced('payments', 4), config: { ...config('payments'), failureThreshold: -1 } };
    conn.send(SYNC_EVENTS.delta, { service: 'checkout', fromRevision: 3, toRevision: 4, upserts: [bad], removals: [] });
    expect(local.current.failureThreshold).toBe(8);
    const [nack] = conn.sentOf(SYNC_EVENTS.nack);
    expect(nack.revision).toBe(4);
    expect(nack.reason).toContain('upserts[0].config.failureThreshold');
    expect(conn.sentOf(SYNC_EVENTS.ack).map((a) => a.revision as number)).toEqual([3]);
    expect(ctx.sync.status).toBe('stale');
    expect(ctx.sync.revision).toBe(3);
  });

  it('applies a delta all or nothing: a breaker that refuses rolls back the ones already changed', () => {
    const a = ctx.registry.add('a', { failureThreshold: 5 });
    const b = ctx.registry.add('b', { failureThreshold: 5 });
    ctx.sync.start();
    const conn = ctx.server.last;
    conn.accept();
    conn.send(SYNC_EVENTS.snapshot, { service: 'checkout', revision: 1, configs: [], overrides: [] });
    b.failNextUpdate = true;
    conn.send(SYNC_EVENTS.delta, {
      service: 'checkout',
      fromRevision: 1,
      toRevision: 2,
      upserts: [synced('a', 2, { failureThreshold: 7 }), synced('b', 2, { failureThreshold: 7 })],
      removals: [],
    });
    expect(a.current.failureThreshold).toBe(5);
    expect(b.current.failureThreshold).toBe(5);
    expect(conn.sentOf(SYNC_EVENTS.nack)[0]).toMatchObject({ revision: 2 });
    expect(conn.sentOf(SYNC_EVENTS.nack)[0].reason).toContain('breaker refused the config');
    // The next good delta from the same base still applies: the rejected one left no trace.
    conn.send(SYNC_EVENTS.delta, {
      service: 'checkout',
      fromRevision: 1,
      toRevision: 3,
      upserts: [synced('a', 3, { failureThreshold: 6 })],
      removals: [],
    });
    expect(a.current.failureThreshold).toBe(6);
    expect(ctx.sync.revision).toBe(3);
  });

  it('asks again with its revision when a delta skips revisions, and ignores duplicates', () => {
    ctx.sync.start();
    const conn = ctx.server.last;
    conn.accept();
    conn.send(SYNC_EVENTS.snapshot, { service: 'checkout', revision: 5, configs: [], overrides: [] });
    conn.send(SYNC_EVENTS.delta, {
      service: 'checkout',
      fromRevision: 7,
      toRevision: 8,
      upserts: [synced('x', 8)],
      removals: [],
    });
    expect(ctx.registry.get('x')).toBeUndefined();
    const hellos = conn.sentOf(SYNC_EVENTS.hello);
    expect(hellos.map((h) => h.lastRevision as number | null)).toEqual([null, 5]);
    conn.send(SYNC_EVENTS.delta, { service: 'checkout', fromRevision: 2, toRevision: 5, upserts: [], removals: [] });
    expect(conn.sentOf(SYNC_EVENTS.ack).length).toBe(1);
  });

  it('answers pings and reconnects when heartbeats stop (watchdog), resuming from its revision', () => {
    ctx.sync.start();
    const first = ctx.server.last;
    first.accept();
    first.send(SYNC_EVENTS.welcome, welcome);
    first.send(SYNC_EVENTS.snapshot, { service: 'checkout', revision: 9, configs: [], overrides: [] });
    first.send(SYNC_EVENTS.ping, { sentAt: 123 });
    expect(first.sentOf(SYNC_EVENTS.pong)).toEqual([{ sentAt: 123, revision: 9 }]);
    ctx.scheduler.advance(2_999);
    expect(first.closed).toBe(false);
    ctx.scheduler.advance(1);
    expect(first.closed).toBe(true);
    expect(ctx.sync.status).toBe('stale');
    // Backoff of the first retry with random 0.5: between 1 s and 1 s (ceiling 1 s).
    expect(ctx.server.connections.length).toBe(1);
    ctx.scheduler.advance(1_000);
    expect(ctx.server.connections.length).toBe(2);
    ctx.server.last.accept();
    expect(ctx.server.last.sentOf(SYNC_EVENTS.hello)[0].lastRevision).toBe(9);
  });

  it('backs off exponentially with jitter up to 30 s while the control plane is down, offline without data', () => {
    ctx.sync.start();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      ctx.server.last.drop('connect_error: ECONNREFUSED');
      delays.push(ctx.scheduler.pending()[0]!);
      ctx.scheduler.advance(delays[i]!);
    }
    expect(ctx.sync.status).toBe('offline');
    // random = 0.5: 1000 + 0.5 * (min(30000, 1000 * 2^n) - 1000)
    expect(delays).toEqual([1_000, 1_500, 2_500, 4_500, 8_500, 15_500, 15_500, 15_500]);
  });

  it('applies a standing override, re-applies it to a breaker updated later, and clears it', () => {
    const payments = ctx.registry.add('payments');
    ctx.sync.start();
    const conn = ctx.server.last;
    conn.accept();
    conn.send(SYNC_EVENTS.snapshot, {
      service: 'checkout',
      revision: 1,
      configs: [],
      overrides: [{ breaker: 'payments', action: 'force_open' }],
    });
    expect(payments.forced).toBe('open');
    conn.send(SYNC_EVENTS.override, { service: 'checkout', breaker: 'payments', action: 'clear' });
    expect(payments.forced).toBeUndefined();
    conn.send(SYNC_EVENTS.override, { service: 'checkout', breaker: 'payments', action: 'force_close' });
    expect(payments.forced).toBe('closed');
    conn.send(SYNC_EVENTS.override, { service: 'other', breaker: 'payments', action: 'force_open' });
    expect(payments.forced).toBe('closed');
  });

  it('replaces its standing overrides with those of a reconnect delta, and says hello again on resync', () => {
    const payments = ctx.registry.add('payments');
    ctx.sync.start();
    const conn = ctx.server.last;
    conn.accept();
    conn.send(SYNC_EVENTS.snapshot, {
      service: 'checkout',
      revision: 1,
      configs: [],
      overrides: [{ breaker: 'payments', action: 'force_open' }],
    });
    conn.send(SYNC_EVENTS.delta, {
      service: 'checkout',
      fromRevision: 1,
      toRevision: 2,
      upserts: [],
      removals: [],
      overrides: [],
    });
    expect(payments.forced).toBeUndefined();
    conn.send(SYNC_EVENTS.resync, {});
    expect(conn.sentOf(SYNC_EVENTS.hello).map((h) => h.lastRevision as number | null)).toEqual([null, 2]);
  });

  it('on a ping, forces breakers the code created after their override arrived, and announces new breakers', () => {
    ctx.registry.add('payments');
    ctx.sync.start();
    const conn = ctx.server.last;
    conn.accept();
    conn.send(SYNC_EVENTS.snapshot, {
      service: 'checkout',
      revision: 1,
      configs: [],
      overrides: [{ breaker: 'search', action: 'force_open' }],
    });
    conn.send(SYNC_EVENTS.ping, { sentAt: 1 });
    expect(conn.sentOf(SYNC_EVENTS.pong)[0]).toEqual({ sentAt: 1, revision: 1 });
    const search = ctx.registry.add('search'); // the code creates it later
    expect(search.forced).toBeUndefined();
    conn.send(SYNC_EVENTS.ping, { sentAt: 2 });
    expect(search.forced).toBe('open');
    expect(conn.sentOf(SYNC_EVENTS.pong)[1]).toEqual({
      sentAt: 2,
      revision: 1,
      breakers: [
        { name: 'payments', type: 'time_based' },
        { name: 'search', type: 'time_based' },
      ],
    });
    conn.send(SYNC_EVENTS.ping, { sentAt: 3 });
    expect(conn.sentOf(SYNC_EVENTS.pong)[2]).toEqual({ sentAt: 3, revision: 1 });
  });

  it('survives garbage and a throwing registry without throwing, and logs it', () => {
    ctx.sync.start();
    const conn = ctx.server.last;
    ctx.registry.list = () => {
      throw new Error('boom');
    };
    expect(() => conn.accept()).not.toThrow();
    expect(() => conn.send(SYNC_EVENTS.snapshot, 'garbage')).not.toThrow();
    expect(() => conn.send(SYNC_EVENTS.delta, { toRevision: 'x' })).not.toThrow();
    expect(conn.sentOf(SYNC_EVENTS.nack).length).toBe(2);
    expect(ctx.warnings.some((w) => w.includes('could not list breakers'))).toBe(true);
  });

  it('writes the applied snapshot to the cache file and starts from it with the control plane down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-sync-'));
    const cacheFile = join(dir, 'nested', 'cache.json');
    const first = setup({ cacheFile });
    first.sync.start();
    first.server.last.accept();
    first.server.last.send(SYNC_EVENTS.snapshot, {
      service: 'checkout',
      revision: 12,
      configs: [synced('payments', 12, { failureThreshold: 11 })],
      overrides: [{ breaker: 'payments', action: 'force_open' }],
    });
    await first.sync.close();
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).snapshot.revision).toBe(12);

    const second = setup({ cacheFile, logger: quiet });
    second.sync.start();
    // Before any answer from the control plane:
    expect(second.registry.get('payments')?.current.failureThreshold).toBe(11);
    expect(second.registry.get('payments')?.forced).toBe('open');
    expect(second.sync.status).toBe('stale');
    expect(second.sync.revision).toBe(12);
    second.server.last.drop('connect_error: ECONNREFUSED');
    expect(second.sync.status).toBe('stale');
    second.scheduler.advance(1_000);
    second.server.last.accept();
    expect(second.server.last.sentOf(SYNC_EVENTS.hello)[0].lastRevision).toBe(12);
    await second.sync.close();
  });

  it('asks for a snapshot when its cache file came from another environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-sync-'));
    const cacheFile = join(dir, 'cache.json');
    const first = setup({ cacheFile });
    first.sync.start();
    first.server.last.accept();
    first.server.last.send(SYNC_EVENTS.welcome, { ...welcome, environment: 'staging' });
    first.server.last.send(SYNC_EVENTS.snapshot, { service: 'checkout', revision: 40, configs: [], overrides: [] });
    await first.sync.close();
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).environment).toBe('staging');

    const second = setup({ cacheFile });
    second.sync.start();
    second.server.last.accept();
    expect(second.server.last.sentOf(SYNC_EVENTS.hello)[0].lastRevision).toBe(40);
    second.server.last.send(SYNC_EVENTS.welcome, welcome); // production
    expect(second.server.last.sentOf(SYNC_EVENTS.hello)[1].lastRevision).toBeNull();
    expect(second.warnings.some((w) => w.includes('environment staging'))).toBe(true);
    await second.sync.close();
  });

  it('ignores a corrupt or foreign cache file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-sync-'));
    const cacheFile = join(dir, 'cache.json');
    writeFileSync(cacheFile, '{"format":1,"snapshot":{"service":"checkout","revision":-4}}');
    const corrupt = setup({ cacheFile });
    corrupt.sync.start();
    expect(corrupt.sync.revision).toBeNull();
    expect(corrupt.warnings.some((w) => w.includes('does not validate'))).toBe(true);
    writeFileSync(
      cacheFile,
      JSON.stringify({ format: 1, snapshot: { service: 'billing', revision: 3, configs: [], overrides: [] } }),
    );
    const foreign = setup({ cacheFile });
    foreign.sync.start();
    expect(foreign.sync.revision).toBeNull();
    expect(foreign.warnings.some((w) => w.includes('belongs to service billing'))).toBe(true);
  });

  it('stops reconnecting once closed', async () => {
    ctx.sync.start();
    ctx.server.last.drop();
    await ctx.sync.close();
    ctx.scheduler.advance(60_000);
    expect(ctx.server.connections.length).toBe(1);
  });
});
