// A plugin's monitors file is parsed as one strict array: a single bad entry loses every monitor in it.
import { defineCheck } from '../engine/check.ts'
import { jsonProblemSpan, jsonValueSpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { describeSchemaErrors } from '../check-support/schema-problems.ts'
import { validatorFor } from '../model/schemas.ts'

const lost = 'Claude Code loads no monitor from this file'

export default defineCheck({
  id: 'plugin/monitors',
  description: "A plugin's `monitors/monitors.json` (or the file its manifest's `monitors` names) that does not match the monitor shape",
  rationale:
    "Claude Code reads a plugin's monitors as an array of strict objects, each with a non-empty `name`, `command` and `description`, an optional `when` (`always` or `on-skill-invoke:<skill>`), no other key, and names unique within the plugin. It checks the array as a whole, so one unknown key or missing field in any entry means no monitor of the file is armed; the reason is written only to the debug log.",
  runtime:
    'With `--plugin-dir`, a monitors file whose entry has a misspelt `whne` key logs `[ERROR] Failed to load monitors for <plugin> from …/monitors/monitors.json: … Unrecognized key: "whne"`.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['monitors'],
  messages: {
    schema: `{{problem}} (${lost})`,
    duplicateName: `Unexpected a second monitor named \`{{name}}\`, expected names unique within the plugin (${lost})`,
  },
  check({ file, report }) {
    const value = file.json?.value
    if (value === undefined) return
    const validate = validatorFor('monitors.schema.json')
    if (!validate(value)) {
      for (const problem of describeSchemaErrors(validate.errors, value)) {
        report({ messageId: 'schema', data: { problem: problem.message }, at: jsonProblemSpan(file, problem) })
      }
      return
    }
    const seen = new Set<string>()
    ;(value as unknown[]).forEach((entry, index) => {
      const name = isRecord(entry) ? entry.name : undefined
      if (typeof name !== 'string') return
      if (seen.has(name)) {
        report({
          messageId: 'duplicateName',
          data: { name },
          at: jsonValueSpan(file, [index, 'name']),
        })
      }
      seen.add(name)
    })
  },
})
