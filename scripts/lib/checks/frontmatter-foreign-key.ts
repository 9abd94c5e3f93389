// A key of another file kind looks right and does nothing; `allowed-tools` in an agent even widens it to every tool.
import { defineCheck } from '../engine/check.ts'
import { keySpan, valueSpan } from '../check-support/locate.ts'
import { foreignKeys, ignoredInPluginAgents, pluginAgentIsolations, pluginAgentOnlyKeys } from '../model/vocabulary.ts'

export default defineCheck({
  id: 'frontmatter/foreign-key',
  description: 'Keys that belong to another file kind, plugin-agent keys in project agents, and keys plugin agents ignore',
  rationale:
    '`allowed-tools` in an agent is ignored, so the agent inherits every tool; `tools` in a skill restricts nothing; plugin agents ignore `permissionMode`, `hooks`, `mcpServers`, `initialPrompt` and the observer keys, and keep `isolation` only as `worktree`; project agents ignore `when_to_use`, which only plugin agents read.',
  runtime: '`allowed-tools` in an agent is ignored with a [WARN] "does not recognize or apply" line, and the subagent gets every tool.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  messages: {
    pluginOnly:
      'Unexpected `{{key}}` in a project agent, expected `description` (Claude Code reads `{{key}}` only in plugin agents; here it logs it as unknown and ignores it)',
    foreignInPlugin: 'Unexpected `{{key}}` in a plugin {{kind}}: {{why}}',
    foreignInAgent: 'Unexpected `{{key}}` in an agent: {{why}}',
    foreign: 'Unexpected `{{key}}` in a {{kind}}: {{why}}',
    isolation:
      'Unexpected `isolation: {{isolation}}` in a plugin agent, expected {{allowed}} (Claude Code drops any other isolation of a plugin agent without a word)',
  },
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const kind = file.kind as keyof typeof foreignKeys
    const pluginAgent = kind === 'agent' && file.scope.kind === 'plugin'
    for (const key of Object.keys(data)) {
      if (kind === 'agent' && !pluginAgent && pluginAgentOnlyKeys.has(key)) {
        report({
          messageId: 'pluginOnly',
          data: { key },
          at: keySpan(file, [key]),
        })
        continue
      }
      const own = <T>(map: Readonly<Record<string, T>>) => (Object.hasOwn(map, key) ? map[key] : undefined)
      const why = own(foreignKeys[kind]) ?? (pluginAgent ? own(ignoredInPluginAgents) : undefined)
      if (why)
        report({
          messageId: file.scope.kind === 'plugin' ? 'foreignInPlugin' : kind === 'agent' ? 'foreignInAgent' : 'foreign',
          data: { key, kind, why },
          at: keySpan(file, [key]),
        })
    }
    const isolation = data.isolation
    if (pluginAgent && typeof isolation === 'string' && !pluginAgentIsolations.has(isolation)) {
      report({
        messageId: 'isolation',
        data: { isolation, allowed: [...pluginAgentIsolations].map((v) => `\`${v}\``).join(' or ') },
        at: valueSpan(file, ['isolation']),
      })
    }
  },
})
