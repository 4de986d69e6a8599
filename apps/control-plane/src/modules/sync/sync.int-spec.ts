import {
  contentHash,
  deltaMessageSchema,
  instanceListResponseSchema,
  snapshotMessageSchema,
  SYNC_AUTH_ERRORS,
  SYNC_EVENTS,
  welcomeMessageSchema,
} from '@breakwater/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyClient, type ApiClient, userClient } from '../../../test/api-client.js';
import { type ControlPlaneFixture, startControlPlane } from '../../../test/control-plane-app.js';
import { SdkSocket } from '../../../test/sdk-socket.js';
import { startTestApp, type TestApp } from '../../../test/test-app.js';
import { ENV } from '../../core/config/config.module.js';
import type { Env } from '../../core/config/env.js';
import { InstancesService } from '../instances/instances.service.js';

const breakerPath = (service: string, name: string, env = 'production') =>
  `/environments/${env}/services/${service}/breakers/${name}`;

describe('live sync over socket.io (real Postgres, Redis, sockets)', () => {
  let fx: ControlPlaneFixture;
  let admin: ApiClient;
  let productionKey: string;
  let stagingKey: string;
  let vars: Record<string, string>;
  const sockets: SdkSocket[] = [];
  const connect = async (key: string, hello: Parameters<typeof SdkSocket.connect>[2] = {}, baseUrl?: string) => {
    const socket = await SdkSocket.connect(baseUrl ?? fx.testApp.baseUrl, key, hello);
    sockets.push(socket);
    return socket;
  };
  const put = async (service: string, name: string, failureThreshold: number, env = 'production') => {
    const current = await admin.get(breakerPath(service, name, env));
    const headers: Record<string, string> = current.status === 200 ? { 'if-match': String(current.body.version) } : {};
    const response = await admin.put(
      breakerPath(service, name, env),
      { template: 'external_api', overrides: { failureThreshold }, message: `threshold ${failureThreshold}` },
      headers,
    );
    expect([200, 201]).toContain(response.status);
    return response.body as { version: number };
  };
  const instances = async (service?: string) => {
    const response = await admin.get(`/environments/production/instances${service ? `?service=${service}` : ''}`);
    expect(response.status).toBe(200);
    return instanceListResponseSchema.parse(response.body);
  };
  /** Polls the registry until `check` holds: the ACK is written after the socket message, asynchronously. */
  const eventually = async <T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  beforeAll(async () => {
    fx = await startControlPlane({ BREAKWATER_SYNC_HEARTBEAT_MS: '300' });
    admin = fx.admin;
    for (const service of ['checkout', 'search', 'billing', 'overridden', 'resume'])
      expect((await admin.post('/services', { name: service })).status).toBe(201);
    productionKey = (await apiKeyClient(admin, { name: 'sdk-prod', type: 'sdk', environment: 'production' })).key
      .secret;
    stagingKey = (await apiKeyClient(admin, { name: 'sdk-staging', type: 'sdk', environment: 'staging' })).key.secret;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await fx?.close();
  });

  it('sends a snapshot to a new instance, and records its ACK as applied with a verified hash', async () => {
    await put('checkout', 'payments', 7);
    const client = await connect(productionKey, {
      instanceId: 'snap-1',
      breakers: [{ name: 'payments', type: 'time_based' }],
    });
    const welcome = welcomeMessageSchema.parse(await client.next(SYNC_EVENTS.welcome));
    expect(welcome).toMatchObject({ environment: 'production', heartbeatIntervalMs: 300 });
    const snapshot = snapshotMessageSchema.parse(await client.next(SYNC_EVENTS.snapshot));
    expect(snapshot.service).toBe('checkout');
    expect(snapshot.configs.map((c) => [c.name, c.config.failureThreshold])).toEqual([['payments', 7]]);
    // The effective config: production's defaults (timeout 30) over the template's.
    expect(snapshot.configs[0]?.config.timeout).toBe(30);
    client.ack(snapshot.revision, snapshot.configs);

    const listed = await eventually(
      () => instances('checkout'),
      (list) => list.instances.some((i) => i.instanceId === 'snap-1' && i.appliedRevision === snapshot.revision),
    );
    const instance = listed.instances.find((i) => i.instanceId === 'snap-1');
    expect(instance).toMatchObject({
      connected: true,
      hostname: 'test-host',
      sdkVersion: '0.1.0',
      appliedHash: contentHash(snapshot.configs),
      hashVerified: true,
      syncStatus: 'synced',
      breakers: [{ name: 'payments', type: 'time_based' }],
    });
    expect(listed.drift.find((d) => d.breaker === 'payments')?.summary).toBe('1 of 1 instances on the current version');
  });

  it('pushes a delta after each committed change, and drift shows who has not applied it yet', async () => {
    const a = await connect(productionKey, { instanceId: 'delta-a' });
    const b = await connect(productionKey, { instanceId: 'delta-b' });
    for (const c of [a, b]) {
      const s = snapshotMessageSchema.parse(await c.next(SYNC_EVENTS.snapshot));
      c.ack(s.revision, s.configs);
    }
    const updated = await put('checkout', 'payments', 4);
    const deltaA = deltaMessageSchema.parse(await a.next(SYNC_EVENTS.delta));
    const deltaB = deltaMessageSchema.parse(await b.next(SYNC_EVENTS.delta));
    expect(deltaA.upserts.map((u) => [u.name, u.version, u.config.failureThreshold])).toEqual([
      ['payments', updated.version, 4],
    ]);
    expect(deltaA.removals).toEqual([]);
    expect(deltaA.fromRevision).toBeLessThan(deltaA.toRevision);
    expect(deltaB).toEqual(deltaA);
    a.ack(deltaA.toRevision, deltaA.upserts);
    b.nack(deltaB.toRevision, 'failureThreshold: refused by test');
    const listed = await eventually(
      () => instances('checkout'),
      (list) =>
        list.instances.some((i) => i.instanceId === 'delta-a' && i.appliedRevision === deltaA.toRevision) &&
        list.instances.some((i) => i.instanceId === 'delta-b' && i.lastNack !== null),
    );
    const nacked = listed.instances.find((i) => i.instanceId === 'delta-b');
    // A NACK is never counted as applied.
    expect(nacked?.appliedRevision).toBeLessThan(deltaB.toRevision);
    expect(nacked?.lastNack).toMatchObject({
      revision: deltaB.toRevision,
      reason: 'failureThreshold: refused by test',
    });
    expect(nacked?.syncStatus).toBe('stale');
    const drift = listed.drift.find((d) => d.breaker === 'payments');
    expect(drift).toMatchObject({ version: updated.version, current: 1 });
    expect(drift?.total).toBeGreaterThanOrEqual(2);
  });

  it('resumes after a reconnect with the delta since its revision, including removals and overrides', async () => {
    await put('resume', 'kept', 5);
    await put('resume', 'dropped', 5);
    const first = await connect(productionKey, { service: 'resume', instanceId: 'resume-1' });
    const snapshot = snapshotMessageSchema.parse(await first.next(SYNC_EVENTS.snapshot));
    expect(snapshot.configs.map((c) => c.name)).toEqual(['dropped', 'kept']);
    first.close();

    await put('resume', 'kept', 6);
    const dropped = await admin.get(breakerPath('resume', 'dropped'));
    expect(
      (await admin.delete(breakerPath('resume', 'dropped'), { 'if-match': String(dropped.body.version) })).status,
    ).toBeLessThan(300);
    await put('checkout', 'unrelated', 3);

    const again = await connect(productionKey, {
      service: 'resume',
      instanceId: 'resume-1',
      lastRevision: snapshot.revision,
    });
    const delta = deltaMessageSchema.parse(await again.next(SYNC_EVENTS.delta));
    expect(delta.fromRevision).toBe(snapshot.revision);
    expect(delta.upserts.map((u) => [u.name, u.config.failureThreshold])).toEqual([['kept', 6]]);
    expect(delta.removals).toEqual(['dropped']);
    expect(delta.overrides).toEqual([]);
    expect(again.pending(SYNC_EVENTS.snapshot)).toEqual([]);

    // A revision the server never issued (restored database): a snapshot, not a delta.
    const ahead = await connect(productionKey, { service: 'resume', instanceId: 'resume-2', lastRevision: 999_999 });
    const fresh = snapshotMessageSchema.parse(await ahead.next(SYNC_EVENTS.snapshot));
    expect(fresh.configs.map((c) => c.name)).toEqual(['kept']);
  });

  it('scopes SDK keys to their environment and refuses anything else', async () => {
    await put('billing', 'ledger', 5, 'staging');
    const staging = await connect(stagingKey, { service: 'billing', instanceId: 'staging-1' });
    expect(welcomeMessageSchema.parse(await staging.next(SYNC_EVENTS.welcome)).environment).toBe('staging');
    const snapshot = snapshotMessageSchema.parse(await staging.next(SYNC_EVENTS.snapshot));
    expect(snapshot.configs.map((c) => c.name)).toEqual(['ledger']);
    const production = await connect(productionKey, { service: 'billing', instanceId: 'prod-1' });
    expect(snapshotMessageSchema.parse(await production.next(SYNC_EVENTS.snapshot)).configs).toEqual([]);

    await put('billing', 'ledger', 9);
    await production.next(SYNC_EVENTS.delta, (d) =>
      deltaMessageSchema.parse(d).upserts.some((u) => u.name === 'ledger'),
    );
    // Pushed to production's sockets; a staging socket of the same service got nothing.
    await put('billing', 'ledger', 6, 'staging');
    const stagingDelta = deltaMessageSchema.parse(await staging.next(SYNC_EVENTS.delta));
    expect(stagingDelta.upserts.map((u) => u.config.failureThreshold)).toEqual([6]);
    expect(staging.pending(SYNC_EVENTS.delta)).toEqual([]);
    expect((await instances('billing')).instances.map((i) => i.instanceId)).toEqual(['prod-1']);

    const refused = async (key: string | undefined) =>
      SdkSocket.connect(fx.testApp.baseUrl, key).then(
        (s) => {
          s.close();
          return 'connected';
        },
        (error: Error) => error.message,
      );
    expect(await refused(undefined)).toBe(SYNC_AUTH_ERRORS.missingKey);
    expect(await refused('bw_sdk_not-a-real-key')).toBe(SYNC_AUTH_ERRORS.invalidKey);
    const adminKey = (await apiKeyClient(admin, { name: 'automation', type: 'admin', role: 'admin' })).key.secret;
    expect(await refused(adminKey)).toBe(SYNC_AUTH_ERRORS.invalidKey);
  });

  it('closes the open connections of an SDK key when it is revoked', async () => {
    const { key } = await apiKeyClient(admin, { name: 'short-lived', type: 'sdk', environment: 'production' });
    const client = await connect(key.secret, { service: 'search', instanceId: 'revoked-1' });
    await client.next(SYNC_EVENTS.snapshot);
    const closed = client.closedByServer();
    expect((await admin.delete(`/api-keys/${key.id}`)).status).toBe(204);
    expect((await client.next(SYNC_EVENTS.error)).code).toBe(SYNC_AUTH_ERRORS.revokedKey);
    await closed;
    const again = await SdkSocket.connect(fx.testApp.baseUrl, key.secret).then(
      (s) => {
        s.close();
        return 'connected';
      },
      (error: Error) => error.message,
    );
    expect(again).toBe(SYNC_AUTH_ERRORS.invalidKey);
  });

  it('closes a connection whose hello is invalid, naming the field', async () => {
    const client = await connect(productionKey, { service: 'Not A Name' });
    const closed = client.closedByServer();
    const error = await client.next(SYNC_EVENTS.error);
    expect(error.code).toBe('INVALID_HELLO');
    expect(error.details.fields[0].path).toBe('service');
    await closed;
  });

  it('pings every heartbeat interval and records the pong as last seen', async () => {
    const client = await connect(productionKey, { service: 'search', instanceId: 'beat-1' });
    await client.next(SYNC_EVENTS.snapshot);
    const before = (await instances('search')).instances.find((i) => i.instanceId === 'beat-1')?.lastSeenAt ?? '';
    const ping = await client.next(SYNC_EVENTS.ping);
    client.socket.emit(SYNC_EVENTS.pong, { sentAt: ping.sentAt, revision: null });
    await client.next(SYNC_EVENTS.ping);
    await eventually(
      () => instances('search'),
      (list) => (list.instances.find((i) => i.instanceId === 'beat-1')?.lastSeenAt ?? '') > before,
    );
    // A pong may carry the breakers the code created since the hello.
    client.socket.emit(SYNC_EVENTS.pong, {
      sentAt: ping.sentAt,
      revision: null,
      breakers: [{ name: 'elastic', type: 'percentage_based' }],
    });
    await eventually(
      () => instances('search'),
      (list) => list.instances.find((i) => i.instanceId === 'beat-1')?.breakers.length === 1,
    );
  });

  it('applies fleet-wide overrides: editors only, audited, pushed at once, in the snapshot, cleared explicitly', async () => {
    const client = await connect(productionKey, { service: 'overridden', instanceId: 'ovr-1' });
    await client.next(SYNC_EVENTS.snapshot);
    const editor = await userClient(admin, 'editor');
    const viewer = await userClient(admin, 'viewer');
    const path = `${breakerPath('overridden', 'stripe')}/override`;

    expect((await viewer.post(path, { action: 'force_open' })).status).toBe(403);
    const bad = await editor.post(path, { action: 'explode' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].path).toBe('action');
    expect((await editor.post(`${breakerPath('nope', 'stripe')}/override`, { action: 'reset' })).status).toBe(404);

    const set = await editor.post(path, { action: 'force_open', message: 'incident 42' });
    expect(set.status).toBe(200);
    expect(set.body.active).toMatchObject({ action: 'force_open', message: 'incident 42' });
    expect(await client.next(SYNC_EVENTS.override)).toEqual({
      service: 'overridden',
      breaker: 'stripe',
      action: 'force_open',
    });
    const withOverride = await instances('overridden');
    expect(withOverride.overrides).toMatchObject([{ breaker: 'stripe', action: 'force_open' }]);
    expect(withOverride.instances.find((i) => i.instanceId === 'ovr-1')?.overrides).toEqual([
      { breaker: 'stripe', action: 'force_open' },
    ]);
    const audit = await admin.get('/audit?action=override.set');
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('overridden/stripe');

    const late = await connect(productionKey, { service: 'overridden', instanceId: 'ovr-2' });
    expect((await late.next(SYNC_EVENTS.snapshot)).overrides).toEqual([{ breaker: 'stripe', action: 'force_open' }]);

    expect((await editor.post(path, { action: 'reset' })).status).toBe(200);
    expect((await client.next(SYNC_EVENTS.override)).action).toBe('reset');

    expect((await editor.delete(path)).status).toBe(200);
    expect((await client.next(SYNC_EVENTS.override)).action).toBe('clear');
    expect((await instances('overridden')).overrides).toEqual([]);
    const again = await editor.delete(path);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('OVERRIDE_NOT_FOUND');
  });

  it('keeps a disconnected instance for the configured time, then expires it', async () => {
    const client = await connect(productionKey, { service: 'search', instanceId: 'expire-1' });
    await client.next(SYNC_EVENTS.snapshot);
    const stays = await connect(productionKey, { service: 'search', instanceId: 'expire-2' });
    await stays.next(SYNC_EVENTS.snapshot);
    client.close();
    await eventually(
      () => instances('search'),
      (list) => list.instances.find((i) => i.instanceId === 'expire-1')?.connected === false,
    );
    const db = new pg.Client({ connectionString: fx.database.url });
    await db.connect();
    try {
      // Make its disconnect older than the TTL (1 hour by default) instead of waiting an hour.
      await db.query(
        `UPDATE sdk_instances SET disconnected_at = now() - interval '2 hours' WHERE instance_id = 'expire-1'`,
      );
    } finally {
      await db.end();
    }
    expect(await fx.testApp.app.get(InstancesService).expire()).toBe(1);
    const ids = (await instances('search')).instances.map((i) => i.instanceId);
    expect(ids).not.toContain('expire-1');
    expect(ids).toContain('expire-2');
  });

  describe('two control-plane nodes sharing Postgres and Redis', () => {
    let nodeB: TestApp;
    beforeAll(() => {
      const env = fx.testApp.app.get<Env>(ENV);
      vars = {
        DATABASE_URL: env.DATABASE_URL,
        DATABASE_POOL_SIZE: '4',
        REDIS_URL: env.REDIS_URL,
        REDIS_PREFIX: env.REDIS_PREFIX,
        BREAKWATER_SYNC_HEARTBEAT_MS: '300',
      };
    });
    afterAll(async () => nodeB?.close());

    it('a change made through node A reaches clients on node B', async () => {
      nodeB = await startTestApp(vars);
      expect(nodeB.baseUrl).not.toBe(fx.testApp.baseUrl);
      const onA = await connect(productionKey, { service: 'search', instanceId: 'node-a-1' });
      const onB = await connect(productionKey, { service: 'search', instanceId: 'node-b-1' }, nodeB.baseUrl);
      const welcomeA = welcomeMessageSchema.parse(await onA.next(SYNC_EVENTS.welcome));
      const welcomeB = welcomeMessageSchema.parse(await onB.next(SYNC_EVENTS.welcome));
      expect(welcomeA.nodeId).not.toBe(welcomeB.nodeId);
      await onA.next(SYNC_EVENTS.snapshot);
      const snapshotB = snapshotMessageSchema.parse(await onB.next(SYNC_EVENTS.snapshot));

      await put('search', 'elastic', 3); // through node A's API
      const deltaB = deltaMessageSchema.parse(await onB.next(SYNC_EVENTS.delta));
      const deltaA = deltaMessageSchema.parse(await onA.next(SYNC_EVENTS.delta));
      expect(deltaB.upserts.map((u) => u.name)).toEqual(['elastic']);
      expect(deltaB).toEqual(deltaA);
      onB.ack(deltaB.toRevision, [...snapshotB.configs, ...deltaB.upserts]);
      // Node B recorded the ACK in the shared registry; node A's API shows it.
      const listed = await eventually(
        () => instances('search'),
        (list) => list.instances.some((i) => i.instanceId === 'node-b-1' && i.appliedRevision === deltaB.toRevision),
      );
      expect(listed.instances.find((i) => i.instanceId === 'node-b-1')?.nodeId).toBe(welcomeB.nodeId);

      // An override set through node B reaches the client on node A.
      const nodeBAdmin = new (admin.constructor as typeof ApiClient)(nodeB.baseUrl, admin.credentials);
      expect(
        (await nodeBAdmin.post(`${breakerPath('search', 'elastic')}/override`, { action: 'force_close' })).status,
      ).toBe(200);
      expect((await onA.next(SYNC_EVENTS.override)).action).toBe('force_close');
    });
  });
});
