// The whole agent body is the subagent's system prompt: past a few hundred lines instructions get lost and every spawn pays.
import { bodyOverBudgetMessages, reportBodyOverBudget } from '../check-support/body-budget.ts'
import { defineCheck } from '../engine/check.ts'

export default defineCheck({
  id: 'budget/agent-body-lines',
  description: 'Agent bodies longer than the line budget (option `max`, default 300)',
  rationale:
    "Claude Code sends the whole agent body as the subagent's system prompt on every spawn. Past about 300 lines the prompt dilutes its own instructions and costs tokens each time; stack lore belongs in skills the agent loads when it needs them.",
  defaultSeverity: 'warning',
  optionsSchema: { type: 'object', properties: { max: { type: 'integer', minimum: 0 } }, additionalProperties: false },
  scope: 'file',
  kinds: ['agent'],
  messages: { ...bodyOverBudgetMessages },
  check(ctx) {
    reportBodyOverBudget(ctx, 300, 'agent body', 'move reference material into skills')
  },
})
