// Claude Code reads files as UTF-8; other encodings or binary content arrive as garbage or not at all.
import { defineCheck } from '../engine/check.ts'
import { pointAt } from '../engine/diagnostics.ts'

const found = { binary: 'binary content', utf16: 'a UTF-16 file', 'not-utf8': 'text that is not UTF-8' } as const

export default defineCheck({
  id: 'file/encoding',
  description: 'Files that are binary, UTF-16 or not valid UTF-8',
  rationale:
    'Claude Code decodes agent and skill files as UTF-8: a UTF-16 file or invalid bytes give unreadable front matter, so the file is dropped or garbled.',
  runtime: 'A UTF-16 agent file is not loaded: it is missing from the agent listing and `Agent` refuses it as not found.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command', 'plugin-manifest', 'marketplace', 'hooks', 'catalog', 'markdown', 'settings'],
  includeUnreadable: true,
  check({ file, report }) {
    const r = file.read
    if (r.ok || !(r.problem in found)) return
    report({ message: `Unexpected ${found[r.problem as keyof typeof found]} (${r.detail}), expected UTF-8 text`, at: pointAt(1) })
  },
})
