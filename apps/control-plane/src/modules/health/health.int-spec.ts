import { healthReportSchema, livenessSchema } from '@breakwater/contracts';
import type { Redis } from 'ioredis';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS } from '../../core/redis/redis.module.js';
import { createTestDatabase, testRedisPrefix, type TestDatabase } from '../../../test/database.js';
import { TcpProxy } from '../../../test/tcp-proxy.js';
import { startTestApp, type TestApp } from '../../../test/test-app.js';
import { testServerUrls } from '../../../test/test-env.js';

async function readiness(baseUrl: string) {
  const began = Date.now();
  const response = await fetch(`${baseUrl}/health/ready`);
  return { status: response.status, report: healthReportSchema.parse(await response.json()), ms: Date.now() - began };
}

describe('health endpoints (real PostgreSQL and Redis behind TCP proxies)', () => {
  let database: TestDatabase;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let testApp: TestApp;

  beforeAll(async () => {
    const { redisUrl } = testServerUrls();
    database = await createTestDatabase();
    pgProxy = TcpProxy.forUrl(database.url);
    redisProxy = TcpProxy.forUrl(redisUrl);
    await pgProxy.start();
    await redisProxy.start();
    testApp = await startTestApp({
      DATABASE_URL: pgProxy.rewrite(database.url),
      DATABASE_POOL_SIZE: '2',
      REDIS_URL: redisProxy.rewrite(redisUrl),
      REDIS_PREFIX: testRedisPrefix(),
    });
  });

  afterAll(async () => {
    await testApp?.close();
    await pgProxy?.stop();
    await redisProxy?.stop();
    await database?.drop();
  });

  it('GET /health answers liveness without touching dependencies', async () => {
    const response = await fetch(`${testApp.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(livenessSchema.parse(await response.json()).version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('GET /health/ready reports PostgreSQL and Redis up', async () => {
    const { status, report } = await readiness(testApp.baseUrl);
    expect(status).toBe(200);
    expect(report.status).toBe('ok');
    expect(report.details['postgres']?.status).toBe('up');
    expect(report.details['redis']?.status).toBe('up');
  });

  it('answers 503 quickly, naming Redis, when Redis goes away, and 200 again when it is back', async () => {
    const redis = testApp.app.get<Redis>(REDIS);
    await redisProxy.stop();
    const down = await readiness(testApp.baseUrl);
    expect(down.status).toBe(503);
    expect(down.report.status).toBe('error');
    expect(down.report.details['redis']?.status).toBe('down');
    expect(down.report.details['postgres']?.status).toBe('up');
    expect(down.ms).toBeLessThan(5_000);

    const reconnected = once(redis, 'ready');
    await redisProxy.start();
    await reconnected;
    expect((await readiness(testApp.baseUrl)).status).toBe(200);
  });

  it('answers 503 quickly, naming PostgreSQL, when PostgreSQL goes away', async () => {
    await pgProxy.stop();
    const down = await readiness(testApp.baseUrl);
    expect(down.status).toBe(503);
    expect(down.report.details['postgres']?.status).toBe('down');
    expect(down.report.details['redis']?.status).toBe('up');
    expect(down.ms).toBeLessThan(5_000);
    await pgProxy.start();
    expect((await readiness(testApp.baseUrl)).status).toBe(200);
  });
});
