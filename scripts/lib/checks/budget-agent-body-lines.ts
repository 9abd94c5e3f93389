// The whole agent body is the subagent's system prompt: past a few hundred lines instructions get lost and every spawn pays.
import { defineCheck } from '../check.ts'
import { pointAt } from '../diagnostics.ts'
import { countOption } from '../rule-options.ts'

export default defineCheck({
  id: 'budget/agent-body-lines',
  description: 'Agent bodies longer than the line budget (option `max`, default 300)',
  rationale: 'Claude Code sends the whole agent body as the subagent\'s system prompt on every spawn. Past about 300 lines the prompt dilutes its own instructions and costs tokens each time; stack lore belongs in skills the agent loads when it needs them.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent'],
  check({ file, options, report }) {
    const max = countOption(options, 'max', 300)
    const lines = file.scan.lineCount
    if (lines <= max || !file.source) return
    const first = file.source.position(file.bodyOffset).line
    report({ message: `Unexpected agent body of ${lines} lines, expected at most ${max} (move reference material into skills)`, at: pointAt(first + max) })
  },
})
