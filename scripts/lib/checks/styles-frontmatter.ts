// Output-style front matter has four keys; anything else is not read, and a non-boolean flag may not mean what it says.
import { defineCheck } from '../engine/check.ts'
import { keySpan, valueSpan } from '../check-support/locate.ts'
import { describeSchemaErrors } from '../check-support/schema-problems.ts'
import { validatorFor } from '../model/schemas.ts'

export default defineCheck({
  id: 'styles/frontmatter',
  description: 'Output styles whose front matter has keys Claude Code does not read or values of the wrong type',
  rationale:
    'Claude Code reads `name`, `description`, `keep-coding-instructions` and `force-for-plugin` from an output style\'s front matter. Other keys are not read at all, and a quoted or misspelt boolean (`keep-coding-instructions: "yes"`) is a guess at how the runtime coerces it.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['output-style'],
  messages: {
    unknownKey:
      'Unexpected key `{{key}}`, expected one of `name`, `description`, `keep-coding-instructions`, `force-for-plugin` (Claude Code does not read it)',
    schema: '{{problem}}',
  },
  check({ file, report }) {
    if (!file.frontmatter) return
    const validate = validatorFor('output-style.schema.json')
    if (validate(file.data)) return
    for (const problem of describeSchemaErrors(validate.errors, file.data)) {
      const at = problem.atKey ? keySpan(file, problem.path) : valueSpan(file, problem.path)
      if (problem.atKey && problem.path.length === 1) report({ messageId: 'unknownKey', data: { key: String(problem.path[0]) }, at })
      else report({ messageId: 'schema', data: { problem: problem.message }, at })
    }
  },
})
