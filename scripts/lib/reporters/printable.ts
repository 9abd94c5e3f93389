/**
 * Text taken from a checked file (a file name, a key, a value quoted in a message) as the reporters may print it:
 * control characters, ANSI escape sequences, line and paragraph separators and bidirectional overrides become visible
 * `\u{…}` escapes, so a file cannot colour the terminal, hide text or start a line of its own.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

export function printable(text: string): string {
  return text.replace(unsafe, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`)
}

/**
 * A path printed at the start of a line: a name that starts like a CI command (`::error …`, `##vso[…`) is written
 * `./::error …`, which GitHub Actions and Azure Pipelines do not read as one.
 */
export function printablePathLine(path: string): string {
  const safe = printable(path)
  return /^\s*(?:::|##)/.test(safe) ? `./${safe}` : safe
}
