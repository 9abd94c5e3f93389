// Claude Code drops a tool name it does not know, without a word; when nothing is left the spawn is refused.
import { defineCheck } from '../engine/check.ts'
import { listEntrySpan } from '../check-support/locate.ts'
import { didYouMean } from '../check-support/suggest.ts'
import { splitToolList, toolListKeys } from '../model/tool-list.ts'
import { allKnownToolNames, claudeCodeVersion, classifyTool, gatedToolConditions } from '../model/vocabulary.ts'

export default defineCheck({
  id: 'refs/unknown-tool',
  description: 'Tool names that Claude Code does not know or no longer has',
  rationale:
    'Tool names are case-sensitive; Claude Code drops an unknown (`read`, `Bsh`) or removed (`TaskOutput`, `MultiEdit`, `LS`) name silently, and refuses to spawn an agent whose whole list was dropped. Tools it offers only under a condition (`TodoWrite`) get a warning that names the condition.',
  runtime:
    'An unknown tool name is dropped from the subagent\'s tools, and an agent whose every tool is unknown is refused ("would be spawned with zero tools").',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  messages: {
    conditional:
      'Unexpected conditional tool `{{name}}`, expected a tool Claude Code {{version}} always offers; `{{name}}` is {{condition}}',
    removed: 'Unexpected removed tool `{{name}}`, expected a tool Claude Code {{version}} has ({{effect}})',
    unknown:
      'Unexpected unknown tool `{{name}}`, expected a tool name Claude Code {{version}} knows, case-sensitive ({{effect}}){{suggestion}}',
  },
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const effect = file.kind === 'agent' ? 'Claude Code drops it' : 'the rule matches no tool'
    for (const key of toolListKeys[file.kind as keyof typeof toolListKeys]) {
      for (const entry of splitToolList(data[key])) {
        const kind = classifyTool(entry.name)
        const condition = kind === 'gated' && Object.hasOwn(gatedToolConditions, entry.name) ? gatedToolConditions[entry.name] : undefined
        if (condition) {
          report({
            messageId: 'conditional',
            data: { name: entry.name, version: claudeCodeVersion, condition },
            at: listEntrySpan(file, key, entry),
            severity: 'warning',
          })
          continue
        }
        if (entry.raw === '*' || (kind !== 'unknown' && kind !== 'removed')) continue
        const at = listEntrySpan(file, key, entry)
        const data = { name: entry.name, version: claudeCodeVersion, effect }
        if (kind === 'removed') report({ messageId: 'removed', data, at })
        else report({ messageId: 'unknown', data: { ...data, suggestion: didYouMean(entry.name, allKnownToolNames) }, at })
      }
    }
  },
})
