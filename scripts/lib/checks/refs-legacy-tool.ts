// Old tool names still work through Claude Code's alias table, but the table shrinks between releases.
import { defineCheck } from '../engine/check.ts'
import { listEntrySpan } from '../check-support/locate.ts'
import { splitToolList, toolListKeys } from '../model/tool-list.ts'
import { claudeCodeVersion, legacyToolReplacement } from '../model/vocabulary.ts'

export default defineCheck({
  id: 'refs/legacy-tool',
  description: 'Legacy tool names (`Task`, `KillShell`, …) that Claude Code maps to a current tool',
  rationale:
    'Claude Code still maps old names such as `Task` → `Agent` and `KillShell` → `TaskStop`, but aliases disappear between releases (2.1.332 dropped the `BashOutput` family), and then the name is dropped silently.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  messages: {
    legacy: 'Unexpected legacy tool name `{{name}}`, expected `{{current}}` (Claude Code {{version}} still maps it to `{{current}}`)',
  },
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    for (const key of toolListKeys[file.kind as keyof typeof toolListKeys]) {
      for (const entry of splitToolList(data[key])) {
        const current = Object.hasOwn(legacyToolReplacement, entry.name) ? legacyToolReplacement[entry.name] : undefined
        if (!current) continue
        report({
          messageId: 'legacy',
          data: { name: entry.name, current, version: claudeCodeVersion },
          at: listEntrySpan(file, key, entry),
        })
      }
    }
  },
})
