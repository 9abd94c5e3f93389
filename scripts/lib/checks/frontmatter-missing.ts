// Without front matter a project agent is taken for a co-located document; a plugin agent loads with every tool.
import { defineCheck } from '../engine/check.ts'
import { pointAt } from '../engine/diagnostics.ts'

export default defineCheck({
  id: 'frontmatter/missing',
  description: 'Agent and skill files without a front-matter block',
  rationale:
    'A project agent file without front matter has no `name`, so Claude Code skips it as a co-located document (often on purpose: notes beside the agents); a plugin agent without one loads under its file name with every tool; a skill without one takes its description from the first body line.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill'],
  check({ file, report }) {
    if (file.frontmatter) {
      if (file.frontmatter.closeLine === null) {
        report({ message: 'Unexpected end of file inside the front matter, expected a closing `---` line', at: pointAt(1) })
      }
      return
    }
    const what =
      file.kind === 'skill'
        ? 'Claude Code takes the description from the first body line'
        : file.scope.kind === 'plugin'
          ? 'Claude Code loads this plugin agent under its file name, with every tool'
          : 'Claude Code skips it as a document, not an agent'
    report({ message: `Unexpected file without front matter, expected a \`---\` block at the top (${what})`, at: pointAt(1) })
  },
})
