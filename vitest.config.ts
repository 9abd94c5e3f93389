import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
    exclude: ['tests/fixtures/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
