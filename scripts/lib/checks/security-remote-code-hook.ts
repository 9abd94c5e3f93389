// A hook runs on the user's machine with their rights, on every matching event: it must run code the pack contains.
import { defineCheck } from '../engine/check.ts'
import { fileHookCommands } from '../model/hook-commands.ts'
import { jsonValueSpan } from '../check-support/json-locate.ts'
import { valueSpan } from '../check-support/locate.ts'
import { findShellRisk } from '../model/shell-risk.ts'

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text)

export default defineCheck({
  id: 'security/remote-code-hook',
  description: 'Hook commands that download and run code, or run text from a variable or from the hook input',
  rationale:
    'Hooks run shell commands with the user\'s rights on every matching event, without a prompt. `curl … | sh`, `bash <(curl …)` or `iex (iwr …)` run whatever the server returns on that day, not what was reviewed; `eval "$TOOL_INPUT"`, `sh -c "$X"` or `jq … | sh` run text the model or a tool call controls, so a prompt injection becomes code execution. Checked in agent, skill and command front matter, plugin hooks/hooks.json, inline plugin.json hooks and .claude/settings files.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command', 'hooks', 'plugin-manifest', 'settings'],
  messages: {
    download:
      'Unexpected hook command that downloads and runs code (`{{match}}`), expected a script shipped with the pack (downloaded code can change after review)',
    variable:
      'Unexpected hook command that runs text it does not control (`{{match}}`), expected a fixed command (a variable or the hook input handed to a shell or `eval` runs whatever the model or a tool call put there)',
  },
  check({ file, report }) {
    const { commands, json } = fileHookCommands(file)
    for (const command of commands) {
      const risk = findShellRisk(command.text)
      if (!risk) continue
      report({
        messageId: risk.kind === 'download' ? 'download' : 'variable',
        data: { match: shorten(risk.match) },
        at: json ? jsonValueSpan(file, command.path) : valueSpan(file, command.path),
      })
    }
  },
})
