// Reading the CLI's /v1/messages requests (2.1.332, probed). Shapes:
//
// request.system (array of text blocks)
//   [0] "x-anthropic-billing-header: cc_version=2.1.332.<h>; cc_entrypoint=sdk-cli;"  (+ " cc_is_subagent=true;" in a
//       subagent's requests: that is how main-thread and subagent requests are told apart)
//   [1] "You are a Claude agent, built on Anthropic's Claude Agent SDK."
//   [2] main thread without --agent: Claude Code's own long system prompt;
//       main thread with --agent X: X's markdown body, and nothing else;
//       subagent: the agent's body, then "\n\nMessages from the agent that launched you …" and a "Notes:" list.
// request.messages
//   a `role: "system"` message (the "mid-conversation system turn") holds "# Environment" (cwd, platform, model id),
//   "The following deferred tools are now available via ToolSearch. …" + one name a line (when tools are deferred),
//   "Available agent types for the Agent tool:" + one `- <id>: <description> (Tools: <as declared>)` entry per agent
//   (main thread only; with --agent and an `Agent(a, b)` allowlist, only the allowed types), and
//   "The following skills are available for use with the Skill tool:" + `- <id>: <description>` lines.
//   In a subagent the first user message carries the task prompt, then for each preloaded skill a
//   "<command-name><skill></command-name>" block and a "Base directory for this skill: <dir>\n\n<SKILL.md body>" block.
// request.tools: the tools sent with schemas; a `DeferredToolPlaceholder` stub (defer_loading: true) marks deferral.
// request.model: the resolved model id (aliases resolved, unknown strings such as gpt-4o passed through).

import type { ApiMessage, MessagesRequestBody, RecordedRequest } from './messages-api.ts'

export function messagesRequests(requests: readonly RecordedRequest[]): MessagesRequestBody[] {
  return requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages').map((r) => r.body as MessagesRequestBody)
}

export function systemBlocks(b: MessagesRequestBody): string[] {
  if (typeof b.system === 'string') return [b.system]
  return (b.system ?? []).map((s) => s.text)
}

export function isSubagentRequest(b: MessagesRequestBody): boolean {
  return /cc_is_subagent=true/.test(systemBlocks(b)[0] ?? '')
}

/** A request of the main conversation (not a subagent, not a tool-less side request). */
export function isMainThreadRequest(b: MessagesRequestBody): boolean {
  return !isSubagentRequest(b) && /x-anthropic-billing-header/.test(systemBlocks(b)[0] ?? '') && (b.tools?.length ?? 0) > 0
}

/** The prompt proper: system blocks after the billing header and the identity line, joined. */
export function systemPrompt(b: MessagesRequestBody): string {
  return systemBlocks(b).slice(2).join('\n')
}

function textOf(m: ApiMessage): string {
  if (typeof m.content === 'string') return m.content
  return m.content.map((c) => (typeof (c as { text?: unknown }).text === 'string' ? (c as { text: string }).text : '')).join('\n')
}

/** Text of the `role: "system"` messages (environment, deferred tools, agent and skill listings). */
export function contextText(b: MessagesRequestBody): string {
  return b.messages
    .filter((m) => (m.role as string) === 'system')
    .map(textOf)
    .join('\n')
}

export function firstUserText(b: MessagesRequestBody): string {
  const m = b.messages.find((x) => x.role === 'user')
  return m ? textOf(m) : ''
}

export function allText(b: MessagesRequestBody): string {
  return b.messages.map(textOf).join('\n')
}

const AGENT_LISTING_HEAD = 'Available agent types for the Agent tool:\n'
const SKILL_LISTING_HEAD = 'The following skills are available for use with the Skill tool:\n'
const DEFERRED_HEAD = 'The following deferred tools are now available via ToolSearch.'

/** The agent listing block (header to the blank line before "When you launch multiple agents"), or ''. */
export function agentListing(b: MessagesRequestBody): string {
  const t = contextText(b)
  const i = t.indexOf(AGENT_LISTING_HEAD)
  if (i < 0) return ''
  const end = t.indexOf('\n\nWhen you launch multiple agents', i)
  return t.slice(i, end < 0 ? undefined : end)
}

/** The skill listing block (header to the blank line before "Today's date"), or ''. */
export function skillListing(b: MessagesRequestBody): string {
  const t = contextText(b)
  const i = t.indexOf(SKILL_LISTING_HEAD)
  if (i < 0) return ''
  const end = t.indexOf("\n\nToday's date", i)
  return t.slice(i, end < 0 ? undefined : end)
}

