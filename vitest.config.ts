import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Apollo and graphql-inspector load graphql's CommonJS build; our files would get its ESM
// build, and graphql refuses schemas made by the other copy. One copy for everything.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: {
    alias: [{ find: /^graphql$/, replacement: graphqlEntry }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Two cores: integration suites start real servers and databases, so more workers only
    // make them compete.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
