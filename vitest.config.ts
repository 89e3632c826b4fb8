import { defineConfig } from 'vitest/config';
import { HOOK_TIMEOUT_MS, TEST_TIMEOUT_MS } from './test/helpers/test-timeouts.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'connectors/**/*.test.ts', 'test/**/*.test.ts'],
    // Each test file gets its own database (test/helpers/test-db.ts); two cores, so two forks.
    pool: 'forks',
    maxWorkers: 2,
    // Hang guards (test/helpers/test-timeouts.ts). A test that needs a figure asserts it itself.
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: HOOK_TIMEOUT_MS,
  },
});
