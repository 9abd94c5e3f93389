// Names that load but are reached only by fuzzy lookup, or that change meaning when the agent moves between scopes.
import { defineCheck } from '../engine/check.ts'
import { valueSpan } from '../check-support/locate.ts'
import { agentNameRejection, kebabNamePattern } from './names-agent-name-format.ts'

/** The lower-case kebab-case form of a name, as a suggestion. */
const kebabOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')

export default defineCheck({
  id: 'names/agent-name-style',
  description: 'Agent names that load but are not lower-case kebab-case',
  rationale:
    'Claude Code loads names with capitals, spaces, underscores or dots, and reaches them through its case- and separator-insensitive lookup; kebab-case names match exactly in every tool that lists agents. In a plugin agent a `:` adds a namespace level, and the same file copied into .claude/agents is rejected.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent'],
  check({ file, report }) {
    const name = file.frontmatter?.data?.name
    if (typeof name !== 'string' || name === '' || kebabNamePattern.test(name) || agentNameRejection(name, file.scope.kind)) return
    const suggestion = kebabOf(name)
    const expected = `expected lower-case kebab-case${suggestion && suggestion !== name ? ` such as \`${suggestion}\`` : ''}`
    let message: string
    if (name.includes(':')) {
      message = `Unexpected \`:\` in agent name \`${name}\`, ${expected} (in a plugin agent it adds a namespace level; copied into .claude/agents, Claude Code rejects it)`
    } else if (/[A-Z\s_]/.test(name)) {
      const kinds = [/[A-Z]/.test(name) && 'capitals', /\s/.test(name) && 'spaces', name.includes('_') && 'underscores'].filter(
        (k): k is string => Boolean(k),
      )
      const found = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}` : kinds[0]
      message = `Unexpected ${found} in agent name \`${name}\`, ${expected} (Claude Code loads it, but reaches it only through fuzzy lookup)`
    } else {
      message = `Unexpected agent name \`${name}\`, ${expected} (Claude Code loads it; \`^[a-z0-9]+(-[a-z0-9]+)*$\` matches exactly everywhere)`
    }
    report({ message, at: valueSpan(file, ['name']) })
  },
})
