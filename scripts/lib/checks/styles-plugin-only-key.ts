// `force-for-plugin` is read only in a plugin's output styles; anywhere else Claude Code ignores it.
import { defineCheck } from '../engine/check.ts'
import { keySpan } from '../check-support/locate.ts'

export default defineCheck({
  id: 'styles/plugin-only-key',
  description: 'Project output styles that set `force-for-plugin`, which only plugin output styles read',
  rationale:
    "`force-for-plugin: true` makes a plugin's output style apply whenever the plugin is enabled. In a project or user output style Claude Code ignores the key with a line only the debug log shows, so the style is not forced on anyone. Ship the style in a plugin, or select it with `outputStyle` in settings.",
  runtime:
    'A project output style with `force-for-plugin: true` is logged as "[WARN] Output style \\"x\\" has force-for-plugin set, but this option only applies to plugin output styles. Ignoring."',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['output-style'],
  messages: {
    projectStyle:
      "Unexpected `force-for-plugin` in a project output style, expected it only in a plugin's output styles (Claude Code ignores it here)",
  },
  check({ file, report }) {
    if (file.scope.kind === 'plugin' || !('force-for-plugin' in file.data)) return
    report({
      messageId: 'projectStyle',
      at: keySpan(file, ['force-for-plugin']),
    })
  },
})
