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
  messages: {
    unclosed: 'Unexpected end of file inside the front matter, expected a closing `---` line',
    missingSkill:
      'Unexpected file without front matter, expected a `---` block at the top (Claude Code takes the description from the first body line)',
    missingPluginAgent:
      'Unexpected file without front matter, expected a `---` block at the top (Claude Code loads this plugin agent under its file name, with every tool)',
    missingAgent:
      'Unexpected file without front matter, expected a `---` block at the top (Claude Code skips it as a document, not an agent)',
  },
  check({ file, report }) {
    if (file.frontmatter) {
      if (file.frontmatter.closeLine === null) {
        report({ messageId: 'unclosed', at: pointAt(1) })
      }
      return
    }
    const messageId = file.kind === 'skill' ? 'missingSkill' : file.scope.kind === 'plugin' ? 'missingPluginAgent' : 'missingAgent'
    report({ messageId, at: pointAt(1) })
  },
})
