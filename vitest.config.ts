import { defineConfig } from 'vitest/config';

// e2e tests spawn real GStreamer pipelines: generous timeouts, and no more workers than cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/vitest.json' },
    // Off unless asked for (npm run test:coverage). It measures src/ as loaded by the test
    // process; the e2e tests run the bundled CLI in children, which it does not see.
    coverage: {
      enabled: false,
      provider: 'v8',
      include: ['src/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: '.test-results/coverage',
    },
  },
});
