// A reviewer that can write can "fix" what it was asked to judge, and a prompt injection in the reviewed code can use that.
import { defineCheck } from '../engine/check.ts'
import { listEntrySpan } from '../check-support/locate.ts'
import { splitToolList } from '../model/tool-list.ts'
import { writeToolNames } from '../model/vocabulary.ts'

const reviewerName = /review|audit/i
const reviewerWords = /\b(?:reviewer|auditor|read-only|audits?|auditing)\b/i

/** Why the agent counts as read-only, or null. Only the first paragraph of the description counts, not its examples. */
function readOnlyRole(data: Record<string, unknown>): string | null {
  if (data.permissionMode === 'plan') return '`permissionMode: plan`'
  if (typeof data.name === 'string' && reviewerName.test(data.name)) return `the reviewer name \`${data.name}\``
  const description = typeof data.description === 'string' ? data.description.split(/\n\s*\n|<example>/)[0]! : ''
  const word = reviewerWords.exec(description)?.[0]
  return word ? `a description that says \`${word}\`` : null
}

export default defineCheck({
  id: 'security/read-only-writes',
  description: 'Reviewer, auditor and `permissionMode: plan` agents granted Write, Edit or NotebookEdit',
  rationale:
    "A review or audit agent reads untrusted code and reports on it. Given Write, Edit or NotebookEdit it can change the code it judges, so a prompt injection in that code can rewrite files, and its findings no longer describe what was reviewed. `permissionMode: plan` promises no changes, yet listed write tools stay in the agent's tool set.",
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent'],
  messages: {
    writeTool: 'Unexpected `{{tool}}` in a read-only role ({{role}}), expected read tools only (Read, Grep, Glob, Bash for running checks)',
  },
  check({ file, report }) {
    const data = file.data
    const role = readOnlyRole(data)
    if (!role) return
    for (const entry of splitToolList(data.tools)) {
      if (!writeToolNames.has(entry.name)) continue
      report({
        messageId: 'writeTool',
        data: { tool: entry.raw, role },
        at: listEntrySpan(file, 'tools', entry),
      })
    }
  },
})
