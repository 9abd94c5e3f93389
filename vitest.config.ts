import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The bundle is rebuilt first, then packed once for the journey tests.
    globalSetup: ['tests/global-setup.ts', 'tests/journey/pack.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
    // *.ci.test.ts need the npm registry or tools outside node_modules: .ci/run runs them (vitest.ci.config.ts).
    exclude: ['tests/fixtures/**', 'node_modules/**', 'tests/**/*.ci.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
