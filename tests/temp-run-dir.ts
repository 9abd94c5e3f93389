import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Every temporary folder a test makes goes under one folder of this run (TMPDIR, inherited by the workers and the
 * processes they start), which is removed at the end, so a test run leaves the temporary directory as it found it.
 */
export default function useRunTempDir(): () => void {
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
