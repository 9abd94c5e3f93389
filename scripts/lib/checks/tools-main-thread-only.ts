// Claude Code removes some tools from every subagent; an agent that cannot delegate always runs as a subagent.
import { defineCheck } from '../engine/check.ts'
import { listEntrySpan } from '../check-support/locate.ts'
import { grantsAgentTool, splitToolList } from '../model/tool-list.ts'
import {
  backgroundSubagentToolNames,
  gatedToolNames,
  isAgentTool,
  mainThreadOnlyToolNames,
  planModeToolNames,
  toolNames,
} from '../model/vocabulary.ts'

/** `background: true` (or `"true"`): the agent always runs as a background subagent. */
const runsInBackground = (value: unknown) => value === true || value === 'true'

export default defineCheck({
  id: 'tools/main-thread-only',
  description:
    'Main-thread-only tools (`AskUserQuestion`, `SetGoal`, …) in an agent that does not delegate, and tools a background agent loses',
  rationale:
    'Claude Code removes `AskUserQuestion`, `EnterPlanMode`, `ExitPlanMode`, `ScheduleWakeup`, `Workflow`, `SetGoal` and the like from every subagent. An agent without `Agent` is not an orchestrator run with `claude --agent`, so it runs as a subagent and never gets them (`ExitPlanMode` arrives with `permissionMode: plan`). A `background: true` agent keeps only the background allowlist, so it also loses `CronCreate`, `CronDelete`, `CronList`, `ListAgents`, `ReportFindings` and the Task tools (`TaskCreate`, `TaskGet`, `TaskList`, `TaskUpdate`).',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent'],
  messages: {
    background:
      'Unexpected `{{tool}}` in a background agent, expected tools a background subagent keeps (Claude Code removes `{{tool}}` from every subagent that runs in the background)',
    mainThreadOnly:
      'Unexpected main-thread-only tool `{{tool}}`, expected tools a subagent gets (Claude Code removes it from every subagent, and an agent without `Agent` in `tools` runs as one)',
    planModeOnly:
      'Unexpected main-thread-only tool `{{tool}}`, expected tools a subagent gets (Claude Code removes it from every subagent, and an agent without `Agent` in `tools` runs as one; `ExitPlanMode` arrives only with `permissionMode: plan`)',
  },
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const entries = splitToolList(data.tools)
    if (runsInBackground(data.background)) {
      for (const entry of entries) {
        if (
          !(toolNames.has(entry.name) || gatedToolNames.has(entry.name)) ||
          backgroundSubagentToolNames.has(entry.name) ||
          isAgentTool(entry.name)
        )
          continue
        report({
          messageId: 'background',
          data: { tool: entry.name },
          at: listEntrySpan(file, 'tools', entry),
        })
      }
    }
    if (grantsAgentTool(entries)) return
    // Plugin agents ignore `permissionMode`, so they never get ExitPlanMode this way.
    const planMode = data.permissionMode === 'plan' && file.scope.kind !== 'plugin'
    for (const entry of entries) {
      if (!mainThreadOnlyToolNames.has(entry.name) || (planModeToolNames.has(entry.name) && planMode)) continue
      report({
        messageId: planModeToolNames.has(entry.name) ? 'planModeOnly' : 'mainThreadOnly',
        data: { tool: entry.name },
        at: listEntrySpan(file, 'tools', entry),
      })
    }
  },
})
