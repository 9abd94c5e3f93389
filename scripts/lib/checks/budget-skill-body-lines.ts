// A SKILL.md body is loaded whole when the skill runs; long ones belong in references/ read on demand.
import { defineCheck } from '../check.ts'
import { pointAt } from '../diagnostics.ts'
import { countOption } from '../rule-options.ts'

export default defineCheck({
  id: 'budget/skill-body-lines',
  description: 'SKILL.md bodies longer than the line budget (option `max`, default 500)',
  rationale: 'Claude Code puts the whole SKILL.md body into the context when the skill is invoked or preloaded. Past about 500 lines it crowds out the task; detail belongs in `references/` files the skill links to and Claude reads only when needed.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['skill'],
  check({ file, options, report }) {
    const max = countOption(options, 'max', 500)
    const lines = file.scan.lineCount
    if (lines <= max || !file.source) return
    const first = file.source.position(file.bodyOffset).line
    report({ message: `Unexpected SKILL.md body of ${lines} lines, expected at most ${max} (move detail into \`references/\` files)`, at: pointAt(first + max) })
  },
})
