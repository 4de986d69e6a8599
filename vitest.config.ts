import { defineConfig } from 'vitest/config';

/** One run for every project's unit tests (`*.spec.ts`) and the control plane's integration tests. */
export default defineConfig({
  test: {
    projects: [
      'tools/vitest.config.ts',
      'libs/contracts/vitest.config.ts',
      'libs/sdk/vitest.config.ts',
      'apps/admin/vitest.config.ts',
      'apps/control-plane/vitest.config.ts',
      'apps/control-plane/vitest.int.config.ts',
    ],
  },
});
