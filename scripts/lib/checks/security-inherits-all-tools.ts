// Without a `tools` line an agent gets every tool, including Bash, Write and any MCP tool the session has.
import { defineCheck } from '../engine/check.ts'
import { fenceSpan, keySpan } from '../check-support/locate.ts'

export default defineCheck({
  id: 'security/inherits-all-tools',
  description: 'Agents without a `tools` line, which inherit every tool',
  rationale:
    'An agent whose front matter has no `tools` key inherits every tool of the session: Bash, Write, Edit, WebFetch and every MCP tool the user has connected, so a prompt injection in what the agent reads can use all of them. Listing the tools it needs keeps its reach to its job. Exempt agents that really need everything with `["warning", {"allow": ["agent-name"]}]`, or write `tools: "*"` to grant every tool on purpose.',
  defaultSeverity: 'warning',
  optionsSchema: { type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
  scope: 'file',
  kinds: ['agent'],
  messages: {
    missingTools:
      'Missing `tools` in agent front matter, expected an explicit tool list (without one the agent inherits every tool, including Bash, Write and MCP tools)',
  },
  check({ file, options, report }) {
    const fm = file.frontmatter
    if (!fm?.data || 'tools' in fm.data) return
    const name = fm.data.name
    const allow = Array.isArray(options.allow) ? options.allow : []
    if (typeof name === 'string' && allow.includes(name)) return
    report({
      messageId: 'missingTools',
      at: typeof name === 'string' ? keySpan(file, ['name']) : fenceSpan(file),
    })
  },
})
