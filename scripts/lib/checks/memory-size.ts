// Every memory file is sent with every request; Claude Code itself flags one past 40,000 characters.
import { defineCheck } from '../engine/check.ts'
import { offsetSpan } from '../check-support/locate.ts'
import { countOption } from '../config/rule-options.ts'

export default defineCheck({
  id: 'memory/size',
  description: 'Memory files longer than the character budget (option `max`, default 40,000)',
  rationale:
    'CLAUDE.md, AGENTS.md and unscoped rules are loaded into every session and resent with every request. Claude Code 2.1.332 warns "Large <file> will impact performance" when one is longer than 5 % of the model\'s context window in characters, and never less than 40,000 (the figure for a 200,000-token window), and skips a file over 4 MiB entirely. Split long material into scoped rules (`paths`) or files the model reads when it needs them.',
  defaultSeverity: 'warning',
  optionsSchema: { type: 'object', properties: { max: { type: 'integer', minimum: 0 } }, additionalProperties: false },
  scope: 'file',
  kinds: ['memory'],
  messages: {
    tooLong:
      'Unexpected memory file of {{length}} characters, expected at most {{max}} (it is sent with every request; move detail into scoped rules or files read on demand)',
  },
  check({ file, options, report }) {
    const max = countOption(options, 'max', 40_000)
    const length = file.text.length
    if (length <= max) return
    report({
      messageId: 'tooLong',
      data: { length: length.toLocaleString('en-US'), max: max.toLocaleString('en-US') },
      at: offsetSpan(file, max),
    })
  },
})
