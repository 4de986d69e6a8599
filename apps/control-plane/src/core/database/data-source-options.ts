import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations/index.js';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
}

/**
 * Options shared by the running server, the migration runner and the test set-up, so every path migrates
 * the same way. Schema changes happen only through migrations: `synchronize` stays off.
 */
export function dataSourceOptions({ url, poolSize }: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    extra: {
      max: poolSize,
      // Fail fast instead of hanging when the server is gone (readiness must answer 503, not hang).
      connectionTimeoutMillis: 5_000,
      application_name: 'breakwater-control-plane',
    },
  };
}
