import fc from 'fast-check'
import { describe, it } from 'vitest'
import { fuzzCase } from '../scripts/fuzz/generators.ts'
import { installCase } from '../scripts/fuzz/install-generators.ts'
import { checkInstallCase } from '../scripts/fuzz/install-properties.ts'
import { checkCase } from '../scripts/fuzz/properties.ts'

/** A few hundred cases here; `npm run fuzz` runs 10,000 or more of each. FUZZ_RUNS and FUZZ_SEED override. */
const numRuns = Number(process.env.FUZZ_RUNS ?? 300)
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined
const options = { ...(seed !== undefined ? { seed } : {}) }

describe('fuzzing', () => {
  it(`validate(): ${numRuns} generated and mutated projects: no exception, positions inside files, nothing from outside, order-independent`, () => {
    fc.assert(
      fc.property(fuzzCase, (c) => checkCase(c)),
      { numRuns, ...options },
    )
  }, 120_000)

  it(`install, update and uninstall: ${numRuns} hostile .claude folders and locks: exit 0, 1 or 2, nothing outside .claude changed or printed`, async () => {
    await fc.assert(fc.asyncProperty(installCase, checkInstallCase), { numRuns, ...options })
  }, 120_000)
})
