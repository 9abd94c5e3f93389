import type { FileContext } from '../engine/check.ts'
import { pointAt } from '../engine/diagnostics.ts'
import { countOption } from '../config/rule-options.ts'

/** The message of a body over its budget, for the `messages` of the rules that call reportBodyOverBudget. */
export const bodyOverBudgetMessages = {
  tooLong: 'Unexpected {{what}} of {{lines}} lines, expected at most {{max}} ({{remedy}})',
} as const

export type BodyOverBudgetMessageId = keyof typeof bodyOverBudgetMessages

/** Reports a body longer than the rule's `max` option, at the first line past the budget. */
export function reportBodyOverBudget(
  { file, options, report }: FileContext<BodyOverBudgetMessageId>,
  defaultMax: number,
  what: string,
  remedy: string,
): void {
  const max = countOption(options, 'max', defaultMax)
  const lines = file.scan.lineCount
  if (lines <= max || !file.source) return
  const first = file.source.position(file.bodyOffset).line
  report({ messageId: 'tooLong', data: { what, lines, max, remedy }, at: pointAt(first + max) })
}
