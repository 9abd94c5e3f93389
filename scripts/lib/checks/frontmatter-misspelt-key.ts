// A misspelt key is a setting the author meant Claude Code to apply, silently doing nothing.
import { defineCheck } from '../check.ts'
import { keySpan } from '../locate.ts'
import { closest } from '../suggest.ts'
import { foreignKeys, knownKeysFor, pluginAgentOnlyKeys } from '../vocabulary.ts'

export default defineCheck({
  id: 'frontmatter/misspelt-key',
  description: 'Front-matter keys that are a misspelling of a key Claude Code reads',
  rationale:
    'Claude Code ignores keys it does not know: `tool:` or `descripton:` leaves the agent with every tool or without a description, with at most a debug-log line (agents) or nothing at all (skills and commands).',
  runtime: '`tool:` in an agent is ignored with a [WARN] line that suggests `tools`, and the subagent gets every tool.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const kind = file.kind as keyof typeof foreignKeys
    const known = knownKeysFor(file)
    for (const key of Object.keys(data)) {
      if (known.has(key) || Object.hasOwn(foreignKeys[kind], key) || (kind === 'agent' && pluginAgentOnlyKeys.has(key))) continue
      const meant = closest(key, known)
      if (meant)
        report({
          message: `Unexpected key \`${key}\` in ${kind} front matter, expected \`${meant}\` (Claude Code ignores the misspelt key)`,
          at: keySpan(file, [key]),
        })
    }
  },
})
