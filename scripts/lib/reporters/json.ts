import type { Reporter } from './index.ts'
import { relativePath } from './relative.ts'

/**
 * The stable machine format: a flat array of
 * `{file, line, column, endLine, endColumn, ruleId, severity, message}`, `file` relative to the working directory.
 */
export const json: Reporter = (diagnostics, { cwd }) =>
  JSON.stringify(
    diagnostics.map((d) => ({
      file: relativePath(d.file, cwd),
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
    })),
    null,
    2,
  ) + '\n'
