// A skill hidden from both the user and the model can never be invoked.
import { defineCheck } from '../engine/check.ts'
import { keySpan } from '../check-support/locate.ts'

/** Claude Code's boolean reading of skill flags: true/yes/on/1 and false/no/off/0, any case; anything else unset. */
function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined
  if (typeof value !== 'string') return undefined
  const v = value.trim().toLowerCase()
  return ['1', 'true', 'yes', 'on'].includes(v) ? true : ['0', 'false', 'no', 'off'].includes(v) ? false : undefined
}

export default defineCheck({
  id: 'skills/never-runs',
  description: 'Skills with both `user-invocable: false` and `disable-model-invocation: true`',
  rationale:
    "`user-invocable: false` removes a skill from the slash-command menu and `disable-model-invocation: true` hides it from the model. With both, nothing can start the skill (an agent's `skills:` preload aside): drop one of the two.",
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['skill'],
  messages: {
    neverRuns:
      'Unexpected `user-invocable: false` with `disable-model-invocation: true`, expected at most one of them (neither the user nor the model can start this skill)',
  },
  check({ file, report }) {
    if (flag(file.data['user-invocable']) !== false || flag(file.data['disable-model-invocation']) !== true) return
    report({
      messageId: 'neverRuns',
      at: keySpan(file, ['user-invocable']),
    })
  },
})
