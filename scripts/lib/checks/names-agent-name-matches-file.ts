// Claude Code identifies an agent only by `name`: `fname.md` with `name: other` cannot be dispatched as `fname`.
import { basename } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { valueSpan } from '../check-support/locate.ts'

export default defineCheck({
  id: 'names/agent-name-matches-file',
  description: 'Agents whose `name` differs from the file name',
  rationale:
    "Claude Code ignores an agent's file name and knows it only by `name`, so `fname.md` with `name: other` is not found as `fname`; people and tools that go by the file name dispatch an agent that does not exist.",
  defaultSeverity: 'off',
  scope: 'file',
  kinds: ['agent'],
  messages: {
    mismatch:
      'Unexpected agent name `{{name}}`, expected `{{stem}}` to match the file name `{{fileName}}` (Claude Code knows this agent only as `{{name}}`)',
  },
  check({ file, report }) {
    const name = file.frontmatter?.data?.name
    const stem = basename(file.path).replace(/\.md$/i, '')
    if (typeof name !== 'string' || name === '' || name === stem) return
    report({
      messageId: 'mismatch',
      data: { name, stem, fileName: basename(file.path) },
      at: valueSpan(file, ['name']),
    })
  },
})
