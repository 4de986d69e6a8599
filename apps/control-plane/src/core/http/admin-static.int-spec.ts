import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testRedisPrefix, type TestDatabase } from '../../../test/database.js';
import { startTestApp, type TestApp } from '../../../test/test-app.js';
import { testServerUrls } from '../../../test/test-env.js';

describe('admin UI hosting and the default HTTP behaviour', () => {
  let database: TestDatabase;
  let testApp: TestApp;
  const adminDir = mkdtempSync(join(tmpdir(), 'bw-admin-'));

  beforeAll(async () => {
    mkdirSync(join(adminDir, 'assets'));
    writeFileSync(join(adminDir, 'index.html'), '<!doctype html><title>Breakwater test shell</title>');
    writeFileSync(join(adminDir, 'assets', 'app-1234.js'), 'console.log(1)');
    database = await createTestDatabase();
    testApp = await startTestApp({
      DATABASE_URL: database.url,
      REDIS_URL: testServerUrls().redisUrl,
      REDIS_PREFIX: testRedisPrefix(),
      BREAKWATER_ADMIN_DIR: adminDir,
    });
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
    rmSync(adminDir, { recursive: true, force: true });
  });

  it.each(['/', '/environments/production/breakers'])('serves index.html for the client route %s', async (path) => {
    const response = await fetch(`${testApp.baseUrl}${path}`, { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Breakwater test shell');
  });

  it('serves hashed assets with long-lived caching', async () => {
    const response = await fetch(`${testApp.baseUrl}/assets/app-1234.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('answers unknown API paths with the JSON error envelope, not the SPA', async () => {
    const response = await fetch(`${testApp.baseUrl}/api/v1/does-not-exist`, { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 'NOT_FOUND', message: 'Cannot GET /api/v1/does-not-exist' });
  });
});
