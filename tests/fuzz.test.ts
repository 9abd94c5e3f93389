import fc from 'fast-check'
import { describe, it } from 'vitest'
import { fuzzCase } from '../scripts/fuzz/generators.ts'
import { checkCase } from '../scripts/fuzz/properties.ts'

/** A few hundred cases here; `npm run fuzz` runs 10,000 or more. FUZZ_RUNS and FUZZ_SEED override. */
const numRuns = Number(process.env.FUZZ_RUNS ?? 300)
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined

describe('fuzzing validate()', () => {
  it(`${numRuns} generated and mutated projects: no exception, fast, positions inside files, order-independent`, () => {
    fc.assert(
      fc.property(fuzzCase, (c) => checkCase(c)),
      { numRuns, ...(seed !== undefined ? { seed } : {}) },
    )
  }, 120_000)
})
