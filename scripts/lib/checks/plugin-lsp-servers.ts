// A plugin's LSP file is parsed as one strict map: a single bad server loses every server in it.
import { defineCheck } from '../engine/check.ts'
import { jsonProblemSpan } from '../check-support/json-locate.ts'
import { describeSchemaErrors } from '../check-support/schema-problems.ts'
import { validatorFor } from '../model/schemas.ts'

export default defineCheck({
  id: 'plugin/lsp-servers',
  description: "A plugin's `.lsp.json` (or a `.json` file its manifest's `lspServers` names) that does not match the LSP server shape",
  rationale:
    "Claude Code reads a plugin's LSP file as servers by name, each a strict object: a `command` (a program on PATH, or an absolute path; arguments go in `args`), an `extensionToLanguage` map with at least one extension that starts with a dot, and only the optional keys it knows (`transport`, `env`, timeouts, `restartOnCrash`, `maxRestarts`, `diagnostics` …). It checks the map as a whole, so one unknown key or missing field in any server means no server of the file starts; the reason goes only to the debug log.",
  runtime:
    'With `--plugin-dir` and LSP on (`ENABLE_LSP_TOOL=1`), a `.lsp.json` whose server has a misspelt `transprot` key logs `[ERROR] LSP config validation failed for .lsp.json in plugin <plugin>: … Unrecognized key: "transprot"`.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['lsp'],
  messages: {
    schema: '{{problem}} (Claude Code starts no LSP server from this file)',
  },
  check({ file, report }) {
    const value = file.json?.value
    if (value === undefined) return
    const validate = validatorFor('lsp.schema.json')
    if (validate(value)) return
    for (const problem of describeSchemaErrors(validate.errors, value)) {
      report({ messageId: 'schema', data: { problem: problem.message }, at: jsonProblemSpan(file, problem) })
    }
  },
})
