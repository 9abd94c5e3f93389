// `tools:` with nothing in it gives the agent zero tools, while the agent listing still says "All tools".
import { defineCheck } from '../engine/check.ts'
import { keySpan } from '../check-support/locate.ts'
import { splitToolList } from '../model/tool-list.ts'

export default defineCheck({
  id: 'frontmatter/empty-tools',
  description: 'An agent `tools` value that grants no tool at all',
  rationale:
    'An empty string, `[]`, a bare `tools:` or a non-string value leaves the agent with zero tools, while Claude Code\'s agent listing still says "All tools". Omit `tools` to inherit every tool.',
  runtime: '`tools: []` spawns the subagent with zero tools, while the agent listing says "All tools".',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent'],
  messages: {
    bare: 'Unexpected an empty `tools:` for `tools`, expected at least one tool name (this agent gets zero tools; omit `tools` to inherit all)',
    emptyList:
      'Unexpected an empty list for `tools`, expected at least one tool name (this agent gets zero tools; omit `tools` to inherit all)',
    emptyString:
      'Unexpected an empty string for `tools`, expected at least one tool name (this agent gets zero tools; omit `tools` to inherit all)',
    wrongType:
      'Unexpected a {{type}} for `tools`, expected at least one tool name (this agent gets zero tools; omit `tools` to inherit all)',
  },
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data || !('tools' in data)) return
    const value = data.tools
    const names = splitToolList(value)
    if (names.length > 0) return
    const messageId = value === null ? 'bare' : Array.isArray(value) ? 'emptyList' : typeof value === 'string' ? 'emptyString' : 'wrongType'
    report({
      messageId,
      data: { type: typeof value },
      at: keySpan(file, ['tools']),
    })
  },
})
