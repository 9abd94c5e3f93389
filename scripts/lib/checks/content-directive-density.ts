// Prompts that shout MUST and NEVER on every line teach the model that nothing is special.
import { defineCheck } from '../engine/check.ts'
import { offsetSpan } from '../check-support/locate.ts'

const directive = /\b(?:MUST(?: NOT)?|NEVER|ALWAYS|CRITICAL|IMPORTANT)\b/g

export default defineCheck({
  id: 'content/directive-density',
  description: 'Agent and skill bodies with too many all-caps directives (option `max`, default 15)',
  rationale:
    'A few MUST/NEVER lines carry weight; dozens of them flatten priorities and cost tokens on every run. Public packs flag more than 15 per prompt.',
  defaultSeverity: 'warning',
  optionsSchema: { type: 'object', properties: { max: { type: 'integer', minimum: 0 } }, additionalProperties: false },
  scope: 'file',
  kinds: ['agent', 'skill'],
  messages: {
    tooMany: 'Unexpected all-caps directive `{{directive}}` past the first {{max}}, expected at most {{max}} per body',
  },
  check({ file, options, report }) {
    const max = typeof options.max === 'number' ? options.max : 15
    const fenced = file.scan.fences.map((f) => [f.start, f.contentEnd] as const)
    const body = file.text.slice(file.bodyOffset)
    let count = 0
    for (const m of body.matchAll(directive)) {
      const at = file.bodyOffset + m.index
      if (fenced.some(([a, b]) => at >= a && at < b)) continue
      count++
      if (count === max + 1)
        report({
          messageId: 'tooMany',
          data: { directive: m[0], max },
          at: offsetSpan(file, at, at + m[0].length),
        })
    }
  },
})
