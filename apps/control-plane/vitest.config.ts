import { defineProject } from 'vitest/config';

/** Unit tests: `*.spec.ts` beside the code, no I/O. */
export default defineProject({
  resolve: { conditions: ['@breakwater/source'] },
  test: {
    name: 'control-plane',
    include: ['src/**/*.spec.ts', 'migrations/**/*.spec.ts'],
  },
});
