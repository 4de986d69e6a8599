import { createTestDatabase, testRedisPrefix, type TestDatabase } from './database.js';
import { startTestApp, type TestApp } from './test-app.js';
import { testServerUrls } from './test-env.js';
import { ApiClient, login } from './api-client.js';

export interface ControlPlaneFixture {
  database: TestDatabase;
  testApp: TestApp;
  /** Signed in as the first admin. */
  admin: ApiClient;
  anonymous: ApiClient;
  close(): Promise<void>;
}

/** A control plane on its own fresh database, with the first admin signed in: the usual start of an int-spec. */
export async function startControlPlane(vars: Record<string, string> = {}): Promise<ControlPlaneFixture> {
  const database = await createTestDatabase();
  const testApp = await startTestApp({
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: testServerUrls().redisUrl,
    REDIS_PREFIX: testRedisPrefix(),
    ...vars,
  });
  return {
    database,
    testApp,
    admin: await login(testApp.baseUrl),
    anonymous: new ApiClient(testApp.baseUrl),
    close: async () => {
      await testApp.close();
      await database.drop();
    },
  };
}
