import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: property-based tests, the kill -9 soak, two processes on one file,
// disk and database faults. Slower than `npm test`, so kept apart from it.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/support/setup.ts'],
    // The soak and the two-process runs mostly wait (on Slack's pace, on claim leases): let the
    // other files run beside them rather than after them.
    maxWorkers: 3,
  },
});
