import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseSettings } from './data-source-options.js';

/** Applies pending migrations and returns the names applied. Used at boot and by the test set-up. */
export async function runMigrations(settings: DatabaseSettings): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions({ ...settings, poolSize: 1 }), logging: ['error'] });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
