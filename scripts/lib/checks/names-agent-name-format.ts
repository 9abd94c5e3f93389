// Claude Code knows an agent only by `name`: some spellings are rejected outright, others reached only by fuzzy lookup.
import { defineCheck } from '../check.ts'
import { valueSpan } from '../locate.ts'

const pattern = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** The lower-case kebab-case form of a name, as a suggestion. */
const kebabOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')

export default defineCheck({
  id: 'names/agent-name-format',
  description: 'Agent names that are not lower-case kebab-case',
  rationale: 'Claude Code 2.1.332 rejects project agents whose `name` contains `:` (reserved for plugin namespacing), starts with `-` or is over 256 characters; capitals, spaces and underscores load, but the agent is then reached only through fuzzy lookup.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent'],
  check({ file, report }) {
    const name = file.frontmatter?.data?.name
    if (typeof name !== 'string' || name === '' || (pattern.test(name) && name.length <= 256)) return
    const suggestion = kebabOf(name)
    const expected = `expected lower-case kebab-case${suggestion && suggestion !== name ? ` such as \`${suggestion}\`` : ''}`
    let message: string
    if (name.includes(':')) {
      message = file.scope.kind === 'plugin'
        ? `Unexpected \`:\` in agent name \`${name}\`, ${expected} (in a plugin agent it adds a namespace level; copied into .claude/agents, Claude Code rejects it)`
        : `Unexpected \`:\` in agent name \`${name}\`, ${expected} (Claude Code rejects project agents with \`:\`, reserved for plugin namespacing)`
    } else if (name.startsWith('-')) {
      message = `Unexpected leading \`-\` in agent name \`${name}\`, ${expected} (Claude Code rejects this agent)`
    } else if (name.length > 256) {
      message = `Unexpected agent name of ${name.length} characters, expected at most 256 (Claude Code rejects this agent)`
    } else if (/[A-Z\s_]/.test(name)) {
      const kinds = [/[A-Z]/.test(name) && 'capitals', /\s/.test(name) && 'spaces', name.includes('_') && 'underscores'].filter((k): k is string => Boolean(k))
      const found = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}` : kinds[0]
      message = `Unexpected ${found} in agent name \`${name}\`, ${expected} (Claude Code loads it, but reaches it only through fuzzy lookup)`
    } else {
      message = `Unexpected agent name \`${name}\`, ${expected} (\`^[a-z0-9]+(-[a-z0-9]+)*$\`)`
    }
    report({ message, at: valueSpan(file, ['name']) })
  },
})
