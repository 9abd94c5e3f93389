// `Bash(git:*)` in an agent's `tools` grants the whole Bash tool: the rule text is ignored there.
import { defineCheck } from '../engine/check.ts'
import { listEntrySpan } from '../check-support/locate.ts'
import { splitToolList } from '../model/tool-list.ts'
import { classifyTool, isAgentTool } from '../model/vocabulary.ts'

export default defineCheck({
  id: 'refs/permission-rule-in-tools',
  description: "Permission rules such as `Bash(git:*)` in an agent's `tools`",
  rationale:
    'In `tools`, Claude Code reads only the tool name: `Bash(git:*)`, `Read(src/**)` or `WebFetch(domain:x)` grant the whole tool and restrict nothing. Only `Agent(a, b)` is a real allowlist (and only for the main thread). Restrictions belong in settings `permissions`.',
  runtime: '`tools: Bash(git:*)` gives the subagent the whole Bash tool: a command other than git runs.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent'],
  messages: {
    permissionRule:
      'Unexpected permission rule `{{rule}}` in `tools`, expected a bare tool name (the rule restricts nothing here and the agent gets all of `{{name}}`; put the rule in settings `permissions.allow`)',
  },
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    for (const entry of splitToolList(data.tools)) {
      if (entry.argument === undefined || isAgentTool(entry.name) || classifyTool(entry.name) === 'unknown') continue
      report({
        messageId: 'permissionRule',
        data: { rule: entry.raw, name: entry.name },
        at: listEntrySpan(file, 'tools', entry),
      })
    }
  },
})
