import type { RuleSummary } from '../engine/check.ts'
import type { Diagnostic } from '../engine/diagnostics.ts'

export interface ReportContext {
  cwd: string
  color: boolean
  /** Number of files checked, for the summary line. */
  fileCount: number
  /** Every rule, for formats that describe the rules they report (SARIF); the reporters never import the registry. */
  rules?: readonly RuleSummary[]
}

/** Turns finished diagnostics into the text of one output format. */
export type Reporter = (diagnostics: Diagnostic[], context: ReportContext) => string
