// A settings value of the wrong shape: most make Claude Code skip the whole file, hook entries are dropped one by one.
import { defineCheck } from '../engine/check.ts'
import { jsonKeySpan, jsonProblemSpan, jsonRootSpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { describeSchemaErrors } from '../check-support/schema-problems.ts'
import { show, validatorFor } from '../model/schemas.ts'
import { consequenceAt, WHOLE_FILE } from '../model/settings/consequence.ts'
import { didYouMean } from '../check-support/suggest.ts'
import { hookEvents } from '../model/vocabulary.ts'

export default defineCheck({
  id: 'settings/schema',
  description: 'Settings files whose hooks, permissions, plugins, status line or other typed keys have the wrong shape',
  rationale:
    "Claude Code validates each settings file against its schema when it loads it. A wrong type on a typed key (`model: 42`, `permissions.deny` as a string, `hooks` as a list, an `enabledPlugins` value that is not `true`/`false`) makes it skip the whole file, so every hook, permission rule and env value in it is gone; a hook entry it cannot load (no `hooks` list, a hook without its type's required field, a bad `onFailure`, a `url` that is not a URL) drops that entry alone, except under PreToolUse and PermissionRequest, where it skips the whole file too; an unknown hook event is dropped alone. The only trace is an `[ERROR] Invalid setting skipped` line in the debug log. A few keys (`effortLevel`, `statusLine.refreshInterval`, `subagentStatusLine`) drop their bad value silently; those are warnings.",
  runtime:
    '`model: 42`, or a PreToolUse hook without its `{matcher, hooks}` wrapper, logs "[ERROR] Invalid setting skipped …" and the file\'s SessionStart hook and env are not applied; a Stop command hook without `command` logs "…; entry ignored" and the rest of the file still applies.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['settings'],
  messages: {
    notObject: 'Unexpected {{value}}, expected an object of settings ({{consequence}})',
    unknownEvent:
      'Unexpected hook event `{{event}}`, expected a hook event Claude Code fires (see `backend-team rules settings/schema`) ({{consequence}})',
    misspeltEvent: 'Unexpected hook event `{{event}}`, expected a hook event Claude Code fires{{suggestion}} ({{consequence}})',
    schema: '{{problem}} ({{consequence}})',
  },
  check({ file, report }) {
    const value = file.json?.value
    if (value === undefined) return
    if (!isRecord(value)) {
      report({ messageId: 'notObject', data: { value: show(value), consequence: WHOLE_FILE }, at: jsonRootSpan(file) })
      return
    }
    const hooks = value.hooks
    if (isRecord(hooks)) {
      for (const event of Object.keys(hooks)) {
        if (hookEvents.has(event)) continue
        const hint = didYouMean(event, hookEvents)
        const data = { event, consequence: consequenceAt(['hooks', event]).text }
        const at = jsonKeySpan(file, ['hooks', event])
        if (hint) report({ messageId: 'misspeltEvent', data: { ...data, suggestion: hint }, at })
        else report({ messageId: 'unknownEvent', data, at })
      }
    }
    const validate = validatorFor('settings.schema.json')
    if (validate(value)) return
    const skipEvent = (parent: (string | number)[], key: string) => parent.length === 1 && parent[0] === 'hooks' && !hookEvents.has(key)
    for (const problem of describeSchemaErrors(validate.errors, value, skipEvent)) {
      const consequence = consequenceAt(problem.path)
      report({
        messageId: 'schema',
        data: { problem: problem.message, consequence: consequence.text },
        at: jsonProblemSpan(file, problem),
        ...(consequence.scope === 'value' ? { severity: 'warning' as const } : {}),
      })
    }
  },
})
