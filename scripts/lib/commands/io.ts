/** What a command may touch of the outside world; tests pass their own. */
export interface CommandIO {
  cwd: string
  /** Whether to colour output when no flag says: a terminal, or FORCE_COLOR/NO_COLOR (see color.ts). */
  isTTY: boolean
  stdout(text: string): void
  stderr(text: string): void
  /** Standard input, at most `limit` bytes plus one (so a caller can tell it was longer); for `validate --stdin`. */
  readStdin?(limit: number): Promise<Uint8Array>
}

/** A mistake in how the command was called: printed without a stack, exit code 2. */
export class UsageError extends Error {}
