// A hook whose script is missing fails every time its event fires; a guard hook then fails open.
import { join, relative, sep } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { jsonValueSpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { matcherEntries } from '../model/settings/hook-entries.ts'
import { projectScripts } from '../model/settings/project-script.ts'

export default defineCheck({
  id: 'settings/hook-script',
  description: 'Project settings hooks whose `$CLAUDE_PROJECT_DIR/…` script does not exist',
  rationale:
    'Claude Code runs a command hook with `CLAUDE_PROJECT_DIR` set to the project root. When the script it names is not there, the hook fails at every event with a non-blocking error, so a guard hook lets every call through unless it sets `onFailure: block`. A warning: the script may be created by a setup step or kept out of version control on purpose.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['settings'],
  messages: {
    missingScript:
      'Unexpected missing script `$CLAUDE_PROJECT_DIR/{{script}}`, expected a file in the project (the hook fails every time it runs)',
  },
  check({ file, project, report }) {
    const value = file.json?.value
    const root = file.scope.root
    // Only a project's own .claude/settings*.json knows what CLAUDE_PROJECT_DIR will be.
    if (!isRecord(value) || relative(root, file.path).split(sep)[0] !== '.claude') return
    for (const { hooks } of matcherEntries(value.hooks)) {
      for (const { hook, path } of hooks) {
        if (hook.type !== 'command' || typeof hook.command !== 'string') continue
        const args = Array.isArray(hook.args) ? hook.args.filter((a): a is string => typeof a === 'string') : []
        for (const script of projectScripts([hook.command, ...args].join(' '))) {
          if (!project.disk.missing(join(root, script))) continue
          report({
            messageId: 'missingScript',
            data: { script },
            at: jsonValueSpan(file, [...path, 'command']),
          })
        }
      }
    }
  },
})
