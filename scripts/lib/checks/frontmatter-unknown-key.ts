// Claude Code ignores keys it does not know. Misspellings of its own keys are frontmatter/misspelt-key.
import { defineCheck } from '../check.ts'
import { keySpan } from '../locate.ts'
import { closest } from '../suggest.ts'
import { foreignKeys, knownKeysFor, pluginAgentOnlyKeys } from '../vocabulary.ts'

export default defineCheck({
  id: 'frontmatter/unknown-key',
  description: 'Front-matter keys Claude Code does not read',
  rationale:
    'Unknown keys have no effect: Claude Code 2.1.332 logs a debug warning for agents and nothing at all for skills and commands. Metadata such as `author` or `tags` is harmless but does nothing; a key that promises behaviour (`globs`, `hide-from-slash-command-tool`) is a misunderstanding worth fixing.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const kind = file.kind as keyof typeof foreignKeys
    const known = knownKeysFor(file)
    for (const key of Object.keys(data)) {
      // A plugin-agent key in a project agent is frontmatter/foreign-key's.
      if (
        known.has(key) ||
        Object.hasOwn(foreignKeys[kind], key) ||
        (kind === 'agent' && pluginAgentOnlyKeys.has(key)) ||
        closest(key, known)
      )
        continue
      report({
        message: `Unexpected key \`${key}\` in ${kind} front matter, expected a key Claude Code reads (it has no effect)`,
        at: keySpan(file, [key]),
      })
    }
  },
})
