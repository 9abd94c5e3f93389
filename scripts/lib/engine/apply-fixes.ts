import { lstatSync } from 'node:fs'
import type { Diagnostic, TextEdit } from './diagnostics.ts'
import { installedAmong } from '../install/installed.ts'
import { type ProjectBoundary, realPathOf } from '../load/boundary.ts'
import { readSource } from '../load/read-source.ts'
import { writeFileAtomic } from '../write/atomic-write.ts'

/**
 * Applies every non-overlapping fix, one atomic write per file. A file reached through a symbolic link is written at
 * the link's target, so the link stays a link; a target outside the project is refused with a diagnostic.
 */
export function applyFixes(diagnostics: Diagnostic[], boundary: ProjectBoundary): { written: string[]; refused: Diagnostic[] } {
  const edits = new Map<string, TextEdit[]>()
  for (const d of diagnostics) if (d.fix) edits.set(d.file, [...(edits.get(d.file) ?? []), ...d.fix])
  const written: string[] = []
  const refused: Diagnostic[] = []
  // Files `backend-team install` wrote and the user has not changed are the pack's: never rewritten here.
  const installed = installedAmong(edits.keys())
  for (const [path, list] of edits) {
    if (installed.has(path)) continue
    const target = realPathOf(path)
    if (target === null || !boundary.contains(target)) {
      refused.push({
        file: path,
        ruleId: 'file/fix-not-applied',
        severity: 'error',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        message: 'Unexpected fix for a file whose real path is outside the project, expected a file inside it (not written)',
      })
      continue
    }
    const read = lstatSync(target).isFile() ? readSource(target) : null
    if (!read?.ok) continue
    const text = withEdits(read.text, list)
    if (text !== read.text) {
      writeFileAtomic(target, (read.hadBom ? '\ufeff' : '') + text)
      written.push(path)
    }
  }
  return { written, refused }
}

/** The text with every edit applied from the end backwards; an edit overlapping a later one waits for the next run. */
function withEdits(original: string, edits: readonly TextEdit[]): string {
  let text = original
  let lastStart = Infinity
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    if (edit.end > lastStart) continue
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end)
    lastStart = edit.start
  }
  return text
}
