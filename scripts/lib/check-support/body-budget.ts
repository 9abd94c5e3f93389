import type { FileContext } from '../engine/check.ts'
import { pointAt } from '../engine/diagnostics.ts'
import { countOption } from '../config/rule-options.ts'

/** Reports a body longer than the rule's `max` option, at the first line past the budget. */
export function reportBodyOverBudget({ file, options, report }: FileContext, defaultMax: number, what: string, remedy: string): void {
  const max = countOption(options, 'max', defaultMax)
  const lines = file.scan.lineCount
  if (lines <= max || !file.source) return
  const first = file.source.position(file.bodyOffset).line
  report({ message: `Unexpected ${what} of ${lines} lines, expected at most ${max} (${remedy})`, at: pointAt(first + max) })
}
