// Claude Code follows memory imports four levels deep; a file that only a fifth-level import reaches is not loaded.
import { relative } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { offsetSpan } from '../check-support/locate.ts'
import { findImports, importsBeyondDepth, MAX_IMPORT_DEPTH } from '../model/memory/imports.ts'

export default defineCheck({
  id: 'memory/import-depth',
  description: 'Memory files whose `@path` import chains go deeper than the four levels Claude Code follows',
  rationale: `Claude Code reads a memory file's imports, and theirs, up to ${MAX_IMPORT_DEPTH} levels below the file it started from; an import found deeper is dropped with no message. Flatten the chain, or import the deep file from a shallower one.`,
  runtime:
    "A CLAUDE.md with a five-file import chain: the texts of the first four files are in the system prompt, the fifth's is not, and the debug log says nothing.",
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['memory'],
  messages: {
    tooDeep: 'Unexpected import chain {{depth}} levels deep ({{chain}}), expected at most {{max}} (Claude Code does not load {{dropped}})',
  },
  check({ file, project, report }) {
    const own = findImports(file.text, file.bodyOffset, file.path, file.scope.root)
    for (const { imp, chain } of importsBeyondDepth(file.path, file.text, file.bodyOffset, file.scope.root, project.disk)) {
      // Point at this file's import that starts the chain.
      const first = chain.length > 1 ? own.find((o) => o.resolved === chain[1]) : imp
      const shown = [...chain, imp.resolved!].map((p) => relative(file.scope.root, p)).join(' → ')
      report({
        messageId: 'tooDeep',
        data: {
          depth: MAX_IMPORT_DEPTH + 1,
          chain: shown,
          max: MAX_IMPORT_DEPTH,
          dropped: relative(file.scope.root, imp.resolved!),
        },
        at: offsetSpan(file, (first ?? imp).start - 1, (first ?? imp).end),
      })
    }
  },
})
