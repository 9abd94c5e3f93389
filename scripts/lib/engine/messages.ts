import type { Check, RuleReport } from './check.ts'
import { RuleContractError } from './report-contract.ts'

const placeholder = /\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g

/** The placeholder names of a message template, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(placeholder)].map((m) => m[1]!))]
}

/** The text of a report: its message template filled from its data. Throws RuleContractError when it cannot be. */
export function messageOf(check: Check, report: RuleReport): string {
  const template = Object.hasOwn(check.messages, report.messageId) ? check.messages[report.messageId] : undefined
  if (template === undefined) throw new RuleContractError(check.id, `a report with the unknown message id \`${report.messageId}\``)
  const data = report.data ?? {}
  return template.replace(placeholder, (_, name: string) => {
    if (!Object.hasOwn(data, name))
      throw new RuleContractError(check.id, `message \`${report.messageId}\` without data for \`{{${name}}}\``)
    return String(data[name])
  })
}
