// Types and value sets Claude Code reads, from the JSON Schemas in schemas/; a wrong value is dropped silently.
import { defineCheck } from '../engine/check.ts'
import { fenceSpan, keySpan, valueSpan } from '../check-support/locate.ts'
import { describeErrors, validatorFor } from '../model/schemas.ts'

const schemaOf = { agent: 'agent.schema.json', skill: 'skill.schema.json', command: 'command.schema.json' } as const

export default defineCheck({
  id: 'frontmatter/schema',
  description: 'Front-matter values of the wrong type or outside the allowed set',
  rationale:
    'Claude Code ignores a field whose value it does not accept (a colour, a permission mode, an effort level) and skips an agent whose `name` or `description` is missing or not a string, mostly without a message.',
  runtime:
    'An agent without `description` is not loaded ([ERROR] Missing required "description" field); an invalid `permissionMode` is ignored (debug log: "has invalid permissionMode").',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  messages: {
    schema: '{{problem}}',
  },
  check({ file, report }) {
    const fm = file.frontmatter
    if (!fm?.data) return
    const kind = file.kind as keyof typeof schemaOf
    const validate = validatorFor(schemaOf[kind])
    if (validate(fm.data)) return
    for (const problem of describeErrors(validate.errors, fm.data)) {
      const at = problem.path.length === 0 ? fenceSpan(file) : problem.atKey ? keySpan(file, problem.path) : valueSpan(file, problem.path)
      report({ messageId: 'schema', data: { problem: problem.message }, at })
    }
  },
})
