// The origin's infrastructure specialist was routed template edits but had no tool to edit with.
import { defineCheck } from '../engine/check.ts'
import { keySpan } from '../check-support/locate.ts'
import { splitToolList } from '../model/tool-list.ts'
import { writeToolNames } from '../model/vocabulary.ts'

/** A description that hands the agent file changes ("Use when creating or modifying templates"). */
const changesFiles =
  /\b(?:creat(?:e|es|ing)|writ(?:e|es|ing)|edit(?:s|ing)?|modif(?:y|ies|ying)|implement(?:s|ing)?|refactor(?:s|ing)?|fix(?:es|ing)?)\b/i
const writers = new Set([...writeToolNames, '*'])

export default defineCheck({
  id: 'tools/role-needs-write',
  description: 'Agents whose description gives them file changes but whose tools cannot write',
  rationale:
    'When the orchestrator routes "create or modify the template" to an agent without Write or Edit, the agent can only describe the change or work around its tools through the shell; the routing and the tool set must agree.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent'],
  messages: {
    noWriteTool: 'Unexpected tools without Write or Edit for an agent used when `{{verb}}` files, expected Write or Edit in `tools`',
  },
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data || !('tools' in data) || typeof data.description !== 'string') return
    const whenClause = data.description.split(/\\n|\n|<example>/)[0]!
    if (!changesFiles.test(whenClause)) return
    const tools = splitToolList(data.tools).map((t) => t.name)
    if (tools.length === 0 || tools.some((t) => writers.has(t))) return
    const verb = changesFiles.exec(whenClause)![0]
    report({
      messageId: 'noWriteTool',
      data: { verb },
      at: keySpan(file, ['tools']),
    })
  },
})
