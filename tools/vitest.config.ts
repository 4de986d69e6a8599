import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'tools',
    include: ['**/*.spec.ts'],
    testTimeout: 60_000,
  },
});
