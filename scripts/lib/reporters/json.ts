import { ruleDocsUrl } from './rule-docs.ts'
import type { Reporter } from './reporter.ts'
import { printable } from './printable.ts'
import { relativePath } from './relative.ts'

/**
 * The stable machine format (schemas/json-report.schema.json): a flat array of
 * `{file, line, column, endLine, endColumn, ruleId, messageId, severity, message, url}`, with `related` and `fix` when a
 * diagnostic has them; paths relative to the working directory. Fields are only ever added.
 */
export const json: Reporter = (diagnostics, { cwd }) =>
  JSON.stringify(
    diagnostics.map((d) => {
      const url = ruleDocsUrl(d.ruleId)
      return {
        file: printable(relativePath(d.file, cwd)),
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        ruleId: d.ruleId,
        ...(d.messageId ? { messageId: d.messageId } : {}),
        severity: d.severity,
        message: printable(d.message),
        ...(url ? { url } : {}),
        ...(d.related
          ? {
              related: d.related.map((r) => ({
                file: printable(relativePath(r.file, cwd)),
                line: r.line,
                column: r.column,
                message: printable(r.message),
              })),
            }
          : {}),
        ...(d.fix ? { fix: d.fix.map((e) => ({ start: e.start, end: e.end, text: e.text })) } : {}),
      }
    }),
    null,
    2,
  ) + '\n'
