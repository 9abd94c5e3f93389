// A SKILL.md body is loaded whole when the skill runs; long ones belong in references/ read on demand.
import { bodyOverBudgetMessages, reportBodyOverBudget } from '../check-support/body-budget.ts'
import { defineCheck } from '../engine/check.ts'

export default defineCheck({
  id: 'budget/skill-body-lines',
  description: 'SKILL.md bodies longer than the line budget (option `max`, default 500)',
  rationale:
    'Claude Code puts the whole SKILL.md body into the context when the skill is invoked or preloaded. Past about 500 lines it crowds out the task; detail belongs in `references/` files the skill links to and Claude reads only when needed.',
  defaultSeverity: 'warning',
  optionsSchema: { type: 'object', properties: { max: { type: 'integer', minimum: 0 } }, additionalProperties: false },
  scope: 'file',
  kinds: ['skill'],
  messages: { ...bodyOverBudgetMessages },
  check(ctx) {
    reportBodyOverBudget(ctx, 500, 'SKILL.md body', 'move detail into `references/` files')
  },
})
