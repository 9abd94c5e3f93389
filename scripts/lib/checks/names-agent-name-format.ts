// Claude Code rejects some agent names outright: the agent does not exist, with one debug-log line.
import { defineCheck, type MessageData } from '../engine/check.ts'
import type { Scope } from '../load/discover.ts'
import { valueSpan } from '../check-support/locate.ts'
import vocabulary from '../../../schemas/vocabulary.schema.json' with { type: 'json' }

/** The longest `name` Claude Code accepts. */
const nameLimit = vocabulary.$defs.agentName.maxLength

export const kebabNamePattern = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** Why Claude Code 2.1.332 refuses to load an agent under this name (a message of the rule below), or null when it loads it. */
export function agentNameRejection(
  name: string,
  scope: Scope['kind'],
): { messageId: 'colon' | 'leadingDash' | 'tooLong'; data: MessageData } | null {
  if (name.includes(':') && scope !== 'plugin') return { messageId: 'colon', data: { name } }
  if (name.startsWith('-')) return { messageId: 'leadingDash', data: { name } }
  if (name.length > nameLimit) return { messageId: 'tooLong', data: { length: name.length, max: nameLimit } }
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
  messages: {
    colon:
      'Unexpected `:` in agent name `{{name}}`, expected a name without `:` (Claude Code rejects project agents with `:`, reserved for plugin namespacing)',
    leadingDash:
      'Unexpected leading `-` in agent name `{{name}}`, expected a name that starts with a letter or digit (Claude Code rejects this agent)',
    tooLong: 'Unexpected agent name of {{length}} characters, expected at most {{max}} (Claude Code rejects this agent)',
  },
  check({ file, report }) {
    const name = file.frontmatter?.data?.name
    if (typeof name !== 'string' || name === '') return
    const rejection = agentNameRejection(name, file.scope.kind)
    if (rejection) report({ ...rejection, at: valueSpan(file, ['name']) })
  },
})
