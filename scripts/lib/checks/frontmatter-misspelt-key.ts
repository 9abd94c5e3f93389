// A misspelt key is a setting the author meant Claude Code to apply, silently doing nothing.
import { defineCheck } from '../engine/check.ts'
import { keySpan } from '../check-support/locate.ts'
import { unreadKeys } from '../check-support/unread-keys.ts'

export default defineCheck({
  id: 'frontmatter/misspelt-key',
  description: 'Front-matter keys that are a misspelling of a key Claude Code reads',
  rationale:
    'Claude Code ignores keys it does not know: `tool:` or `descripton:` leaves the agent with every tool or without a description, with at most a debug-log line (agents) or nothing at all (skills and commands).',
  runtime: '`tool:` in an agent is ignored with a [WARN] line that suggests `tools`, and the subagent gets every tool.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  messages: {
    misspelt: 'Unexpected key `{{key}}` in {{kind}} front matter, expected `{{meant}}` (Claude Code ignores the misspelt key)',
  },
  check({ file, report }) {
    for (const { key, meant } of unreadKeys(file)) {
      if (meant)
        report({
          messageId: 'misspelt',
          data: { key, kind: file.kind, meant },
          at: keySpan(file, [key]),
        })
    }
  },
})
