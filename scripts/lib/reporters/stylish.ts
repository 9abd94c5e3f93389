import type { Reporter } from './reporter.ts'
import { plural } from './plural.ts'
import { printable, printablePathLine } from './printable.ts'
import { relativePath } from './relative.ts'

const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text)

/** ESLint's layout: a block per file, aligned `line:col severity message rule` rows, then a summary. */
export const stylish: Reporter = (diagnostics, { cwd, color }) => {
  if (diagnostics.length === 0) return ''
  const groups = new Map<string, typeof diagnostics>()
  for (const d of diagnostics) groups.set(d.file, [...(groups.get(d.file) ?? []), d])
  let out = ''
  let errors = 0
  let warnings = 0
  let fixable = 0
  for (const [file, list] of groups) {
    out += `\n${paint(color, 4, printablePathLine(relativePath(file, cwd)))}\n`
    const width = Math.max(...list.map((d) => `${d.line}:${d.column}`.length))
    const kindWidth = list.some((d) => d.severity === 'warning') ? 7 : 5
    for (const d of list) {
      if (d.severity === 'error') errors++
      else warnings++
      if (d.fix) fixable++
      const where = `${d.line}:${d.column}`.padEnd(width)
      const kind = paint(color, d.severity === 'error' ? 31 : 33, d.severity.padEnd(kindWidth))
      out += `  ${paint(color, 2, where)}  ${kind}  ${printable(d.message)}  ${paint(color, 2, d.ruleId)}\n`
      for (const r of d.related ?? [])
        out += `  ${' '.repeat(width)}  ${' '.repeat(kindWidth)}  ${paint(color, 2, `↳ ${printable(relativePath(r.file, cwd))}:${r.line}:${r.column} ${printable(r.message)}`)}\n`
    }
  }
  const total = errors + warnings
  const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`
  out += `\n${paint(color, errors > 0 ? 31 : 33, summary)}\n`
  if (fixable > 0) out += `  ${plural(fixable, 'problem')} fixable with \`--fix\`\n`
  return out
}
