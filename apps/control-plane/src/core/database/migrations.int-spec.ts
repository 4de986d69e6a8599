import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { runMigrations } from './run-migrations.js';

describe('migrations (real PostgreSQL)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it('the template already holds every migration, so running them again applies nothing', async () => {
    expect(await runMigrations({ url: database.url, poolSize: 1 })).toEqual([]);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id');
      expect(rows.map((row) => row.name)).toEqual(migrations.map((migration) => new migration().name));
    } finally {
      await client.end();
    }
  });

  it('creates the built-in environments', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        'SELECT name FROM environments WHERE built_in ORDER BY name',
      );
      expect(rows.map((row) => row.name)).toEqual(['development', 'production', 'staging']);
    } finally {
      await client.end();
    }
  });
});
