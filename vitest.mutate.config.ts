import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.ts'

// `npm run mutate` (stryker.config.json) runs thousands of mutants; each run re-imports the whole validator when every
// test file gets fresh modules. Stryker switches mutants at run time, so one module graph per worker is enough.
export default mergeConfig(base, defineConfig({ test: { isolate: false } }))
