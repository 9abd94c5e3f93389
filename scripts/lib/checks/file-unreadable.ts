// A file Claude Code cannot open is skipped without a word; say so instead.
import { defineCheck } from '../engine/check.ts'
import { pointAt } from '../engine/diagnostics.ts'

export default defineCheck({
  id: 'file/unreadable',
  description: 'Files that cannot be opened or read',
  rationale: 'Claude Code skips a file it cannot read (permissions, a broken or looping link) without any message.',
  runtime: 'An agent file that is a symlink loop is not loaded; the debug log says ELOOP and `Agent` refuses it as not found.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command', 'plugin-manifest', 'marketplace', 'hooks', 'catalog', 'markdown', 'settings'],
  includeUnreadable: true,
  messages: {
    unreadable: 'Unexpected unreadable file ({{detail}}), expected a readable regular file',
  },
  check({ file, report }) {
    if (!file.read.ok && file.read.problem === 'unreadable') {
      report({ messageId: 'unreadable', data: { detail: file.read.detail }, at: pointAt(1) })
    }
  },
})
