// Claude Code rejects some agent names outright: the agent does not exist, with one debug-log line.
import { defineCheck } from '../engine/check.ts'
import type { Scope } from '../load/discover.ts'
import { valueSpan } from '../check-support/locate.ts'
import vocabulary from '../../../schemas/vocabulary.schema.json' with { type: 'json' }

/** The longest `name` Claude Code accepts. */
const nameLimit = vocabulary.$defs.agentName.maxLength

export const kebabNamePattern = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** Why Claude Code 2.1.332 refuses to load an agent under this name, or null when it loads it. */
export function agentNameRejection(name: string, scope: Scope['kind']): string | null {
  if (name.includes(':') && scope !== 'plugin')
    return `Unexpected \`:\` in agent name \`${name}\`, expected a name without \`:\` (Claude Code rejects project agents with \`:\`, reserved for plugin namespacing)`
  if (name.startsWith('-'))
    return `Unexpected leading \`-\` in agent name \`${name}\`, expected a name that starts with a letter or digit (Claude Code rejects this agent)`
  if (name.length > nameLimit)
    return `Unexpected agent name of ${name.length} characters, expected at most ${nameLimit} (Claude Code rejects this agent)`
  return null
}

export default defineCheck({
  id: 'names/agent-name-format',
  description: 'Agent names that Claude Code refuses to load',
  rationale:
    'Claude Code 2.1.332 rejects project agents whose `name` contains `:` (reserved for plugin namespacing), starts with `-` or is over 256 characters: the agent does not exist, and only the debug log says why.',
  runtime: 'A project agent named `a:b` is not loaded ([ERROR] Invalid "name": names must not contain ":").',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent'],
  check({ file, report }) {
    const name = file.frontmatter?.data?.name
    if (typeof name !== 'string' || name === '') return
    const message = agentNameRejection(name, file.scope.kind)
    if (message) report({ message, at: valueSpan(file, ['name']) })
  },
})
