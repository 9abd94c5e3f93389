// Claude Code 2.1.332's Bash has find and grep built in, so it drops `Grep` and `Glob` from a list that has `Bash`.
import { defineCheck } from '../engine/check.ts'
import { listEntrySpan } from '../check-support/locate.ts'
import { splitToolList } from '../model/tool-list.ts'
import { claudeCodeVersion, shadowedByBash } from '../model/vocabulary.ts'

export default defineCheck({
  id: 'tools/shadowed-by-bash',
  description: '`Grep` or `Glob` listed together with `Bash`',
  rationale:
    'Claude Code 2.1.332 silently drops `Grep` and `Glob` from an agent that also has `Bash` (its Bash has embedded find and grep), so a prompt that relies on the Grep or Glob tool finds neither.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent'],
  messages: {
    shadowed:
      'Unexpected `{{tool}}` next to `Bash`, expected one or the other (Claude Code {{version}} drops `{{tool}}` when `Bash` is listed; use find or grep through Bash)',
  },
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const entries = splitToolList(data.tools)
    if (!entries.some((e) => e.name === 'Bash')) return
    for (const entry of entries) {
      if (!shadowedByBash.has(entry.name)) continue
      report({
        messageId: 'shadowed',
        data: { tool: entry.name, version: claudeCodeVersion },
        at: listEntrySpan(file, 'tools', entry),
      })
    }
  },
})
