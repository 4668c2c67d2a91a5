import { defineConfig } from 'vitest/config';

// Browser journeys in a real Chromium against a real server; one file at a time.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default', './tests/setup/summary-reporter.ts'],
  },
});
