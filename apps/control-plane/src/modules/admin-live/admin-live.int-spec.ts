import {
  ADMIN_AUTH_ERRORS,
  ADMIN_EVENTS,
  adminInvalidationSchema,
  snapshotMessageSchema,
  SYNC_EVENTS,
} from '@breakwater/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSocket } from '../../../test/admin-socket.js';
import { apiKeyClient, ApiClient, login, userClient } from '../../../test/api-client.js';
import { type ControlPlaneFixture, startControlPlane } from '../../../test/control-plane-app.js';
import { SdkSocket } from '../../../test/sdk-socket.js';
import { startTestApp, type TestApp } from '../../../test/test-app.js';
import { hashToken } from '../../core/auth/credentials.js';
import { ENV } from '../../core/config/config.module.js';
import type { Env } from '../../core/config/env.js';

const breakerPath = (service: string, name: string, env = 'production') =>
  `/environments/${env}/services/${service}/breakers/${name}`;
const invalidation = (socket: AdminSocket, match: (payload: Record<string, unknown>) => boolean = () => true) =>
  socket.next(ADMIN_EVENTS.invalidate, match).then((payload) => adminInvalidationSchema.parse(payload));

describe('admin live channel /admin (real Postgres, Redis, sockets)', () => {
  let fx: ControlPlaneFixture;
  let nodeB: TestApp | undefined;
  const sockets: Array<{ close(): void }> = [];
  const track = <T extends { close(): void }>(socket: T): T => {
    sockets.push(socket);
    return socket;
  };
  const put = async (admin: ApiClient, service: string, name: string, env = 'production') => {
    const response = await admin.put(breakerPath(service, name, env), { template: 'external_api', message: 'live' });
    expect(response.status).toBe(201);
  };

  beforeAll(async () => {
    fx = await startControlPlane({ BREAKWATER_SYNC_HEARTBEAT_MS: '300' });
    for (const service of ['checkout', 'search'])
      expect((await fx.admin.post('/services', { name: service })).status).toBe(201);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await nodeB?.close();
    await fx?.close();
  });

  it('refuses a handshake without a session, with a stale cookie, with an API key only, or from another Origin', async () => {
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => 'connected',
        (error: Error) => error.message,
      );
    expect(await refusal(AdminSocket.connect(fx.testApp.baseUrl, undefined))).toBe(ADMIN_AUTH_ERRORS.unauthenticated);
    const stale = new ApiClient(fx.testApp.baseUrl, { cookie: 'bw_session=not-a-session' });
    expect(await refusal(AdminSocket.connect(fx.testApp.baseUrl, stale))).toBe(ADMIN_AUTH_ERRORS.unauthenticated);
    const { key } = await apiKeyClient(fx.admin, { name: 'admin-key', type: 'admin', role: 'admin' });
    expect(
      await refusal(AdminSocket.connect(fx.testApp.baseUrl, undefined, { authorization: `Bearer ${key.secret}` })),
    ).toBe(ADMIN_AUTH_ERRORS.unauthenticated);
    expect(await refusal(AdminSocket.connect(fx.testApp.baseUrl, fx.admin, { origin: 'https://evil.example' }))).toBe(
      ADMIN_AUTH_ERRORS.badOrigin,
    );
    // The same session from this server's own Origin is let in.
    const own = track(await AdminSocket.connect(fx.testApp.baseUrl, fx.admin, { origin: fx.testApp.baseUrl }));
    expect(own.socket.connected).toBe(true);
  });

  it('a viewer gets invalidations for the subscribed environment only: configs, overrides, instances', async () => {
    const viewer = await userClient(fx.admin, 'viewer');
    const live = track(await AdminSocket.connect(fx.testApp.baseUrl, viewer));
    expect(await live.subscribe('')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await live.subscribe('production')).toEqual({ ok: true, environment: 'production' });

    await put(fx.admin, 'checkout', 'staging-only', 'staging');
    await put(fx.admin, 'checkout', 'payments');
    // Events arrive in commit order: the first one is production's, so staging's was never sent to this socket.
    expect(await invalidation(live)).toMatchObject({
      kind: 'breaker',
      environment: 'production',
      service: 'checkout',
      breaker: 'payments',
      change: 'changed',
    });
    expect(live.pending(ADMIN_EVENTS.invalidate)).toEqual([]);

    expect(
      (await fx.admin.post(`${breakerPath('checkout', 'payments')}/override`, { action: 'force_open' })).status,
    ).toBe(200);
    expect(await invalidation(live)).toMatchObject({ kind: 'override', breaker: 'payments', change: 'set' });
    expect((await fx.admin.delete(`${breakerPath('checkout', 'payments')}/override`)).status).toBe(200);
    expect(await invalidation(live)).toMatchObject({ kind: 'override', breaker: 'payments', change: 'cleared' });

    const sdkKey = (await apiKeyClient(fx.admin, { name: 'sdk', type: 'sdk', environment: 'production' })).key.secret;
    const sdk = track(await SdkSocket.connect(fx.testApp.baseUrl, sdkKey, { instanceId: 'live-1' }));
    expect(await invalidation(live, (p) => p['kind'] === 'instance')).toMatchObject({
      service: 'checkout',
      instanceId: 'live-1',
      change: 'connected',
    });
    const snapshot = snapshotMessageSchema.parse(await sdk.next(SYNC_EVENTS.snapshot));
    sdk.ack(snapshot.revision, snapshot.configs);
    expect(await invalidation(live, (p) => p['kind'] === 'instance')).toMatchObject({ change: 'applied' });
    sdk.nack(snapshot.revision, 'test rejects it');
    expect(await invalidation(live, (p) => p['kind'] === 'instance')).toMatchObject({ change: 'nacked' });
    sdk.close();
    expect(await invalidation(live, (p) => p['kind'] === 'instance')).toMatchObject({ change: 'disconnected' });

    // Deleting a breaker, and switching the watched environment.
    expect((await fx.admin.delete(breakerPath('checkout', 'payments'), { 'if-match': '1' })).status).toBe(204);
    expect(await invalidation(live)).toMatchObject({ kind: 'breaker', breaker: 'payments', change: 'deleted' });
    expect(await live.subscribe('staging')).toEqual({ ok: true, environment: 'staging' });
    await put(fx.admin, 'checkout', 'prod-after-switch');
    await put(fx.admin, 'search', 'in-staging', 'staging');
    expect(await invalidation(live)).toMatchObject({ environment: 'staging', breaker: 'in-staging' });
  });

  it('a change made through node A reaches an admin socket on node B', async () => {
    const env = fx.testApp.app.get<Env>(ENV);
    nodeB = await startTestApp({
      DATABASE_URL: env.DATABASE_URL,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: env.REDIS_URL,
      REDIS_PREFIX: env.REDIS_PREFIX,
      BREAKWATER_SYNC_HEARTBEAT_MS: '300',
    });
    const onB = track(await AdminSocket.connect(nodeB.baseUrl, new ApiClient(nodeB.baseUrl, fx.admin.credentials)));
    expect(await onB.subscribe('production')).toMatchObject({ ok: true });
    await put(fx.admin, 'search', 'through-a'); // node A's API
    expect(await invalidation(onB)).toMatchObject({ kind: 'breaker', service: 'search', breaker: 'through-a' });
    expect(
      (await fx.admin.post(`${breakerPath('search', 'through-a')}/override`, { action: 'force_close' })).status,
    ).toBe(200);
    expect(await invalidation(onB)).toMatchObject({ kind: 'override', breaker: 'through-a', change: 'set' });
  });

  it('signing out ends the socket of that session (on another node too) but not the other sessions', async () => {
    const viewer = await userClient(fx.admin, 'viewer');
    const other = await login(fx.testApp.baseUrl);
    const mine = track(await AdminSocket.connect(fx.testApp.baseUrl, viewer));
    const mineOnB = track(await AdminSocket.connect(nodeB?.baseUrl ?? fx.testApp.baseUrl, viewer));
    const theirs = track(await AdminSocket.connect(fx.testApp.baseUrl, other));
    const closed = Promise.all([mine.closedByServer(), mineOnB.closedByServer()]);
    expect((await viewer.post('/auth/logout')).status).toBe(204);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    expect(mine.pending(ADMIN_EVENTS.sessionEnded)).toHaveLength(1);
    // The other session still gets events.
    expect(await theirs.subscribe('production')).toMatchObject({ ok: true });
    await put(fx.admin, 'search', 'after-logout');
    expect(await invalidation(theirs)).toMatchObject({ breaker: 'after-logout' });
    expect(theirs.socket.connected).toBe(true);
  });

  it('disabling a user ends their sockets; an expired session loses its socket within a heartbeat', async () => {
    const viewer = await userClient(fx.admin, 'viewer');
    const me = await viewer.get('/auth/me');
    const disabled = track(await AdminSocket.connect(fx.testApp.baseUrl, viewer));
    const closed = disabled.closedByServer();
    expect((await fx.admin.patch(`/users/${me.body.user.id}`, { disabled: true })).status).toBe(200);
    expect(await closed).toBe('io server disconnect');

    const expiring = await userClient(fx.admin, 'viewer');
    const socket = track(await AdminSocket.connect(fx.testApp.baseUrl, expiring));
    const ended = socket.closedByServer();
    const { cookie } = expiring.credentials as { cookie: string };
    const db = new pg.Client({ connectionString: fx.database.url });
    await db.connect();
    try {
      await db.query('UPDATE sessions SET expires_at = now() WHERE token_hash = $1', [
        hashToken(cookie.slice(cookie.indexOf('=') + 1)),
      ]);
    } finally {
      await db.end();
    }
    expect(await ended).toBe('io server disconnect');
    expect(socket.pending(ADMIN_EVENTS.sessionEnded)).toHaveLength(1);
  });
});
