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
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const kind = file.kind as keyof typeof foreignKeys
    const pluginAgent = kind === 'agent' && file.scope.kind === 'plugin'
    for (const key of Object.keys(data)) {
      if (kind === 'agent' && !pluginAgent && pluginAgentOnlyKeys.has(key)) {
        report({
          message: `Unexpected \`${key}\` in a project agent, expected \`description\` (Claude Code reads \`${key}\` only in plugin agents; here it logs it as unknown and ignores it)`,
          at: keySpan(file, [key]),
        })
        continue
      }
      const own = <T>(map: Readonly<Record<string, T>>) => (Object.hasOwn(map, key) ? map[key] : undefined)
      const why = own(foreignKeys[kind]) ?? (pluginAgent ? own(ignoredInPluginAgents) : undefined)
      if (why)
        report({
          message: `Unexpected \`${key}\` in ${file.scope.kind === 'plugin' ? 'a plugin ' : kind === 'agent' ? 'an ' : 'a '}${kind}: ${why}`,
          at: keySpan(file, [key]),
        })
    }
    const isolation = data.isolation
    if (pluginAgent && typeof isolation === 'string' && !pluginAgentIsolations.has(isolation)) {
      report({
        message: `Unexpected \`isolation: ${isolation}\` in a plugin agent, expected ${[...pluginAgentIsolations].map((v) => `\`${v}\``).join(' or ')} (Claude Code drops any other isolation of a plugin agent without a word)`,
        at: valueSpan(file, ['isolation']),
      })
    }
  },
})
