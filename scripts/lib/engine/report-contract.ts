import type { Check } from './check.ts'
import type { Report } from './diagnostics.ts'
import type { LoadedFile } from '../load/loaded-file.ts'

/**
 * A check broke the engine's contract (a report without a file, a fix from a rule not marked fixable, a position
 * outside the file). It is a bug in the check, never in the checked files: the run stops and the CLI exits 2 naming
 * the rule, instead of dropping the report without a word.
 */
export class RuleContractError extends Error {
  constructor(
    readonly ruleId: string,
    problem: string,
  ) {
    super(`rule ${ruleId} broke the check contract: ${problem}`)
  }
}

/** Throws RuleContractError when a report cannot stand as a diagnostic of its file. */
export function assertReportContract(check: Check, report: Report, owner: LoadedFile | null): void {
  if (!report.file) throw new RuleContractError(check.id, 'a report without a file')
  if (report.fix && !check.fixable) throw new RuleContractError(check.id, 'a fix from a rule not marked fixable')
  const { line, column, endLine, endColumn } = report.at
  if (![line, column, endLine, endColumn].every((n) => Number.isInteger(n) && n >= 1))
    throw new RuleContractError(check.id, `a position that is not 1-based (${line}:${column}-${endLine}:${endColumn})`)
  if (endLine < line || (endLine === line && endColumn < column))
    throw new RuleContractError(check.id, `a span that ends before it starts (${line}:${column}-${endLine}:${endColumn})`)
  const source = owner?.source
  if (!source) return
  for (const [l, c] of [
    [line, column],
    [endLine, endColumn],
  ] as const) {
    if (l > source.lineCount || c > source.lineText(l).length + 1)
      throw new RuleContractError(check.id, `a position outside ${owner.path} (${l}:${c})`)
  }
}
