// Claude Code ignores keys it does not know. Misspellings of its own keys are frontmatter/misspelt-key.
import { defineCheck } from '../engine/check.ts'
import { keySpan } from '../check-support/locate.ts'
import { unreadKeys } from '../check-support/unread-keys.ts'

export default defineCheck({
  id: 'frontmatter/unknown-key',
  description: 'Front-matter keys Claude Code does not read',
  rationale:
    'Unknown keys have no effect: Claude Code 2.1.332 logs a debug warning for agents and nothing at all for skills and commands. Metadata such as `author` or `tags` is harmless but does nothing; a key that promises behaviour (`globs`, `hide-from-slash-command-tool`) is a misunderstanding worth fixing.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  messages: {
    unknown: 'Unexpected key `{{key}}` in {{kind}} front matter, expected a key Claude Code reads (it has no effect)',
  },
  check({ file, report }) {
    // Keys that look like a misspelling of a key Claude Code reads are frontmatter/misspelt-key's.
    for (const { key, meant } of unreadKeys(file)) {
      if (!meant)
        report({
          messageId: 'unknown',
          data: { key, kind: file.kind },
          at: keySpan(file, [key]),
        })
    }
  },
})
