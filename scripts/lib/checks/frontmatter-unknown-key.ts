// Claude Code ignores keys it does not know; a misspelt key is a setting that silently does nothing.
import { defineCheck } from '../check.ts'
import { keySpan } from '../locate.ts'
import { foreignKeys } from '../foreign-keys.ts'
import { didYouMean } from '../suggest.ts'
import { knownKeys } from '../vocabulary.ts'

export default defineCheck({
  id: 'frontmatter/unknown-key',
  description: 'Front-matter keys Claude Code does not read',
  rationale: 'Unknown keys have no effect: Claude Code 2.1.332 logs a debug warning for agents and nothing at all for skills and commands, so a typo such as `tool:` leaves the agent with every tool.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const kind = file.kind as keyof typeof knownKeys
    const known = knownKeys[kind]
    for (const key of Object.keys(data)) {
      if (known.has(key) || foreignKeys[kind][key]) continue
      report({ message: `Unexpected key \`${key}\` in ${kind} front matter, expected a key Claude Code reads${didYouMean(key, known)}`, at: keySpan(file, [key]) })
    }
  },
})
