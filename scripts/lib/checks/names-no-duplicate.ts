// Two agents (or skills) of one name in one scope: Claude Code keeps one, picked by file read order, without a message.
import { defineCheck } from '../engine/check.ts'
import type { Related } from '../engine/diagnostics.ts'
import type { Scope } from '../load/discover.ts'
import type { LoadedFile } from '../load/loaded-file.ts'
import { valueSpan } from '../check-support/locate.ts'

const scopeKey = (s: Scope) => `${s.kind}\0${s.root}\0${s.pluginName ?? ''}`
const scopeName = { project: 'this project', plugin: 'this plugin', folder: 'this folder' } as const
const byPath = (a: { file: LoadedFile }, b: { file: LoadedFile }) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0)

function firstDefinedHere(file: LoadedFile): Related {
  const at = valueSpan(file, ['name'])
  return { file: file.path, line: at.line, column: at.column, message: 'first defined here' }
}

export default defineCheck({
  id: 'names/no-duplicate',
  description: 'Agent or skill names used twice in one project, folder or plugin',
  rationale:
    'Claude Code loads only one of several agents with the same `name` in a scope (the winner depends on file read order and changed between releases), and lists same-name skills side by side, so the Skill tool and `skills:` pick whichever comes first.',
  runtime:
    'Of two project agents with one `name` only one is listed and spawned; the other is dropped (debug log: "Duplicate agent name … active: …").',
  defaultSeverity: 'error',
  scope: 'project',
  messages: {
    duplicateAgent:
      'Unexpected duplicate agent name `{{name}}`, expected a name used once in {{scope}} (Claude Code loads only one of them, picked by file read order)',
    duplicateSkillCommand:
      'Unexpected duplicate skill command name `{{name}}`, expected a name used once in {{scope}} (Claude Code lists both, and `skills:` and the Skill tool take the first match)',
    duplicateSkillDisplay:
      'Unexpected duplicate skill display name `{{name}}`, expected a name used once in {{scope}} (Claude Code lists both, and `skills:` and the Skill tool take the first match)',
  },
  check({ project, report }) {
    const agents = new Map<string, LoadedFile>()
    for (const agent of [...project.agents].sort(byPath)) {
      const key = `${scopeKey(agent.file.scope)}\0${agent.name}`
      const first = agents.get(key)
      if (!first) {
        agents.set(key, agent.file)
        continue
      }
      report({
        file: agent.file.path,
        messageId: 'duplicateAgent',
        data: { name: agent.name, scope: scopeName[agent.file.scope.kind] },
        at: valueSpan(agent.file, ['name']),
        related: [firstDefinedHere(first)],
      })
    }
    // Command names (directories) and display names share one namespace: `skills:` and the Skill tool match either.
    const skills = new Map<string, LoadedFile>()
    for (const skill of [...project.skills].sort(byPath)) {
      const names: [string, string][] = [[skill.dir, 'command']]
      if (skill.displayName && skill.displayName !== skill.dir) names.push([skill.displayName, 'display'])
      for (const [name, kind] of names) {
        const key = `${scopeKey(skill.file.scope)}\0${name}`
        const first = skills.get(key)
        if (!first) {
          skills.set(key, skill.file)
          continue
        }
        if (first === skill.file) continue
        report({
          file: skill.file.path,
          messageId: kind === 'command' ? 'duplicateSkillCommand' : 'duplicateSkillDisplay',
          data: { name, scope: scopeName[skill.file.scope.kind] },
          at: valueSpan(skill.file, ['name']),
          related: [firstDefinedHere(first)],
        })
      }
    }
  },
})
