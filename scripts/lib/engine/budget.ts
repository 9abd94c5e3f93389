/**
 * The run's time guard: `--max-time` sets a deadline that long loops poll (the body scan, the YAML checks, the
 * per-file check loop), so one hostile file cannot hold the run past it. Polling costs one clock read every
 * `pollEvery` steps.
 */
export class TimeLimitReached extends Error {
  constructor() {
    super('time limit reached')
  }
}

let deadline = Infinity
let steps = 0
const pollEvery = 1024

/** Starts the guard for a run; `Infinity` turns it off. */
export function setDeadline(at: number): void {
  deadline = at
  steps = 0
}

export function pastDeadline(): boolean {
  return Date.now() > deadline
}

/** Called inside loops: throws {@link TimeLimitReached} once the deadline has passed. */
export function checkDeadline(): void {
  if (++steps % pollEvery === 0 && Date.now() > deadline) throw new TimeLimitReached()
}
