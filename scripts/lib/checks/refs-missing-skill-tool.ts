// A body that tells the agent to invoke a skill needs the Skill tool; with a restricted `tools` it must be listed.
import { bodyRefs } from '../model/body-refs.ts'
import { missingToolMessages, reportMissingTool } from '../model/body-tool-need.ts'
import { defineCheck } from '../engine/check.ts'

export default defineCheck({
  id: 'refs/missing-skill-tool',
  description: 'Agents whose body invokes skills but whose `tools` lacks `Skill`',
  rationale:
    'Loading a skill on demand goes through the Skill tool; an agent with a `tools` list without `Skill` cannot do what its body asks. Preloading through `skills:` works without it, so only body instructions count.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent'],
  messages: { ...missingToolMessages },
  check(ctx) {
    const use = bodyRefs(ctx.file).skillToolUse
    if (!use) return
    reportMissingTool(ctx, {
      useAt: use.start,
      tool: 'Skill',
      removedBy: ['Skill'],
      grants: (tools) => tools.some((e) => e.name === 'Skill' || e.raw === '*'),
      expected: '`Skill`',
      because: 'the body has the agent invoke a skill',
      relatedMessage: 'the body asks for a skill here',
    })
  },
})
