// On some events Claude Code has nothing to match a matcher against, so the hook runs on every one of them.
import { defineCheck } from '../engine/check.ts'
import { jsonValueSpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { matcherEntries } from '../model/settings/hook-entries.ts'

/**
 * Events whose input gives the matcher nothing to compare in 2.1.332 (its match query is undefined for them).
 * PostToolBatch is left out: its hooks are matched against the tools of the batch by other code.
 */
const eventsWithoutMatcher = new Set([
  'UserPromptSubmit',
  'Stop',
  'TeammateIdle',
  'TaskCreated',
  'TaskCompleted',
  'WorktreeCreate',
  'WorktreeRemove',
  'CwdChanged',
  'MessageDisplay',
])

export default defineCheck({
  id: 'settings/hook-matcher-ignored',
  description: 'Hook matchers on events that Claude Code never matches (`UserPromptSubmit`, `Stop` …)',
  rationale:
    'A matcher narrows a hook to the tool, source or reason of an event. On UserPromptSubmit, Stop, TeammateIdle, TaskCreated, TaskCompleted, WorktreeCreate, WorktreeRemove, CwdChanged and MessageDisplay there is nothing to match, and Claude Code ignores the matcher: the hook runs on every such event, however narrow the matcher was meant to be. Filter inside the hook instead, from its input. An empty matcher or `*` means "all" and is not reported. Checked in settings files, plugin hooks files and a manifest\'s inline hooks.',
  runtime:
    'A settings UserPromptSubmit hook with `"matcher": "deploy"` runs on a prompt that does not mention deploy (its marker file is written); a Stop hook with a matcher that matches nothing runs too.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['settings', 'hooks', 'plugin-manifest'],
  messages: {
    ignored:
      'Unexpected matcher `{{matcher}}` on `{{event}}`, expected none (Claude Code ignores matchers on {{event}} and runs this hook on every one; filter inside the hook)',
  },
  check({ file, report }) {
    const value = file.json?.value
    if (!isRecord(value)) return
    for (const { event, matcher, path } of matcherEntries(value.hooks)) {
      if (!eventsWithoutMatcher.has(event) || typeof matcher !== 'string') continue
      if (matcher.trim() === '' || matcher.trim() === '*') continue
      report({
        messageId: 'ignored',
        data: { matcher, event },
        at: jsonValueSpan(file, [...path, 'matcher']),
      })
    }
  },
})
