import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Many tests start the CLI as a child process or a Temporal server; on a busy 2-core machine
    // that alone can take several seconds. Speed is measured in bench/, not here.
    testTimeout: 30_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
