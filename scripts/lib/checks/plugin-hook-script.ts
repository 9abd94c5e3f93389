// A plugin hook runs in the user's project, not in the plugin: its scripts must be named through ${CLAUDE_PLUGIN_ROOT}.
import { join } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { fileHookCommands } from '../model/hook-commands.ts'
import { jsonValueSpan } from '../check-support/json-locate.ts'
import { pluginScripts, relativeScripts } from '../model/settings/project-script.ts'

export default defineCheck({
  id: 'plugin/hook-script',
  description: 'Plugin hook commands whose `${CLAUDE_PLUGIN_ROOT}/…` script is missing, or that name a plugin script by a relative path',
  rationale:
    "Claude Code runs a plugin's command hooks in the session's working directory, the user's project, with `CLAUDE_PLUGIN_ROOT` set to wherever the plugin was installed. A script named by a relative path (`./hooks/check.sh`, `node hooks/check.mjs`) is looked for in the project, not in the plugin, and a `${CLAUDE_PLUGIN_ROOT}/…` script that the plugin does not ship is missing everywhere: either way the hook fails at every event with a non-blocking error, so a guard hook lets every call through unless it sets `onFailure: block`. A warning: a script may be generated at install time.",
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['hooks', 'plugin-manifest'],
  messages: {
    missing:
      'Unexpected missing script `${CLAUDE_PLUGIN_ROOT}/{{script}}`, expected a file the plugin ships (the hook fails every time it runs)',
    relative:
      "Unexpected relative script path `{{script}}`, expected `${CLAUDE_PLUGIN_ROOT}/{{script}}` (plugin hooks run in the user's project, where this path does not lead to the plugin)",
  },
  check({ file, project, report }) {
    const root = file.scope.root
    for (const hook of fileHookCommands(file).commands) {
      const at = jsonValueSpan(file, hook.path)
      for (const script of pluginScripts(hook.text)) {
        if (!project.disk.missing(join(root, script))) continue
        report({
          messageId: 'missing',
          data: { script },
          at,
        })
      }
      for (const script of relativeScripts(hook.text)) {
        if (!project.disk.exists(join(root, script))) continue
        report({
          messageId: 'relative',
          data: { script },
          at,
        })
      }
    }
  },
})
