import type { Reporter } from './reporter.ts'
import { printable } from './printable.ts'
import { relativePath } from './relative.ts'

// Workflow commands need `%`, CR and LF escaped in the message, and also `,` and `:` in properties.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** GitHub Actions annotations: one `::error file=…,line=…::message` line per diagnostic. */
export const github: Reporter = (diagnostics, { cwd }) =>
  diagnostics
    .map((d) => {
      const props = [
        `file=${escapeProperty(printable(relativePath(d.file, cwd)))}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(d.ruleId)}`,
      ].join(',')
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props}::${escapeData(`${printable(d.message)} (${d.ruleId})`)}\n`
    })
    .join('')
