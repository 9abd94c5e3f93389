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
  messages: {
    colon:
      'Unexpected `:` in agent name `{{name}}`, expected lower-case kebab-case{{suggestion}} (in a plugin agent it adds a namespace level; copied into .claude/agents, Claude Code rejects it)',
    fuzzy:
      'Unexpected {{found}} in agent name `{{name}}`, expected lower-case kebab-case{{suggestion}} (Claude Code loads it, but reaches it only through fuzzy lookup)',
    notKebab:
      'Unexpected agent name `{{name}}`, expected lower-case kebab-case{{suggestion}} (Claude Code loads it; `^[a-z0-9]+(-[a-z0-9]+)*$` matches exactly everywhere)',
  },
  check({ file, report }) {
    const name = file.frontmatter?.data?.name
    if (typeof name !== 'string' || name === '' || kebabNamePattern.test(name) || agentNameRejection(name, file.scope.kind)) return
    const suggestion = kebabOf(name)
    const data = { name, suggestion: suggestion && suggestion !== name ? ` such as \`${suggestion}\`` : '' }
    const at = valueSpan(file, ['name'])
    if (name.includes(':')) {
      report({ messageId: 'colon', data, at })
    } else if (/[A-Z\s_]/.test(name)) {
      const kinds = [/[A-Z]/.test(name) && 'capitals', /\s/.test(name) && 'spaces', name.includes('_') && 'underscores'].filter(
        (k): k is string => Boolean(k),
      )
      const found = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}` : kinds[0]!
      report({ messageId: 'fuzzy', data: { ...data, found }, at })
    } else {
      report({ messageId: 'notKebab', data, at })
    }
  },
})
