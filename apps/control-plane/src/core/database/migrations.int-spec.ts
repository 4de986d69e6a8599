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

  it("seeds the built-in environments with the guide's defaults and keeps breaker versions immutable", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; defaults: Record<string, number>; revision: string }>(
        "SELECT name, defaults, revision FROM environments WHERE name IN ('development', 'production') ORDER BY name",
      );
      expect(rows.map((row) => [row.name, row.defaults['failureThreshold'], row.revision])).toEqual([
        ['development', 10, '0'],
        ['production', 3, '0'],
      ]);
      await client.query('BEGIN');
      const config = await client.query<{ id: string }>(
        `INSERT INTO breaker_configs (environment, service, name, current_version, revision, updated_by)
         VALUES ('staging', 's', 'n', 1, 1, 'test') RETURNING id`,
      );
      const id = config.rows[0]?.id;
      await client.query(
        `INSERT INTO breaker_config_versions (config_id, version, overrides, metadata, effective, content_hash, author, revision)
         VALUES ($1, 1, '{}', '{}', '{}', 'h', 'test', 1)`,
        [id],
      );
      await expect(client.query('UPDATE breaker_config_versions SET author = $1', ['mallory'])).rejects.toThrow(
        'immutable',
      );
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  });
});
