import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@breakwater/source'] },
  test: {
    name: 'contracts',
    include: ['src/**/*.spec.ts'],
  },
});
