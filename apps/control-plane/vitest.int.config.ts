import { defineProject } from 'vitest/config';

/**
 * Integration tests: `*.int-spec.ts` against the real PostgreSQL and Redis the launcher found or started
 * (BREAKWATER_TEST_DATABASE_URL, REDIS_URL). Each test file gets its own database cloned from a migrated
 * template and its own Redis key prefix.
 */
export default defineProject({
  resolve: { conditions: ['@breakwater/source'] },
  test: {
    name: 'control-plane:int',
    include: ['src/**/*.int-spec.ts', 'test/**/*.int-spec.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
