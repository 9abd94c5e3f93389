// One-line descriptions survive every tool that reads them; block scalars (`>-`) are read literally by some.
import { isScalar } from 'yaml'
import { defineCheck } from '../check.ts'
import { keySpan } from '../locate.ts'
import { locate } from '../load/frontmatter.ts'

export default defineCheck({
  id: 'frontmatter/multiline-description',
  description: 'Descriptions written as block scalars or spread over several lines',
  rationale: 'Claude Code accepts them, but several tools that index agents read `>-` literally or keep only the first line; a one-line double-quoted string with `\\n` escapes is read the same everywhere.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  check({ file, report }) {
    const fm = file.frontmatter
    if (!fm?.data || typeof fm.data.description !== 'string') return
    const at = locate(fm, ['description'])
    if (!at || !isScalar(at.value)) return
    const type = at.value.type
    const block = type === 'BLOCK_FOLDED' || type === 'BLOCK_LITERAL'
    const raw = file.text.slice(at.valueStart, at.valueEnd)
    if (!block && !/[\r\n]/.test(raw.trimEnd())) return
    const found = block ? `a ${type === 'BLOCK_FOLDED' ? 'folded (`>`)' : 'literal (`|`)'} block scalar` : 'a description spread over several lines'
    report({ message: `Unexpected ${found}, expected a one-line double-quoted string with \`\\n\` escapes`, at: keySpan(file, ['description']) })
  },
})
