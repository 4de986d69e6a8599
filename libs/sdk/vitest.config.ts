import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

// Tests run the sources of this package and of @breakwater/contracts, never a stale dist: subpath imports
// (`@breakwater/sdk/yaml`) and workspace packages resolve through the server (SSR) conditions in Vitest 4.
const conditions = ['@breakwater/source'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions: [...conditions, ...defaultServerConditions] } },
  test: {
    name: 'sdk',
    include: ['src/**/*.spec.ts'],
  },
});
