import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@breakwater/source'] },
  // Tests run in Vite's server environment, which takes its resolve conditions from `ssr`.
  ssr: { resolve: { conditions: ['@breakwater/source'] } },
  test: {
    name: 'sdk',
    include: ['src/**/*.spec.ts'],
  },
});
