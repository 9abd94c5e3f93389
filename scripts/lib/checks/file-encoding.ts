// Claude Code reads files as UTF-8; other encodings or binary content arrive as garbage or not at all.
import { defineCheck } from '../engine/check.ts'
import { pointAt } from '../engine/diagnostics.ts'

const found = { binary: 'binary', utf16: 'utf16', 'not-utf8': 'notUtf8' } as const

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
  messages: {
    binary: 'Unexpected binary content ({{detail}}), expected UTF-8 text',
    utf16: 'Unexpected a UTF-16 file ({{detail}}), expected UTF-8 text',
    notUtf8: 'Unexpected text that is not UTF-8 ({{detail}}), expected UTF-8 text',
  },
  check({ file, report }) {
    const r = file.read
    if (r.ok || !(r.problem in found)) return
    report({ messageId: found[r.problem as keyof typeof found], data: { detail: r.detail }, at: pointAt(1) })
  },
})
