/** BACKEND_TEAM_TIMING=1 prints the time each rule took, like ESLint's TIMING, to find a slow rule. */
const timings: Map<string, number> | null = process.env.BACKEND_TEAM_TIMING ? new Map() : null

/** Runs one rule's work, adding its time to the rule's total when timing is on. */
export function timed(id: string, run: () => void): void {
  if (!timings) return run()
  const start = performance.now()
  run()
  timings.set(id, (timings.get(id) ?? 0) + performance.now() - start)
}

/** Prints the 15 slowest rules to stderr when timing is on. */
export function printTimings(): void {
  if (!timings) return
  const rows = [...timings].sort((a, b) => b[1] - a[1]).slice(0, 15)
  process.stderr.write(`${rows.map(([id, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${id}`).join('\n')}\n`)
}
