import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@breakwater/source'] },
  ssr: { resolve: { conditions: ['@breakwater/source'] } },
  test: {
    name: 'sdk',
    include: ['src/**/*.spec.ts'],
  },
});
