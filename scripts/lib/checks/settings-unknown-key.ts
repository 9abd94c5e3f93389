// A top-level settings key Claude Code does not define is read by nothing: usually a typo or a key from another tool.
import { defineCheck } from '../engine/check.ts'
import { jsonKeySpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { knownSettingsKeys } from '../model/settings/known-keys.ts'
import { didYouMean } from '../check-support/suggest.ts'

export default defineCheck({
  id: 'settings/unknown-key',
  description: 'Top-level settings keys that Claude Code 2.1.332 does not define',
  rationale:
    "Claude Code keeps unknown settings keys without a message and reads nothing from them, so a misspelt key (`permission`, `hook`) silently does nothing. The list of known keys is the runtime's own (207 keys, schemas/settings.schema.json). A warning: a newer Claude Code may define the key, and other tools sometimes store their own keys here.",
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['settings'],
  messages: {
    unknownKey: 'Unexpected settings key `{{key}}`, expected a key Claude Code reads{{suggestion}} (Claude Code ignores it)',
  },
  check({ file, report }) {
    const value = file.json?.value
    if (!isRecord(value)) return
    for (const key of Object.keys(value)) {
      if (knownSettingsKeys.has(key)) continue
      const hint = didYouMean(key, knownSettingsKeys)
      report({
        messageId: 'unknownKey',
        data: { key, suggestion: hint },
        at: jsonKeySpan(file, [key]),
      })
    }
  },
})
