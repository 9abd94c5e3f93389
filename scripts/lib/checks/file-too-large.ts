// Claude Code's markdown loader skips files over 1 MiB; the validator mirrors that limit and never reads them.
import { defineCheck } from '../engine/check.ts'
import { pointAt } from '../engine/diagnostics.ts'
import { maxFileBytes } from '../load/read-source.ts'

export default defineCheck({
  id: 'file/too-large',
  description: "Files over Claude Code's 1 MiB limit",
  rationale:
    'Claude Code skips agent and skill files over 1,048,576 bytes (a debug-log line only), so the agent or skill silently does not exist.',
  runtime: 'An agent file over 1 MiB is skipped (debug log: "exceeds 1048576 byte limit") and `Agent` refuses it as not found.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command', 'plugin-manifest', 'marketplace', 'hooks', 'catalog', 'markdown', 'settings'],
  includeUnreadable: true,
  messages: {
    tooLarge: 'Unexpected file of {{bytes}} bytes, expected at most {{max}} bytes (Claude Code skips larger files)',
  },
  check({ file, report }) {
    if (!file.read.ok && file.read.problem === 'too-large') {
      report({
        messageId: 'tooLarge',
        data: { bytes: String(file.read.bytes), max: maxFileBytes },
        at: pointAt(1),
      })
    }
  },
})
