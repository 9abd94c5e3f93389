/** Severities a rule can run at; `off` disables it. */
export type Severity = 'error' | 'warning'
export type SeveritySetting = Severity | 'off'

/** A 1-based position in a file. */
export interface Position {
  line: number
  column: number
}

/** A span in a file, 1-based, end exclusive of the column after the last character. */
export interface Span {
  line: number
  column: number
  endLine: number
  endColumn: number
}

/** A text edit in a file: replace the characters in [start, end) with `text`. */
export interface TextEdit {
  start: number
  end: number
  text: string
}

/** A second location that explains a diagnostic ("first defined here"). */
export interface Related {
  file: string
  line: number
  column: number
  message: string
}

/** Where and how a check reports (its text comes from a message id, see RuleReport); the runner stamps rule id and severity. */
export interface Report {
  at: Span
  /** Absolute path of the file the diagnostic belongs to; defaults to the file being checked. */
  file?: string
  related?: Related[]
  fix?: TextEdit[]
  /** Lowers the rule's severity for this report (a milder case of the same rule); it never raises it. */
  severity?: 'warning'
}

/** A finished diagnostic, as the reporters see it. */
export interface Diagnostic extends Span {
  /** Absolute path. Reporters make it relative to the working directory. */
  file: string
  ruleId: string
  /** The rule's message id (`meta.messages`); absent for the engine's own diagnostics. */
  messageId?: string
  severity: Severity
  message: string
  related?: Related[]
  fix?: TextEdit[]
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  )
}

/** Span covering a whole line's first character, for findings without a better anchor. */
export function pointAt(line: number, column = 1): Span {
  return { line, column, endLine: line, endColumn: column }
}
