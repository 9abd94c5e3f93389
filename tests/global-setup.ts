import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import useRunTempDir from './temp-run-dir.ts'

/** Tests that run the bin see the current source: rebuild the bundle once per test run, then use a per-run TMPDIR. */
export default function setup(): () => void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { stdio: 'inherit' })
  return useRunTempDir()
}
