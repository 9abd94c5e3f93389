/** What a command may touch of the outside world; tests pass their own. */
export interface CommandIO {
  cwd: string
  isTTY: boolean
  stdout(text: string): void
  stderr(text: string): void
}

/** A mistake in how the command was called: printed without a stack, exit code 2. */
export class UsageError extends Error {}
