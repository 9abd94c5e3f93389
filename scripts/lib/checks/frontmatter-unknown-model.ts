// Claude Code sends an unknown model string to the API unchanged; the agent fails only when it is spawned.
import { defineCheck } from '../engine/check.ts'
import { valueSpan } from '../check-support/locate.ts'
import { didYouMean } from '../check-support/suggest.ts'
import { isKnownModel, modelAliases } from '../model/vocabulary.ts'

export default defineCheck({
  id: 'frontmatter/unknown-model',
  description: 'A `model` that is neither an alias, `inherit`, nor a Claude model id',
  rationale:
    'Claude Code does not check `model` at load time: `gpt-4o` is sent to the API as written and the agent fails each time it is spawned.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  messages: {
    unknown: 'Unexpected model `{{model}}`, expected one of {{aliases}} or a `claude-…` model id{{suggestion}}',
  },
  check({ file, report }) {
    const model = file.frontmatter?.data?.model
    if (typeof model !== 'string' || model === '' || isKnownModel(model)) return
    report({
      messageId: 'unknown',
      data: {
        model,
        aliases: [...modelAliases].map((m) => `\`${m}\``).join(', '),
        suggestion: didYouMean(model, modelAliases),
      },
      at: valueSpan(file, ['model']),
    })
  },
})
