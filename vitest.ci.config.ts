import { defineConfig } from 'vitest/config'

// The journey tests that need the npm registry or tools outside node_modules (the real pre-commit): .ci/run runs these.
export default defineConfig({
  test: {
    include: ['tests/**/*.ci.test.ts'],
    globalSetup: ['tests/global-setup.ts', 'tests/journey/pack.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
})
