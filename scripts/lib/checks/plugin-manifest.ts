// Claude Code validates plugin.json strictly: one value of the wrong type and nothing in the plugin loads.
import { defineCheck } from '../engine/check.ts'
import { jsonProblemSpan } from '../check-support/json-locate.ts'
import { ownedByComponentChecks } from '../model/plugin-fields.ts'
import { describeSchemaErrors } from '../check-support/schema-problems.ts'
import { validatorFor } from '../model/schemas.ts'

export default defineCheck({
  id: 'plugin/manifest',
  description: 'plugin.json values of the wrong type or form',
  rationale:
    'Claude Code checks .claude-plugin/plugin.json against its schema when it loads the plugin; any type error (an `author` string, a `homepage` that is not a URL, a name with spaces) makes it skip the whole plugin, with the reason only in the debug log.',
  runtime: '`claude plugin validate` fails on a plugin.json whose `author` is a string ("expected object, received string").',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['plugin-manifest'],
  messages: {
    spacedName:
      'Unexpected `{{name}}` for `name`, expected a name without spaces, in kebab-case such as `my-plugin` (Claude Code skips the whole plugin)',
    schema: '{{problem}} (Claude Code skips the whole plugin)',
  },
  check({ file, report }) {
    const value = file.json?.value
    if (value === undefined) return
    const validate = validatorFor('plugin.schema.json')
    if (validate(value)) return
    const manifest = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
    for (const problem of describeSchemaErrors(validate.errors, value)) {
      if (manifest && ownedByComponentChecks(manifest, problem.path)) continue
      const name = typeof manifest?.name === 'string' ? manifest.name : ''
      const spaced = problem.path.length === 1 && problem.path[0] === 'name' && name !== ''
      const at = jsonProblemSpan(file, problem)
      if (spaced) report({ messageId: 'spacedName', data: { name }, at })
      else report({ messageId: 'schema', data: { problem: problem.message }, at })
    }
  },
})
