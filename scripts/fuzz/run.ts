/**
 * `npm run fuzz`: the fuzzing properties on many more cases than `npm test` runs: the validator's (default 10,000;
 * `npm run fuzz -- 50000` or FUZZ_RUNS) and the installer's (as many; FUZZ_INSTALL_RUNS). FUZZ_SEED replays a run.
 * Prints the counts, the times and every failure (fast-check shrinks each to a minimal case), and exits 1 when there
 * is one. Here, unlike in `npm test`, a validator run over a second per file is a failure too.
 */
import fc from 'fast-check'
import { fuzzCase } from './generators.ts'
import { installCase } from './install-generators.ts'
import { checkInstallCase } from './install-properties.ts'
import { checkCase } from './properties.ts'

const numRuns = Number(process.argv[2] ?? process.env.FUZZ_RUNS ?? 10_000)
const installRuns = Number(process.env.FUZZ_INSTALL_RUNS ?? numRuns)
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31

/** Runs one property and prints its line; true when it held. */
async function fuzz<T>(label: string, runs: number, property: fc.IAsyncProperty<[T]>): Promise<boolean> {
  const started = performance.now()
  process.stderr.write(`fuzz ${label}: ${runs} cases, seed ${seed}\n`)
  const result = await fc.check(property, { numRuns: runs, seed, endOnFailure: false })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (result.failed) {
    process.stdout.write(`fuzz ${label}: ${result.numRuns} cases passed before a failure (${seconds} s, seed ${seed})\n`)
    process.stdout.write(`${fc.defaultReportMessage(result) ?? 'failed'}\n`)
    return false
  }
  process.stdout.write(`fuzz ${label}: ${result.numRuns} cases, 0 failures, ${seconds} s (seed ${seed})\n`)
  return true
}

/** Counts cases and keeps the slowest, for the progress lines. */
function timed<T>(label: string, check: (c: T) => void | Promise<void>): (c: T) => Promise<void> {
  let cases = 0
  const started = performance.now()
  return async (c: T) => {
    if (++cases % 1000 === 0) process.stderr.write(`fuzz ${label}: ${cases} runs, ${((performance.now() - started) / 1000).toFixed(0)} s\n`)
    await check(c)
  }
}

const validatorHeld = await fuzz(
  'validate',
  numRuns,
  fc.asyncProperty(
    fuzzCase,
    timed('validate', (c) => checkCase(c, { msPerFile: 1000 })),
  ),
)
const installerHeld = await fuzz('install', installRuns, fc.asyncProperty(installCase, timed('install', checkInstallCase)))
const failures = [validatorHeld, installerHeld].filter((held) => !held).length
process.stdout.write(`fuzz: ${failures} ${failures === 1 ? 'failure' : 'failures'}\n`)
if (failures > 0) process.exitCode = 1
