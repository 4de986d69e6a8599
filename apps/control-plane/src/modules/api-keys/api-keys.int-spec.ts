import { apiKeyListSchema, createdApiKeySchema } from '@breakwater/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, fieldPaths, itemsOf, login, userClient } from '../../../test/api-client.js';
import { type ControlPlaneFixture, startControlPlane } from '../../../test/control-plane-app.js';

describe('API keys and users (real PostgreSQL)', () => {
  let fx: ControlPlaneFixture;

  beforeAll(async () => {
    fx = await startControlPlane();
  });
  afterAll(async () => fx?.close());

  it('shows a key once, stores only its hash, records its use, and refuses it once revoked', async () => {
    const created = await fx.admin.post('/api-keys', { name: 'prod sdk', type: 'sdk', environment: 'production' });
    expect(created.status).toBe(201);
    const key = createdApiKeySchema.parse(created.body);
    expect(key.secret).toMatch(/^bw_sdk_[\w-]{43}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 12));

    const listed = apiKeyListSchema.parse((await fx.admin.get('/api-keys')).body);
    expect(JSON.stringify(listed)).not.toContain(key.secret);
    const db = new pg.Client({ connectionString: fx.database.url });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT key_hash FROM api_keys WHERE id = $1', [key.id]);
      expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].key_hash).not.toContain(key.secret);
    } finally {
      await db.end();
    }

    const sdk = new ApiClient(fx.testApp.baseUrl, { key: key.secret });
    expect((await sdk.get('/environments/production/breakers')).status).toBe(200);
    expect((await sdk.get('/environments/staging/breakers')).status).toBe(403);
    expect((await sdk.put('/environments/production/services/x/breakers/y', {})).status).toBe(403);
    const used = apiKeyListSchema.parse((await fx.admin.get('/api-keys')).body).items.find((k) => k.id === key.id);
    expect(used?.lastUsedAt).toBeDefined();

    expect((await fx.admin.delete(`/api-keys/${key.id}`)).status).toBe(204);
    expect((await sdk.get('/environments/production/breakers')).status).toBe(401);
    const audit = await fx.admin.get(`/audit?resource=${key.id}`);
    expect(itemsOf<{ action: string }>(audit).map((event) => event.action)).toEqual([
      'api_key.revoked',
      'api_key.created',
    ]);
  });

  it('validates key requests: an sdk key needs an environment, an admin key a role', async () => {
    const sdk = await fx.admin.post('/api-keys', { name: 'x', type: 'sdk' });
    expect(sdk.status).toBe(400);
    expect(sdk.body.details.fields[0].path).toBe('environment');
    const adm = await fx.admin.post('/api-keys', { name: 'x', type: 'admin', environment: 'production' });
    expect(fieldPaths(adm)).toEqual(['environment', 'role']);
    expect((await fx.admin.post('/api-keys', { name: 'x', type: 'sdk', environment: 'nowhere' })).status).toBe(404);
  });

  it('an admin key with a role acts with that role', async () => {
    const viewerKey = createdApiKeySchema.parse(
      (await fx.admin.post('/api-keys', { name: 'dash', type: 'admin', role: 'viewer' })).body,
    );
    const client = new ApiClient(fx.testApp.baseUrl, { key: viewerKey.secret });
    expect((await client.get('/services')).status).toBe(200);
    expect((await client.post('/services', { name: 'nope' })).status).toBe(403);
    expect((await client.get('/auth/me')).body).toMatchObject({ kind: 'api_key', type: 'admin', role: 'viewer' });
  });

  it('creates users who must set their own password, changes roles, disables, and keeps one admin', async () => {
    const editor = await userClient(fx.admin, 'editor');
    const me = (await editor.get<{ user: { id: string; email: string; role: string } }>('/auth/me')).body.user;
    expect(me.role).toBe('editor');
    expect(
      (await fx.admin.post('/users', { email: me.email, password: 'another-password', role: 'viewer' })).status,
    ).toBe(409);

    expect((await fx.admin.patch(`/users/${me.id}`, { role: 'viewer' })).body.role).toBe('viewer');
    expect((await editor.post('/services', { name: 'after-demotion' })).status).toBe(403);
    expect((await fx.admin.patch(`/users/${me.id}`, { disabled: true })).status).toBe(200);
    expect((await editor.get('/auth/me')).status).toBe(401);

    const adminId = (await fx.admin.get('/auth/me')).body.user.id;
    const last = await fx.admin.patch(`/users/${adminId}`, { role: 'editor' });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('LAST_ADMIN');
    expect((await fx.admin.get('/auth/me')).body.user.role).toBe('admin');
    expect(itemsOf(await fx.admin.get('/users')).every((u) => !('passwordHash' in u))).toBe(true);
    await expect(login(fx.testApp.baseUrl, me.email, 'whatever-password')).rejects.toThrow();
  });
});
