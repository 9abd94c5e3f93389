// An agent without front matter has no name, so Claude Code treats it as a reference document and skips it.
import { defineCheck } from '../check.ts'
import { pointAt } from '../diagnostics.ts'

export default defineCheck({
  id: 'frontmatter/missing',
  description: 'Agent and skill files without a front-matter block',
  rationale: 'An agent file without front matter has no `name`, so Claude Code skips it as a co-located document; a skill without one loses its description and falls back to the first body line.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill'],
  check({ file, report }) {
    if (file.frontmatter) {
      if (file.frontmatter.closeLine === null) {
        report({ message: 'Unexpected end of file inside the front matter, expected a closing `---` line', at: pointAt(1) })
      }
      return
    }
    const what = file.kind === 'agent' ? 'Claude Code skips this agent' : 'the skill has no description'
    report({ message: `Unexpected file without front matter, expected a \`---\` block at the top (${what})`, at: pointAt(1) })
  },
})
