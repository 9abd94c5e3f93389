// A plugin option pasted into a shell command would be parsed again by the shell, so Claude Code refuses the hook.
import { defineCheck } from '../engine/check.ts'
import { fileHookCommands } from '../model/hook-commands.ts'
import { jsonValueSpan } from '../check-support/json-locate.ts'

const option = /\$\{user_config\.([^}]*)\}/

export default defineCheck({
  id: 'plugin/user-config-shell-hook',
  description: 'Plugin hook commands in shell form (no `args`) that use `${user_config.*}`',
  rationale:
    'A plugin\'s command hook without `args` runs through a shell. Claude Code will not put a plugin option into such a command, because the shell would parse the value again: every time the event fires it refuses the hook, whether or not the user has set the option, and says so only in the debug log. Exec form passes the value as one argument (`"command": "<program>", "args": ["${user_config.KEY}"]`), and the hook\'s environment holds it as `CLAUDE_PLUGIN_OPTION_<KEY>`.',
  runtime:
    'With `--plugin-dir` and the option set in `pluginConfigs`, a UserPromptSubmit hook `echo ${user_config.token} > …` never runs (`[ERROR] Hook failed to run (UserPromptSubmit): Hook from plugin … references ${user_config.*} in a shell-form command`), while its exec-form twin writes its file.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['hooks', 'plugin-manifest'],
  messages: {
    shellForm:
      'Unexpected `{{option}}` in a shell-form hook command, expected exec form (`"command": "<program>", "args": ["${user_config.{{key}}}"]`) or `$CLAUDE_PLUGIN_OPTION_{{variable}}` from the environment (Claude Code refuses to run this hook)',
  },
  check({ file, report }) {
    for (const hook of fileHookCommands(file).commands) {
      const used = option.exec(hook.command)
      if (hook.execForm || !used) continue
      const key = used[1] || 'KEY'
      const variable = key.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase()
      report({
        messageId: 'shellForm',
        data: { option: used[0], key, variable },
        at: jsonValueSpan(file, hook.path),
      })
    }
  },
})
