// A body that delegates needs the Agent tool; with a restricted `tools` it must be listed.
import { bodyRefs } from '../model/body-refs.ts'
import { missingToolMessages, reportMissingTool } from '../model/body-tool-need.ts'
import { defineCheck } from '../engine/check.ts'
import { grantsAgentTool } from '../model/tool-list.ts'

export default defineCheck({
  id: 'refs/missing-agent-tool',
  description: 'Agents whose body delegates to other agents but whose `tools` lacks `Agent`',
  rationale:
    'Spawning a subagent goes through the Agent tool (`Task` in older packs); an agent with a `tools` list without it cannot dispatch anyone, and improvises the work itself instead.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent'],
  messages: { ...missingToolMessages },
  check(ctx) {
    const use = bodyRefs(ctx.file).delegation
    if (!use) return
    reportMissingTool(ctx, {
      useAt: use.start,
      tool: 'Agent',
      removedBy: ['Agent', 'Task'],
      grants: grantsAgentTool,
      expected: '`Agent` or `Agent(<types>)`',
      because: 'the body delegates to other agents',
      relatedMessage: 'the body delegates here',
    })
  },
})
