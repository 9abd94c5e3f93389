// Every agent description rides along with each main-thread request; a pack's descriptions together need a budget.
import { defineCheck } from '../engine/check.ts'
import { valueSpan } from '../check-support/locate.ts'
import type { AgentRecord } from '../model/project.ts'
import { countOption } from '../config/rule-options.ts'

/**
 * Tokens of a description, estimated as characters / 4. Anthropic publishes no tokenizer for current Claude models;
 * the pure-JS GPT tokenizers cost 60–130 ms to load on every run and are no closer to Claude's counts than this.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4)
}

export default defineCheck({
  id: 'budget/description-tokens',
  description: 'Agent descriptions of one pack or project that together exceed the token budget (option `max`, default 3,000)',
  rationale:
    'Claude Code lists every agent with its description in the Agent tool on each main-thread request, so the descriptions cost tokens on every turn (142 agents came to about 4.5k tokens per message in anthropics/claude-code#18245). Tokens are estimated as characters / 4: Anthropic publishes no tokenizer for current Claude models.',
  defaultSeverity: 'warning',
  optionsSchema: { type: 'object', properties: { max: { type: 'integer', minimum: 0 } }, additionalProperties: false },
  scope: 'project',
  messages: {
    overBudget:
      'Unexpected {{count}} agent descriptions of about {{total}} tokens in {{where}}, expected at most {{max}} in all; this one crosses the budget (Claude Code sends every description with each main-thread request)',
  },
  check({ project, options, report }) {
    const max = countOption(options, 'max', 3000)
    const byScope = new Map<string, { agent: AgentRecord; tokens: number }[]>()
    for (const agent of project.agents) {
      const description = agent.file.data.description
      if (typeof description !== 'string') continue
      const { scope } = agent.file
      const key = `${scope.kind}\0${scope.root}\0${scope.pluginName ?? ''}`
      const list = byScope.get(key) ?? []
      byScope.set(key, list)
      list.push({ agent, tokens: estimateTokens(description) })
    }
    for (const list of byScope.values()) {
      const total = list.reduce((sum, d) => sum + d.tokens, 0)
      if (total <= max) continue
      let running = 0
      const crossing = list.find((d) => (running += d.tokens) > max)!.agent
      const { scope } = crossing.file
      const where =
        scope.kind === 'plugin' ? `plugin \`${scope.pluginName ?? ''}\`` : scope.kind === 'project' ? 'the project' : 'this pack'
      report({
        messageId: 'overBudget',
        data: { count: list.length, total: total.toLocaleString('en-US'), where, max: max.toLocaleString('en-US') },
        at: valueSpan(crossing.file, ['description']),
        file: crossing.file.path,
      })
    }
  },
})
