import type { Diagnostic } from './diagnostics.ts'
import { TimeLimitReached } from './budget.ts'

/** Default for `timeLimitMs`: a hostile repository cannot make pre-commit hang. */
export const defaultTimeLimitMs = 60_000

/** The run's time guard, shared by every project of one run. */
export interface Clock {
  deadline: number
  /** Files not started, or cut off, before the deadline. */
  notChecked: string[]
  skippedProjectChecks: number
  candidateCount: number
}

/** Runs `work`; false when the time guard cut it off. */
export function withinTime(work: () => void): boolean {
  try {
    work()
    return true
  } catch (error) {
    if (error instanceof TimeLimitReached) return false
    throw error
  }
}

/** The first few names of a list, for a message: `a.md, b.md and 3 more`. */
function namesOf(paths: string[], rel: (path: string) => string): string {
  const shown = paths.slice(0, 5).map(rel)
  return paths.length > shown.length ? `${shown.join(', ')} and ${paths.length - shown.length} more` : shown.join(', ')
}

/** The one `file/time-limit` error of a run the clock cut short, naming what was not checked. */
export function timeLimitDiagnostic(
  clock: Clock,
  timeLimitMs: number,
  fallbackFile: string,
  relativeTo: (path: string) => string,
): Diagnostic {
  const parts = [
    ...(clock.notChecked.length > 0
      ? [`${clock.notChecked.length} of ${clock.candidateCount} files were not checked (${namesOf(clock.notChecked, relativeTo)})`]
      : []),
    ...(clock.skippedProjectChecks > 0 ? [`${clock.skippedProjectChecks} project-wide checks did not run`] : []),
  ]
  return {
    file: clock.notChecked[0] ?? fallbackFile,
    ruleId: 'file/time-limit',
    severity: 'error',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message: `Unexpected run longer than the time limit of ${timeLimitMs / 1000} s, expected every file checked: ${parts.join(' and ')} (raise the limit with --max-time)`,
  }
}
