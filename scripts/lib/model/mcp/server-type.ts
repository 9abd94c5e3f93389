// How Claude Code 2.1.332 picks an MCP server's shape before it checks the fields: the `type` string (stdio when
// absent) selects one of stdio, sse, http, streamable-http, ws; `sdk` and `claudeai-proxy` are refused in files.
import { isRecord } from '../plugin-fields.ts'

export const SERVER_TYPES = ['stdio', 'sse', 'http', 'streamable-http', 'ws'] as const

const refusedInFiles: Record<string, string> = {
  sdk: 'only an SDK host application registers `sdk` servers',
  'claudeai-proxy': 'only claude.ai connectors use `claudeai-proxy`',
}

/** The problem that makes Claude Code skip the server before its fields are read, or null. */
export function serverTypeProblem(name: string, server: unknown): { message: string; atType: boolean } | null {
  if (!isRecord(server)) return null
  const type = server.type
  if (type === undefined) {
    if ('url' in server && !('command' in server)) {
      return {
        message: `Unexpected server \`${name}\` with a \`url\` and no \`type\`, expected \`"type": "http"\` (or \`sse\`, \`ws\`) beside the url (without it the server is read as stdio and lacks a command)`,
        atType: false,
      }
    }
    return null
  }
  if (typeof type !== 'string') return null
  if (refusedInFiles[type])
    return {
      message: `Unexpected type \`${type}\` for server \`${name}\`, expected one of ${SERVER_TYPES.map((t) => `\`${t}\``).join(', ')} (${refusedInFiles[type]})`,
      atType: true,
    }
  if (!(SERVER_TYPES as readonly string[]).includes(type)) {
    return {
      message: `Unexpected type \`${type}\` for server \`${name}\`, expected one of ${SERVER_TYPES.map((t) => `\`${t}\``).join(', ')}`,
      atType: true,
    }
  }
  return null
}
