// Claude Code reads plugin.json and hooks.json with JSON.parse: one stray comma and the whole plugin fails to load.
import { defineCheck } from '../engine/check.ts'
import { offsetSpan } from '../check-support/locate.ts'

const consequence = {
  'plugin-manifest': 'Claude Code does not load this plugin at all',
  hooks: 'Claude Code does not load this plugin at all',
  marketplace: '`/plugin marketplace add` rejects the marketplace',
  catalog: 'the generator cannot read it',
  settings: 'Claude Code skips this whole settings file: every hook, permission and env value in it',
  mcp: 'Claude Code loads no MCP server from this file',
  monitors: 'Claude Code loads no monitor from this file',
  lsp: 'Claude Code starts no LSP server from this file',
} as const

export default defineCheck({
  id: 'file/json-syntax',
  description:
    'Plugin manifests, marketplaces, hooks files, settings files, MCP server files, plugin monitors and LSP files and catalogs that are not valid JSON',
  rationale:
    'Claude Code parses plugin.json and hooks/hooks.json with JSON.parse: a comment, a trailing comma or a missing quote breaks the whole plugin load (agents, skills, commands and hooks alike), with a message only in the debug log. A settings file that does not parse is skipped whole (`[ERROR] Invalid setting skipped … Invalid or malformed JSON`). A duplicate key parses, but only the last value counts.',
  runtime: '`claude plugin validate` fails with "Invalid JSON syntax" on a plugin.json with a trailing comma.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['plugin-manifest', 'marketplace', 'hooks', 'catalog', 'settings', 'mcp', 'monitors', 'lsp'],
  messages: {
    invalid: 'Unexpected invalid JSON: {{problem}}, expected strict JSON ({{consequence}})',
    duplicateKey: 'Unexpected duplicate key `{{key}}`, expected each key once (JSON.parse keeps only the last value)',
  },
  check({ file, report }) {
    const json = file.json
    const first = json?.errors[0]
    if (!json || !first) return
    const kind = file.kind as keyof typeof consequence
    if (json.value === undefined) {
      report({
        messageId: 'invalid',
        data: { problem: first.message, consequence: consequence[kind] },
        at: offsetSpan(file, first.start, first.end),
      })
    } else if (/unique/.test(first.message)) {
      const key = /"(?:[^"\\]|\\.)*"/y
      key.lastIndex = first.start
      const end = key.exec(file.text) ? key.lastIndex : first.end
      report({
        messageId: 'duplicateKey',
        data: { key: file.text.slice(first.start + 1, end - 1) },
        at: offsetSpan(file, first.start, end),
      })
    }
  },
})
