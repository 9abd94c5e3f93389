// Claude Code skips an invalid permission rule on its own: a deny list of such rules protects nothing.
import { defineCheck } from '../engine/check.ts'
import { jsonValueSpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { checkPermissionRule, type RuleList } from '../model/settings/permission-rule.ts'

const lists: readonly RuleList[] = ['allow', 'deny', 'ask']

/** What is lost when a rule of the list is skipped. */
const loss: Record<RuleList, string> = {
  allow: 'the calls it names still prompt',
  deny: 'the calls it names are not denied',
  ask: 'the calls it names do not prompt',
}

export default defineCheck({
  id: 'settings/permission-rule',
  description: 'Permission rules in settings that Claude Code skips or reads differently from how they are written',
  rationale:
    'Claude Code checks every rule of `permissions.allow`, `deny` and `ask` when it loads a settings file and skips the invalid ones one by one, with only an `[ERROR] Invalid setting skipped … Invalid permission rule` line in the debug log: text after the closing parenthesis (`Bash(npm publish)*`), an empty prefix (`Bash(:*)`), `WebFetch(example.com)` without `domain:`, a pattern on an MCP rule, a lower-case tool name. A deny list made of such rules denies nothing. Rules that load but match other than they read (`Write(path)`, which file checks never consult; `*` mixed with `:*`) are warnings.',
  runtime:
    '`Bash(npm publish)*`, `Bash(:*)` and `WebFetch(example.com)` in `permissions.deny` each log "[ERROR] Invalid setting skipped … Invalid permission rule … was skipped", while the valid rule beside them is added.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['settings'],
  messages: {
    invalid: 'Unexpected permission rule `{{rule}}` in `permissions.{{list}}`: {{error}} (Claude Code skips this rule, so {{loss}})',
    invalidWithFix:
      'Unexpected permission rule `{{rule}}` in `permissions.{{list}}`: {{error}}; {{suggestion}} (Claude Code skips this rule, so {{loss}})',
    misread: 'Unexpected permission rule `{{rule}}` in `permissions.{{list}}`: it {{warning}}',
  },
  check({ file, report }) {
    const value = file.json?.value
    const permissions = isRecord(value) ? value.permissions : undefined
    if (!isRecord(permissions)) return
    for (const list of lists) {
      const rules = permissions[list]
      if (!Array.isArray(rules)) continue
      rules.forEach((rule, i) => {
        if (typeof rule !== 'string') return
        const verdict = checkPermissionRule(rule, list)
        const at = jsonValueSpan(file, ['permissions', list, i])
        if (!verdict.valid) {
          const data = { rule, list, error: verdict.error, loss: loss[list] }
          if (verdict.suggestion) report({ messageId: 'invalidWithFix', data: { ...data, suggestion: verdict.suggestion }, at })
          else report({ messageId: 'invalid', data, at })
        } else if (verdict.warning) {
          report({
            messageId: 'misread',
            data: { rule, list, warning: verdict.warning },
            at,
            severity: 'warning',
          })
        }
      })
    }
  },
})