/** Tools named in the "deferred tools" block of the context message. */
export function deferredTools(b: MessagesRequestBody): string[] {
  const t = contextText(b)
  const i = t.indexOf(DEFERRED_HEAD)
  if (i < 0) return []
  const lines = t.slice(i).split('\n').slice(1)
  const out: string[] = []
  for (const l of lines) {
    if (!l.trim()) {
      if (out.length) break
      continue
    }
    if (!/^[A-Za-z_][\w-]*$/.test(l.trim())) break
    out.push(l.trim())
  }
  return out
}

/** Tools available to the request: sent with a schema or named as deferred. */
export function availableTools(b: MessagesRequestBody): string[] {
  return [...new Set([...(b.tools ?? []).map((t) => t.name), ...deferredTools(b)])].sort()
}

export interface ToolResult {
  toolUseId: string
  isError: boolean
  text: string
}

/** Every tool_use the assistant sent and its tool_result, in order, from one request's conversation. */
export function toolRoundTrips(
  b: MessagesRequestBody,
): Array<{ name: string; input: unknown; id: string; result: ToolResult | undefined }> {
  const results = new Map<string, ToolResult>()
  for (const m of b.messages) {
    if (typeof m.content === 'string') continue
    for (const c of m.content) {
      if (c.type === 'tool_result') {
        const r = c as { tool_use_id: string; is_error?: boolean; content?: string | Array<{ text?: string }> }
        const text = typeof r.content === 'string' ? r.content : (r.content ?? []).map((x) => x.text ?? '').join('\n')
        results.set(r.tool_use_id, { toolUseId: r.tool_use_id, isError: r.is_error === true, text })
      }
    }
  }
  const out: Array<{ name: string; input: unknown; id: string; result: ToolResult | undefined }> = []
  for (const m of b.messages) {
    if (m.role !== 'assistant' || typeof m.content === 'string') continue
    for (const c of m.content) {
      if (c.type === 'tool_use') {
        const u = c as { id: string; name: string; input: unknown }
        out.push({ name: u.name, input: u.input, id: u.id, result: results.get(u.id) })
      }
    }
  }
  return out
}

/** `<task-notification>` blocks that have reached the main thread so far. */
export function taskNotifications(b: MessagesRequestBody): Array<{ toolUseId: string; status: string; result: string }> {
  const out: Array<{ toolUseId: string; status: string; result: string }> = []
  const re = /<task-notification>([\s\S]*?)<\/task-notification>/g
  const t = allText(b)
  for (const m of t.matchAll(re)) {
    const inner = m[1] ?? ''
    out.push({
      toolUseId: /<tool-use-id>([^<]*)<\/tool-use-id>/.exec(inner)?.[1] ?? '',
      status: /<status>([^<]*)<\/status>/.exec(inner)?.[1] ?? '',
      result: /<result>([\s\S]*?)<\/result>/.exec(inner)?.[1] ?? '',
    })
  }
  return out
}

/** Skills preloaded into a subagent's first user message: name → the text after "Base directory for this skill: …". */
export function preloadedSkills(b: MessagesRequestBody): Map<string, string> {
  const out = new Map<string, string>()
  const m = b.messages.find((x) => x.role === 'user')
  if (!m || typeof m.content === 'string') return out
  const blocks = m.content.map((c) => (typeof (c as { text?: unknown }).text === 'string' ? (c as { text: string }).text : ''))
  blocks.forEach((t, i) => {
    const name = /<command-name>([^<]*)<\/command-name>/.exec(t)?.[1]
    const next = blocks[i + 1]
    if (name && next !== undefined && next.startsWith('Base directory for this skill:')) {
      out.set(name, next.replace(/^Base directory for this skill:[^\n]*\n\n?/, ''))
    }
  })
  return out
}

/**
 * Complaints Claude Code logs at DEBUG level only (invalid field values, skipped files, duplicates), seen in
 * the reference probes: `has invalid effort|maxTurns|memory|background|isolation|permissionMode …`, `Failed to parse agent
 * from …`, `Missing required "name"`, `Invalid hooks in agent …`, `Duplicate agent name …`, `skipping … exceeds …`.
 */
const DEBUG_COMPLAINTS =
  /has invalid |Failed to parse|Missing required|Invalid hooks|Duplicate agent name|Description invalid|skipping .*exceeds|not recognized|is ignored|ignoring it/

/** Debug-log lines at WARN or ERROR level, and DEBUG lines that complain about a file. */
export function complaintLines(debugLog: string): string[] {
  return debugLog.split('\n').filter((l) => /\[(WARN|ERROR)\]/.test(l) || DEBUG_COMPLAINTS.test(l))
}

/** Debug-log lines at WARN or ERROR level. */
export function warningLines(debugLog: string): string[] {
  return debugLog.split('\n').filter((l) => /\[(WARN|ERROR)\]/.test(l))
}

/** Collapse whitespace, for comparing bodies after Claude Code's trimming. */
export function normalise(s: string): string {
  return s
    .replace(/\r\n/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .trim()
}
