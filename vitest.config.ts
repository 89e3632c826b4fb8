import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'connectors/**/*.test.ts', 'test/**/*.test.ts'],
    // Each test file gets its own database (test/helpers/test-db.ts); two cores, so two forks.
    pool: 'forks',
    maxWorkers: 2,
    // Hang guards, not speed limits: what a test awaits is bounded by its own means (database and HTTP timeouts,
    // waits for a process's output), and on a machine shared with other work a setup that loads a database or
    // boots a process may take minutes. A test that needs a figure asserts it itself.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
