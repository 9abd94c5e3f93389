// Claude Code's skill listing keeps 1,536 characters of a description; what follows never reaches the model.
import { defineCheck } from '../engine/check.ts'
import { offsetSpan, valueRange, valueSpan } from '../check-support/locate.ts'
import vocabulary from '../../../schemas/vocabulary.schema.json' with { type: 'json' }

/** Characters of a description Claude Code's skill listing keeps. */
const listingLimit = vocabulary.$defs.skillListing.maxLength

export default defineCheck({
  id: 'skills/description-length',
  description: "Skill descriptions longer than Claude Code's listing keeps, or with angle brackets",
  rationale:
    'Claude Code cuts each skill description in its skill listing to 1,535 characters and `…`, so trigger words past that point never reach the model. Angle brackets (`<`, `>`) in a description make claude.ai upload and `quick_validate` reject the skill.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['skill'],
  messages: {
    tooLong: `Unexpected description of {{length}} characters, expected at most ${listingLimit.toLocaleString('en-US')} (Claude Code's skill listing cuts it to ${(listingLimit - 1).toLocaleString('en-US')} and \`…\`)`,
    angleBracket:
      'Unexpected `{{bracket}}` in a skill description, expected no angle brackets (claude.ai upload and `quick_validate` reject them)',
  },
  check({ file, settings, report }) {
    const description = file.frontmatter?.data?.description
    if (typeof description !== 'string') return
    if (description.length > listingLimit) {
      report({
        messageId: 'tooLong',
        data: { length: description.length.toLocaleString('en-US') },
        at: valueSpan(file, ['description']),
      })
    }
    // Under `agent-skills`, skills/portable reports angle brackets as an error.
    if (settings.skillProfile === 'agent-skills' || !/[<>]/.test(description)) return
    const range = valueRange(file, ['description'])
    const raw = range ? file.text.slice(range.start, range.end).search(/[<>]/) : -1
    const bracket = raw !== -1 ? file.text.charAt(range!.start + raw) : description.includes('<') ? '<' : '>'
    report({
      messageId: 'angleBracket',
      data: { bracket },
      at: range && raw !== -1 ? offsetSpan(file, range.start + raw, range.start + raw + 1) : valueSpan(file, ['description']),
    })
  },
})
