import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Tests that run the bin see the current source: rebuild the bundle once per test run. Every temporary folder a test
 * makes goes under one folder of this run (TMPDIR, inherited by the workers and the processes they start), which is
 * removed at the end, so `npm test` leaves the temporary directory as it found it.
 */
export default function setup(): () => void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { stdio: 'inherit' })
  const runDir = mkdtempSync(join(tmpdir(), 'backend-team-test-'))
  const previous = process.env.TMPDIR
  process.env.TMPDIR = runDir
  return () => {
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
    // Read-only folders made by permission tests would stop the removal; make them writable first.
    try {
      execFileSync('chmod', ['-R', 'u+rwX', runDir], { stdio: 'ignore' })
    } catch {
      // Nothing to fix up, or chmod is missing: rmSync below still tries.
    }
    rmSync(runDir, { recursive: true, force: true })
  }
}
