// A tool-event matcher that names no tool registers a hook that never fires.
import { defineCheck } from '../engine/check.ts'
import { jsonValueSpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { matcherEntries } from '../model/settings/hook-entries.ts'
import { didYouMean } from '../check-support/suggest.ts'
import { allKnownToolNames, legacyToolReplacement } from '../model/vocabulary.ts'

/** Events whose matcher is matched against a tool name. */
const toolEvents = new Set(['PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PermissionRequest', 'PermissionDenied'])
const knownTools = new Set([...allKnownToolNames, ...Object.keys(legacyToolReplacement)])

/** Names in a matcher that is a plain `A|B|C` list (anything else is a pattern this check does not judge). */
function listedNames(matcher: string): string[] | null {
  return /^[A-Za-z0-9_]+(?:\|[A-Za-z0-9_]+)*$/.test(matcher) ? matcher.split('|') : null
}

export default defineCheck({
  id: 'settings/hook-matcher',
  description: 'Settings hook matchers on tool events that name no tool Claude Code has (`bash`, `Edits|Writes`)',
  rationale:
    'On PreToolUse, PostToolUse, PostToolUseFailure, PermissionRequest and PermissionDenied the matcher is compared with the tool name, case-sensitively: a matcher listing only names that are no tool (`bash`, `Edits|Writes`) registers a hook that never fires, with no message. Legacy names (`Task`) still match in 2.1.332, and MCP tools (`mcp__…`) and regular expressions are not judged. A warning: a tool from a plugin or a newer Claude Code may carry the name.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['settings'],
  messages: {
    noTool:
      'Unexpected matcher `{{matcher}}` on `{{event}}`, expected a tool name{{suggestion}} (it names no tool, so the hook never fires)',
  },
  check({ file, report }) {
    const value = file.json?.value
    if (!isRecord(value)) return
    for (const { event, matcher, path } of matcherEntries(value.hooks)) {
      if (!toolEvents.has(event) || typeof matcher !== 'string') continue
      const names = listedNames(matcher.trim())
      if (!names) continue
      // A list with one real tool still fires for it; only a matcher that names no tool at all never fires.
      if (names.some((name) => knownTools.has(name) || name.startsWith('mcp__'))) continue
      const hints = names
        .map((name) => didYouMean(name, knownTools))
        .filter(Boolean)
        .join('')
      report({
        messageId: 'noTool',
        data: { matcher, event, suggestion: hints },
        at: jsonValueSpan(file, [...path, 'matcher']),
      })
    }
  },
})
