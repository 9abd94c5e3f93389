// One-line descriptions survive every tool that reads them; block scalars (`>-`) are read literally by some.
import { defineCheck } from '../engine/check.ts'
import { keySpan } from '../check-support/locate.ts'

/**
 * The top-level `description:` line and what follows it. Read from the text rather than the YAML tree, so files
 * without a finding never need their positions.
 */
const descriptionLine = /^description:[ \t]*([^\r\n]*)(?:\r?\n|\r)?([ \t]+\S[^\r\n]*)?/m

export default defineCheck({
  id: 'frontmatter/multiline-description',
  description: 'Descriptions written as block scalars or spread over several lines',
  rationale:
    'Claude Code accepts them, but several tools that index agents read `>-` literally or keep only the first line; a one-line double-quoted string with `\\n` escapes is read the same everywhere.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  messages: {
    folded: 'Unexpected a folded (`>`) block scalar, expected a one-line double-quoted string with `\\n` escapes',
    literal: 'Unexpected a literal (`|`) block scalar, expected a one-line double-quoted string with `\\n` escapes',
    multiline: 'Unexpected a description spread over several lines, expected a one-line double-quoted string with `\\n` escapes',
  },
  check({ file, report }) {
    const fm = file.frontmatter
    if (!fm?.data || typeof fm.data.description !== 'string') return
    const m = descriptionLine.exec(fm.text)
    if (!m) return
    const value = m[1]!
    const block = /^[|>]/.test(value) ? (value.startsWith('>') ? 'folded' : 'literal') : null
    if (!block && !m[2]) return
    report({
      messageId: block ?? 'multiline',
      at: keySpan(file, ['description']),
    })
  },
})
