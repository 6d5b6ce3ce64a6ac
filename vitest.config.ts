import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Suites that need ../shared live in test/conformance and run through `npm run conformance`.
    exclude: ['test/conformance/**', 'node_modules/**'],
    testTimeout: 30_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
