// Claude Code removes some tools from every subagent; an agent that cannot delegate always runs as a subagent.
import { defineCheck } from '../check.ts'
import { listEntrySpan } from '../locate.ts'
import { grantsAgentTool, splitToolList } from '../tool-list.ts'
import { mainThreadOnlyToolNames } from '../vocabulary.ts'

export default defineCheck({
  id: 'tools/main-thread-only',
  description: 'Main-thread-only tools (`AskUserQuestion`, `EnterPlanMode`, …) in an agent that does not delegate',
  rationale: 'Claude Code removes `AskUserQuestion`, `EnterPlanMode`, `ExitPlanMode`, `ScheduleWakeup`, `Workflow` and the like from every subagent. An agent without `Agent` is not an orchestrator run with `claude --agent`, so it runs as a subagent and never gets them (`ExitPlanMode` arrives with `permissionMode: plan`).',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent'],
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const entries = splitToolList(data.tools)
    if (grantsAgentTool(entries)) return
    // Plugin agents ignore `permissionMode`, so they never get ExitPlanMode this way.
    const planMode = data.permissionMode === 'plan' && file.scope.kind !== 'plugin'
    for (const entry of entries) {
      if (!mainThreadOnlyToolNames.has(entry.name) || (entry.name === 'ExitPlanMode' && planMode)) continue
      const hint = entry.name === 'ExitPlanMode' ? '; `ExitPlanMode` arrives only with `permissionMode: plan`' : ''
      report({
        message: `Unexpected main-thread-only tool \`${entry.name}\`, expected tools a subagent gets (Claude Code removes it from every subagent, and an agent without \`Agent\` in \`tools\` runs as one${hint})`,
        at: listEntrySpan(file, 'tools', entry),
      })
    }
  },
})
