// A skill's `agent:` picks the subagent that runs it, which only happens when the skill forks.
import { defineCheck } from '../engine/check.ts'
import { keySpan } from '../check-support/locate.ts'

export default defineCheck({
  id: 'skills/agent-without-fork',
  description: 'Skills and commands that set `agent` without `context: fork`',
  rationale:
    "Claude Code runs a skill or command in the current conversation unless it sets `context: fork`; only a forked skill is handed to the agent that `agent` names. Without the fork the field is never used and the skill runs inline, with the caller's tools and model.",
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['skill', 'command'],
  messages: {
    withoutFork:
      'Unexpected `agent: {{agent}}` without `context: fork`, expected `context: fork` beside it (the skill runs inline and the agent is never used)',
  },
  check({ file, report }) {
    const { agent, context } = file.data
    if (typeof agent !== 'string' || !agent.trim() || context === 'fork') return
    report({
      messageId: 'withoutFork',
      data: { agent },
      at: keySpan(file, ['agent']),
    })
  },
})
