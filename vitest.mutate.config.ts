import { defineConfig } from 'vitest/config'

// `npm run mutate` (stryker.config.json) runs thousands of mutants on a shared machine, so it runs only the tests that
// call the checks in-process: the fixtures and the in-process configuration and engine tests. Tests that start the bin
// or Claude Code (CLI, journey, guard, Go) cannot see a mutant, which lives in this process, and the bundle build and
// pack of the default global setup would be repeated by every Stryker worker.
export default defineConfig({
  test: {
    include: [
      'tests/checks.test.ts',
      'tests/checks/**/*.test.ts',
      'tests/validator/config.test.ts',
      'tests/validator/engine-contract.test.ts',
      'tests/tool-list.test.ts',
    ],
    // Stryker's sandbox cannot copy a link to a folder, so the two fixtures made of one stay out of it
    // (ignorePatterns in stryker.config.json); the test that holds every message to a fixture would miss theirs.
    exclude: ['tests/checks/messages.test.ts'],
    globalSetup: ['tests/temp-run-dir.ts'],
    setupFiles: ['tests/mutate-setup.ts'],
    // Stryker switches mutants at run time, so one module graph per worker is enough.
    isolate: false,
    testTimeout: 20_000,
  },
})
