// A permission mode that skips prompts hands every tool call (Bash, Write, network) to the model unchecked.
import { defineCheck } from '../engine/check.ts'
import { jsonValueSpan } from '../check-support/json-locate.ts'
import { valueSpan } from '../check-support/locate.ts'
import { isRecord } from '../model/plugin-fields.ts'

/** Modes that skip permission prompts, and what each lets through without asking. */
const skipping: Readonly<Record<string, string>> = {
  bypassPermissions: 'every tool call runs without a prompt',
  dontAsk: 'tool calls that would prompt are decided without asking',
  auto: 'a classifier approves tool calls instead of the user',
  acceptEdits: 'file edits are applied without a prompt',
}

export default defineCheck({
  id: 'security/bypass-permissions',
  description: 'Agents and settings that skip permission prompts (`bypassPermissions`, `dontAsk`, `auto`, `acceptEdits`)',
  rationale:
    "An agent with `permissionMode: bypassPermissions` runs Bash, Write and network tools with no prompt, so a prompt injection in a file it reads becomes code execution on the user's machine; `dontAsk`, `auto` and `acceptEdits` skip some prompts (reported as warnings). A pack that ships such an agent, or a `.claude/settings.json` with `permissions.defaultMode` set to one of them, turns that on for everyone who installs it. Plugin agents are skipped: Claude Code ignores their `permissionMode`, and `frontmatter/foreign-key` reports the field.",
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'settings'],
  messages: {
    agentMode: 'Unexpected permissionMode `{{mode}}`, expected `default` or `plan` ({{effect}})',
    settingsMode: 'Unexpected permissions.defaultMode `{{mode}}`, expected `default` or `plan` ({{effect}})',
  },
  check({ file, report }) {
    if (file.kind === 'agent') {
      // Plugin agents ignore permissionMode (frontmatter/foreign-key reports the field); copied into .claude/ they are checked there.
      if (file.scope.kind === 'plugin') return
      const mode = file.data.permissionMode
      if (typeof mode !== 'string' || !Object.hasOwn(skipping, mode)) return
      report({
        messageId: 'agentMode',
        data: { mode, effect: skipping[mode]! },
        at: valueSpan(file, ['permissionMode']),
        ...(mode === 'bypassPermissions' ? {} : { severity: 'warning' }),
      })
      return
    }
    const value = file.json?.value
    const mode = isRecord(value) && isRecord(value.permissions) ? value.permissions.defaultMode : undefined
    if (typeof mode !== 'string' || !Object.hasOwn(skipping, mode)) return
    report({
      messageId: 'settingsMode',
      data: { mode, effect: skipping[mode]! },
      at: jsonValueSpan(file, ['permissions', 'defaultMode']),
      ...(mode === 'bypassPermissions' ? {} : { severity: 'warning' }),
    })
  },
})
