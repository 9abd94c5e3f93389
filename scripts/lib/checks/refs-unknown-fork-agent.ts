// A forked skill or command whose `agent:` does not resolve runs on general-purpose, with no error anywhere.
import { defineCheck } from '../engine/check.ts'
import { valueSpan } from '../check-support/locate.ts'
import { agentExists, agentNames } from '../model/project.ts'
import { didYouMean } from '../check-support/suggest.ts'

export default defineCheck({
  id: 'refs/unknown-fork-agent',
  description: 'Forked skills and commands (`context: fork`) whose `agent:` names no agent Claude Code can find',
  rationale:
    "A skill or command with `context: fork` runs in a subagent of the type `agent:` names. When that name does not resolve, Claude Code runs it on `general-purpose` instead, with all tools and none of the named agent's prompt, and says so only in the debug log. Inside a plugin, the plugin's own agents are found only by their namespaced id (`plugin:agent`).",
  runtime:
    "A forked command with `agent: ev-no-such-agent` is logged as \"agent 'ev-no-such-agent' is not available as a fork base, running on 'general-purpose'\".",
  defaultSeverity: 'error',
  scope: 'project',
  messages: {
    unknown:
      'Unexpected agent `{{name}}` for a forked {{kind}}, expected an agent Claude Code can find, a built-in agent or one in `externalAgents` (Claude Code runs it on `general-purpose` instead){{suggestion}}',
    unknownInPlugin:
      "Unexpected agent `{{name}}` for a forked {{kind}}, expected an agent Claude Code can find (a plugin's own agents by `plugin:name`), a built-in agent or one in `externalAgents` (Claude Code runs it on `general-purpose` instead){{suggestion}}",
  },
  check({ project, report }) {
    for (const file of project.files) {
      if (!file.read.ok || (file.kind !== 'skill' && file.kind !== 'command')) continue
      const { agent, context } = file.data
      if (context !== 'fork' || typeof agent !== 'string' || !agent.trim()) continue
      const name = agent.trim()
      const plugin = file.scope.kind === 'plugin' ? file.scope.pluginName : undefined
      // A plugin's command or skill does not see its plugin's agents under their bare names.
      const ownBare =
        plugin !== undefined && project.agents.some((a) => a.file.scope.root === file.scope.root && a.name === name && a.qualified)
      if (!ownBare && agentExists(project, name)) continue
      const hint = ownBare ? ` (did you mean \`${plugin}:${name}\`?)` : didYouMean(name, agentNames(project))
      report({
        file: file.path,
        messageId: plugin ? 'unknownInPlugin' : 'unknown',
        data: { name, kind: file.kind, suggestion: hint },
        at: valueSpan(file, ['agent']),
      })
    }
  },
})
