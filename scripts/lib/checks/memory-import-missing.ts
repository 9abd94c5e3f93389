// An `@path` import in CLAUDE.md that points nowhere is dropped without a word: the instructions it was meant to add
// are simply not in the session.
import { relative } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { offsetSpan } from '../check-support/locate.ts'
import { findImports, importLoads } from '../model/memory/imports.ts'

export default defineCheck({
  id: 'memory/import-missing',
  description: '`@path` imports in CLAUDE.md, CLAUDE.local.md, AGENTS.md or `.claude/rules/` whose file does not exist',
  rationale:
    'Claude Code expands `@path` in memory files (outside code spans and fences) by reading the file relative to the importing one. When the file is missing the import is dropped with no message, so the session runs without the instructions the author pointed at. Punctuation right after the path (`@docs/x.md,`) is part of the file name to the runtime. Only imports that are clearly paths (`./`, `../` or a file extension) are checked: a bare `@name` is as likely a mention.',
  runtime:
    "A CLAUDE.md importing one existing and one missing file: the existing file's text is in the system prompt, the missing one leaves no trace in the request or the debug log.",
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['memory'],
  messages: {
    trailing:
      'Unexpected `{{trailing}}` right after the import `@{{path}}`, expected white space after the path (Claude Code reads the punctuation as part of the file name and drops the import silently)',
    missing:
      'Unexpected import `@{{target}}` of a file that does not exist ({{resolved}}), expected a path to a file, relative to this one (Claude Code drops the import silently)',
  },
  check({ file, project, report }) {
    for (const imp of findImports(file.text, file.bodyOffset, file.path, file.scope.root)) {
      if (!imp.fileLike || !imp.resolved || importLoads(imp, project.disk) || project.disk.kindOf(imp.resolved) === 'outside') continue
      const bare = imp.trailing ? imp.resolved.slice(0, imp.resolved.length - imp.trailing.length) : null
      if (bare && project.disk.exists(bare)) {
        report({
          messageId: 'trailing',
          data: { trailing: imp.trailing, path: imp.target.slice(0, -imp.trailing.length) },
          at: offsetSpan(file, imp.end - imp.trailing.length, imp.end),
        })
        continue
      }
      report({
        messageId: 'missing',
        data: { target: imp.target, resolved: relative(file.scope.root, imp.resolved) },
        at: offsetSpan(file, imp.start - 1, imp.end),
      })
    }
  },
})
