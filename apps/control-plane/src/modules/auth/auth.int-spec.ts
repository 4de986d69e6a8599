import { loginResponseSchema, principalSchema } from '@breakwater/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, login } from '../../../test/api-client.js';
import { type ControlPlaneFixture, startControlPlane } from '../../../test/control-plane-app.js';
import { createTestDatabase, testRedisPrefix, type TestDatabase } from '../../../test/database.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../../../test/test-app.js';
import { testServerUrls } from '../../../test/test-env.js';

describe('sign-in, sessions, CSRF and the login rate limit (real PostgreSQL)', () => {
  let fx: ControlPlaneFixture;

  beforeAll(async () => {
    fx = await startControlPlane({ LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '600' });
  });
  afterAll(async () => fx?.close());

  it('signs in with an http-only session cookie and answers /auth/me', async () => {
    const response = await fx.anonymous.post('/auth/login', {
      email: 'ADMIN@breakwater.test',
      password: TEST_ADMIN.password,
    });
    expect(response.status).toBe(200);
    expect(loginResponseSchema.parse(response.body).user.role).toBe('admin');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^bw_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const me = await fx.admin.get('/auth/me');
    expect(principalSchema.parse(me.body)).toMatchObject({ kind: 'user', user: { email: TEST_ADMIN.email } });
  });

  it('refuses every non-public route without credentials (401), and a made-up key or cookie', async () => {
    expect((await fx.anonymous.get('/environments')).status).toBe(401);
    expect((await new ApiClient(fx.testApp.baseUrl, { key: 'bw_adm_made-up' }).get('/environments')).status).toBe(401);
    expect((await new ApiClient(fx.testApp.baseUrl, { cookie: 'bw_session=forged' }).get('/environments')).status).toBe(
      401,
    );
  });

  it('requires X-Requested-With on cookie-authenticated writes and a same-origin Origin', async () => {
    const noHeader = await fx.admin.post('/services', { name: 'csrf-1' }, { 'x-requested-with': '' });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.code).toBe('CSRF_CHECK_FAILED');
    const foreign = await fx.admin.post('/services', { name: 'csrf-2' }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await fx.admin.get('/services')).body.items).toEqual([]);
    const same = await fx.admin.post('/services', { name: 'csrf-3' }, { origin: fx.testApp.baseUrl });
    expect(same.status).toBe(201);
  });

  it('logout ends the session', async () => {
    const session = await login(fx.testApp.baseUrl);
    expect((await session.post('/auth/logout')).status).toBe(204);
    expect((await session.get('/auth/me')).status).toBe(401);
    expect((await fx.admin.get('/auth/me')).status).toBe(200);
  });

  it('audits failed sign-ins and rate-limits them per email and address', async () => {
    const email = 'nobody@breakwater.test';
    for (let i = 0; i < 3; i++) {
      const failed = await fx.anonymous.post('/auth/login', { email, password: 'wrong-password' });
      expect(failed.status).toBe(401);
      expect(failed.body.code).toBe('INVALID_CREDENTIALS');
    }
    const limited = await fx.anonymous.post('/auth/login', { email, password: 'wrong-password' });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    const audit = await fx.admin.get(`/audit?action=auth.login_failed&resource=${email}`);
    expect(audit.body.items).toHaveLength(3);
    expect(audit.body.items[0]).toMatchObject({ actor: { type: 'anonymous', label: email }, ip: expect.any(String) });
    // another account from the same address is not locked out
    expect(
      (await fx.anonymous.post('/auth/login', { email: TEST_ADMIN.email, password: TEST_ADMIN.password })).status,
    ).toBe(200);
  });
});

describe('first start without BREAKWATER_ADMIN_PASSWORD: a one-time password that must be changed', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];

  async function start(): Promise<{ app: TestApp; printed: string }> {
    let printed = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    try {
      const app = await startTestApp({
        DATABASE_URL: database.url,
        REDIS_URL: testServerUrls().redisUrl,
        REDIS_PREFIX: testRedisPrefix(),
        BREAKWATER_ADMIN_EMAIL: '',
        BREAKWATER_ADMIN_PASSWORD: '',
      });
      apps.push(app);
      return { app, printed };
    } finally {
      write.mockRestore();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.drop();
  });

  it('prints the password once, then allows nothing but a password change', async () => {
    const { app, printed } = await start();
    const password = /One-time password: (\S+)/.exec(printed)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);

    const admin = await login(app.baseUrl, 'admin@breakwater.local', password);
    expect((await admin.get('/auth/me')).body.user.mustChangePassword).toBe(true);
    const blocked = await admin.get('/environments');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const tooShort = await admin.post('/auth/password', { currentPassword: password, newPassword: 'short' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.details.fields[0].path).toBe('newPassword');
    expect(
      (await admin.post('/auth/password', { currentPassword: password, newPassword: 'a-long-new-password' })).status,
    ).toBe(204);
    expect((await admin.get('/environments')).status).toBe(200);

    // A second start finds the admin and prints nothing.
    const again = await start();
    expect(again.printed).not.toContain('One-time password');
    expect(
      (await login(again.app.baseUrl, 'admin@breakwater.local', 'a-long-new-password').then((c) => c.get('/auth/me')))
        .status,
    ).toBe(200);
  });
});
