// A key of another file kind looks right and does nothing; `allowed-tools` in an agent even widens it to every tool.
import { defineCheck } from '../check.ts'
import { keySpan, valueSpan } from '../locate.ts'
import { foreignKeys, ignoredInPluginAgents, pluginAgentIsolations } from '../vocabulary.ts'

export default defineCheck({
  id: 'frontmatter/foreign-key',
  description: 'Keys that belong to another file kind, or that plugin agents ignore',
  rationale: '`allowed-tools` in an agent is ignored, so the agent inherits every tool; `tools` in a skill restricts nothing; plugin agents ignore `permissionMode`, `hooks`, `mcpServers`, `initialPrompt` and the observer keys, and keep `isolation` only as `worktree`.',
  runtime: '`allowed-tools` in an agent is ignored with a [WARN] "does not recognize or apply" line, and the subagent gets every tool.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const kind = file.kind as keyof typeof foreignKeys
    for (const key of Object.keys(data)) {
      const why = foreignKeys[kind][key] ?? (kind === 'agent' && file.scope.kind === 'plugin' ? ignoredInPluginAgents[key] : undefined)
      if (why) report({ message: `Unexpected \`${key}\` in ${file.scope.kind === 'plugin' ? 'a plugin ' : kind === 'agent' ? 'an ' : 'a '}${kind}: ${why}`, at: keySpan(file, [key]) })
    }
    const isolation = data.isolation
    if (kind === 'agent' && file.scope.kind === 'plugin' && typeof isolation === 'string' && !pluginAgentIsolations.has(isolation)) {
      report({ message: `Unexpected \`isolation: ${isolation}\` in a plugin agent, expected ${[...pluginAgentIsolations].map((v) => `\`${v}\``).join(' or ')} (Claude Code drops any other isolation of a plugin agent without a word)`, at: valueSpan(file, ['isolation']) })
    }
  },
})
