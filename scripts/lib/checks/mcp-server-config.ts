// A server in .mcp.json that does not match its type's shape is skipped; a file without `mcpServers` loads no server.
import { defineCheck } from '../engine/check.ts'
import { jsonKeySpan, jsonProblemSpan, jsonRootSpan, jsonValueSpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { describeSchemaErrors } from '../check-support/schema-problems.ts'
import { show, validatorFor } from '../model/schemas.ts'
import { serverTypeProblem } from '../model/mcp/server-type.ts'

type Path = (string | number)[]

export default defineCheck({
  id: 'mcp/server-config',
  description: "`.mcp.json` files (project, plugin, or named by a manifest's `mcpServers`) whose servers do not match the MCP server shape",
  rationale:
    'Claude Code reads MCP servers from the `mcpServers` map and checks each one against the shape its `type` selects: stdio (the default) needs `command`, sse, http, streamable-http and ws need `url`. A server that fails is skipped with a line only `claude mcp list` shows, and its tools are missing from every session; a project `.mcp.json` whose top level is not `{"mcpServers": {...}}` loads no server at all (a plugin\'s may also be the bare server map). A `url` without `type` is read as a stdio server without a command.',
  runtime:
    '`claude mcp list` reports "Skipped — MCP server \\"x\\" has a \\"url\\" but no \\"type\\"" and does not list the server; a file without the `mcpServers` wrapper lists no server.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['mcp'],
  messages: {
    serversKey:
      'Unexpected a top-level `servers` key, expected `{"mcpServers": {<name>: {...}}}` (Claude Code loads no server from this file)',
    unwrapped:
      'Unexpected servers without the `mcpServers` wrapper, expected `{"mcpServers": {<name>: {...}}}` (Claude Code loads no server from this file)',
    notServerMap: 'Unexpected {{value}}, expected `{"mcpServers": {<name>: {...}}}` (Claude Code loads no server from this file)',
    serverType: '{{problem}} (Claude Code skips this server)',
    schema: '{{problem}} (Claude Code skips this server)',
  },
  check({ file, report }) {
    const value = file.json?.value
    if (value === undefined) return
    // A plugin's file may also be the bare server map (claude plugin validate reads both); a project's must be wrapped.
    const bare = file.scope.kind === 'plugin' && isRecord(value) && !('mcpServers' in value)
    if (!bare && (!isRecord(value) || !isRecord(value.mcpServers))) {
      const servers = isRecord(value) && 'servers' in value && !('mcpServers' in value)
      const at =
        isRecord(value) && 'mcpServers' in value
          ? jsonValueSpan(file, ['mcpServers'])
          : servers
            ? jsonKeySpan(file, ['servers'])
            : jsonRootSpan(file)
      if (servers) report({ messageId: 'serversKey', at })
      else if (isRecord(value) && !('mcpServers' in value)) report({ messageId: 'unwrapped', at })
      else report({ messageId: 'notServerMap', data: { value: show(isRecord(value) ? value.mcpServers : value) }, at })
      return
    }
    const prefix: Path = bare ? [] : ['mcpServers']
    const servers = (bare ? value : value.mcpServers) as Record<string, unknown>
    const reported = new Set<string>()
    for (const [name, server] of Object.entries(servers)) {
      const problem = serverTypeProblem(name, server)
      if (!problem) continue
      reported.add(name)
      report({
        messageId: 'serverType',
        data: { problem: problem.message },
        at: problem.atType ? jsonValueSpan(file, [...prefix, name, 'type']) : jsonKeySpan(file, [...prefix, name]),
      })
    }
    const validate = validatorFor('mcp.schema.json')
    const wrapped = { mcpServers: servers }
    if (validate(wrapped)) return
    for (const problem of describeSchemaErrors(validate.errors, wrapped)) {
      if (problem.path[0] === 'mcpServers' && reported.has(String(problem.path[1]))) continue
      const path = [...prefix, ...problem.path.slice(1)]
      const message = bare ? problem.message.replace(/`mcpServers\./g, '`') : problem.message
      report({ messageId: 'schema', data: { problem: message }, at: jsonProblemSpan(file, { ...problem, path }) })
    }
  },
})
