import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../src/core/database/run-migrations.js';
import { testServerUrls, withDatabase } from './test-env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    runId: string;
  }
}

/** Migrates one template database per run; every test file clones it (see database.ts) and this drops them all. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { databaseUrl } = testServerUrls();
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const template = `bw_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  await runMigrations({ url: withDatabase(databaseUrl, template), poolSize: 1 });
  project.provide('templateDatabase', template);
  project.provide('runId', runId);

  return async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
        [template, `bw_t_${runId}_%`],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
}
