// Some hook types cannot run on some events: the hook loads, then fails every time the event fires.
import { defineCheck } from '../engine/check.ts'
import { jsonValueSpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { matcherEntries } from '../model/settings/hook-entries.ts'
import { unsupportedHookType } from '../model/settings/hook-support.ts'

export default defineCheck({
  id: 'settings/hook-unsupported-type',
  description:
    'Settings hooks of a type the event cannot run (prompt or agent hooks on SessionStart, HTTP hooks on SessionStart or Setup, agent hooks on PermissionRequest)',
  rationale:
    'Prompt and agent hooks need a conversation, which SessionStart does not have; an agent hook cannot give PermissionRequest its allow or deny decision; HTTP hooks are not run for SessionStart and Setup. Claude Code loads such a hook and then fails (or skips) it every time the event fires, so what the author meant it to do never happens.',
  runtime:
    'A prompt hook and an agent hook on SessionStart each log "[ERROR] Hook failed to run (SessionStart:startup): … hooks are not supported for SessionStart events", while a command hook beside them runs.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['settings'],
  messages: {
    unsupported: 'Unexpected `{{type}}` hook on `{{event}}`, expected a `command` hook ({{reason}})',
  },
  check({ file, report }) {
    const value = file.json?.value
    if (!isRecord(value)) return
    for (const { event, hooks } of matcherEntries(value.hooks)) {
      for (const { hook, path } of hooks) {
        if (typeof hook.type !== 'string') continue
        const why = unsupportedHookType(hook.type, event)
        if (why)
          report({
            messageId: 'unsupported',
            data: { type: hook.type, event, reason: why },
            at: jsonValueSpan(file, [...path, 'type']),
          })
      }
    }
  },
})
