import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Scanner fixtures may be named like tests (a decoy auth.test.ts); they are samples, not tests.
    exclude: ['test/fixtures/**', 'node_modules/**'],
    // System tests start real servers and load generators; two cores cannot run many at once.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
