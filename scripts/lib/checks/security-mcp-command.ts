// An inline stdio MCP server in an agent starts a program of the pack's choosing each time the agent runs.
import { defineCheck } from '../engine/check.ts'
import { valueSpan } from '../check-support/locate.ts'
import { isRecord } from '../model/plugin-fields.ts'

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text)

export default defineCheck({
  id: 'security/mcp-command',
  description: 'Inline stdio MCP servers in agent front matter (`mcpServers` entries with a `command`)',
  rationale:
    "An `mcpServers` entry written as `{name: {command, args}}` makes Claude Code start that program, with the user's rights and environment, whenever the agent runs: `npx -y some-package` installs and runs whatever that package is today. A server named by string is one the user configured and approved in `.mcp.json` or settings; an inline one arrives with the pack and is easy to miss in review. Plugin agents are skipped: Claude Code ignores their `mcpServers`, and `frontmatter/foreign-key` reports the field.",
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent'],
  messages: {
    inlineServer:
      "Unexpected inline MCP server `{{name}}` that starts `{{line}}`, expected the name of a server configured in `.mcp.json` or settings (an inline server runs a program of the pack's choosing)",
  },
  check({ file, report }) {
    // Plugin agents ignore mcpServers (frontmatter/foreign-key reports the field).
    if (file.scope.kind === 'plugin') return
    const servers = file.data.mcpServers
    if (!Array.isArray(servers)) return
    servers.forEach((item, i) => {
      if (!isRecord(item)) return
      for (const [name, config] of Object.entries(item)) {
        if (!isRecord(config) || typeof config.command !== 'string') continue
        if (config.type !== undefined && config.type !== 'stdio') continue
        const args = Array.isArray(config.args) ? config.args.filter((a): a is string => typeof a === 'string') : []
        const line = shorten([config.command, ...args].join(' '))
        report({
          messageId: 'inlineServer',
          data: { name, line },
          at: valueSpan(file, ['mcpServers', i, name, 'command']),
        })
      }
    })
  },
})
