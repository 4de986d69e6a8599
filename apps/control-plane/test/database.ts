import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { testServerUrls, withDatabase } from './test-env.js';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of this test file's own, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { databaseUrl } = testServerUrls();
  const name = `bw_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    // Two files cloning the same template at once can collide on its lock: retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('being accessed by other users')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(databaseUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A Redis key prefix of this test file's own, so files never see each other's keys, queues or channels. */
export function testRedisPrefix(): string {
  return `bwt:${inject('runId')}:${randomBytes(3).toString('hex')}`;
}
