/**
 * `npm run fuzz`: the fuzzing properties of scripts/fuzz on many more cases than `npm test` runs (default 10,000;
 * `npm run fuzz -- 50000` or FUZZ_RUNS; FUZZ_SEED replays a run). Prints the count, the time and every failure
 * (fast-check shrinks each to a minimal case), and exits 1 when there is one.
 */
import fc from 'fast-check'
import { fuzzCase } from './generators.ts'
import { checkCase } from './properties.ts'

const numRuns = Number(process.argv[2] ?? process.env.FUZZ_RUNS ?? 10_000)
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31
let cases = 0
let slowest = 0
const started = performance.now()
process.stderr.write(`fuzz: ${numRuns} cases, seed ${seed}\n`)
const result = fc.check(
  fc.property(fuzzCase, (c) => {
    cases++
    if (cases % 1000 === 0) process.stderr.write(`fuzz: ${cases} runs, ${((performance.now() - started) / 1000).toFixed(0)} s\n`)
    const caseStarted = performance.now()
    try {
      checkCase(c)
    } finally {
      slowest = Math.max(slowest, performance.now() - caseStarted)
    }
  }),
  { numRuns, seed, endOnFailure: false },
)
const seconds = ((performance.now() - started) / 1000).toFixed(1)
if (result.failed) {
  process.stdout.write(
    `fuzz: ${result.numRuns} cases passed before a failure (${cases} runs including shrinking, ${seconds} s, seed ${seed})\n`,
  )
  process.stdout.write(`${fc.defaultReportMessage(result) ?? 'failed'}\n`)
  process.stdout.write('fuzz: 1 failure\n')
  process.exitCode = 1
} else {
  process.stdout.write(`fuzz: ${result.numRuns} cases, 0 failures, ${seconds} s, slowest case ${slowest.toFixed(0)} ms (seed ${seed})\n`)
}
