// A scripted Anthropic Messages API on loopback, for driving the real Claude Code CLI offline.
//
// - POST /v1/messages answers with SSE (stream: true) or one JSON message (stream: false).
// - POST /v1/messages/count_tokens answers {input_tokens} from a chars/4 estimate of the body.
// - Anything else gets a harmless `{}` (200), so probes such as HEAD / or GET /api/... never hang.
// - Every request is recorded (method, path, a few headers, parsed body).
// - The reply to /v1/messages comes from `script(request, ctx)`, which sees the whole request (system, tools, every
//   message), so a scripted model can decide from the conversation so far.
// - Bounded: at most `maxRequests` requests (later ones get HTTP 529 and the server closes), an idle timeout and an
//   overall timeout; on any of them the server closes itself and `closed` resolves.
//
// Telling requests apart (2.1.332, probed; details in ./observe.ts and ./README.md): the first system block is the
// billing header "x-anthropic-billing-header: cc_version=…; cc_entrypoint=sdk-cli;", which a subagent's requests end
// with " cc_is_subagent=true;". The main thread's requests carry the agent and skill listings in a role:"system"
// message; a subagent's system prompt (third system block) starts with its agent body. In -p runs the CLI sent only
// POST /v1/messages (no count_tokens, no side requests for titles or quota).

import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type TextBlock = { type: 'text'; text: string }
export type ToolUseBlock = { type: 'tool_use'; id: string; name: string; input: unknown }
export type ToolResultBlock = {
  type: 'tool_result'
  tool_use_id: string
  content?: string | Array<{ type: string; text?: string }>
  is_error?: boolean
}
export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock | { type: string; [k: string]: unknown }

export interface ApiMessage {
  role: 'user' | 'assistant'
  content: string | ContentBlock[]
}

export interface ApiTool {
  name: string
  description?: string
  input_schema?: unknown
  [k: string]: unknown
}

export interface MessagesRequestBody {
  model: string
  max_tokens?: number
  stream?: boolean
  system?: string | TextBlock[]
  messages: ApiMessage[]
  tools?: ApiTool[]
  [k: string]: unknown
}

export interface RecordedRequest {
  seq: number
  method: string
  path: string
  headers: Record<string, string>
  body: unknown
  at: number
}

/** What the scripted model answers. `tool_use` ids are filled in when left out. */
export interface ScriptReply {
  content: Array<TextBlock | { type: 'tool_use'; id?: string; name: string; input: unknown }>
  stop_reason?: 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence'
}

export interface ScriptContext {
  /** Index of this /v1/messages request among all /v1/messages requests (0-based). */
  index: number
  /** Every request recorded so far, this one included. */
  all: readonly RecordedRequest[]
}

export type Script = (req: MessagesRequestBody, ctx: ScriptContext) => ScriptReply | Promise<ScriptReply>

export interface MessagesApiOptions {
  script: Script
  /** Requests of any kind after which the server answers 529 and closes. Default 200. */
  maxRequests?: number
  /** Close after this long without a request. Default 30 s. */
  idleTimeoutMs?: number
  /** Close after this long in any case. Default 60 s. */
  overallTimeoutMs?: number
}

export interface MessagesApi {
  url: string
  port: number
  requests: RecordedRequest[]
  /** Why the server closed, once it has: 'closed' | 'idle' | 'overall' | 'max-requests'. */
  closeReason: string | undefined
  /** Errors thrown by the script (the request got a 500 and the CLI sees an API error). */
  scriptErrors: Error[]
  close(): Promise<void>
  closed: Promise<void>
}

const KEPT_HEADERS = ['content-type', 'anthropic-version', 'anthropic-beta', 'user-agent', 'x-app', 'x-api-key']

let toolUseCounter = 0
function newToolUseId(): string {
  toolUseCounter += 1
  return `toolu_scripted_${process.pid}_${toolUseCounter.toString().padStart(4, '0')}`
}

export function text(t: string): ScriptReply {
  return { content: [{ type: 'text', text: t }], stop_reason: 'end_turn' }
}

export function toolUses(...calls: Array<{ name: string; input: unknown }>): ScriptReply {
  return { content: calls.map((c) => ({ type: 'tool_use' as const, name: c.name, input: c.input })), stop_reason: 'tool_use' }
}

function estimateTokens(value: unknown): number {
  return Math.ceil(JSON.stringify(value ?? '').length / 4)
}

function materialise(reply: ScriptReply): { content: Array<TextBlock | ToolUseBlock>; stop_reason: string } {
  const content = reply.content.map((b) =>
    b.type === 'tool_use' ? { type: 'tool_use' as const, id: b.id ?? newToolUseId(), name: b.name, input: b.input } : b,
  )
  const stop_reason = reply.stop_reason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn')
  return { content, stop_reason }
}

function sse(res: http.ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
}

function writeStream(
  res: http.ServerResponse,
  id: string,
  model: string,
  content: Array<TextBlock | ToolUseBlock>,
  stopReason: string,
  inputTokens: number,
): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'close' })
  const usage = { input_tokens: inputTokens, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }
  sse(res, 'message_start', {
    type: 'message_start',
    message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage },
  })
  content.forEach((block, index) => {
    if (block.type === 'text') {
      sse(res, 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } })
      // Two deltas, so the client's concatenation is exercised.
      const mid = Math.floor(block.text.length / 2)
      for (const part of [block.text.slice(0, mid), block.text.slice(mid)]) {
        if (part) sse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: part } })
      }
    } else {
      sse(res, 'content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
      })
      const json = JSON.stringify(block.input ?? {})
      const mid = Math.floor(json.length / 2)
      for (const part of [json.slice(0, mid), json.slice(mid)]) {
        sse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } })
      }
    }
    sse(res, 'content_block_stop', { type: 'content_block_stop', index })
  })
  sse(res, 'message_delta', {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: Math.max(1, estimateTokens(content)) },
  })
  sse(res, 'message_stop', { type: 'message_stop' })
  res.end()
}

export async function startMessagesApi(opts: MessagesApiOptions): Promise<MessagesApi> {
  const maxRequests = opts.maxRequests ?? 200
  const idleTimeoutMs = opts.idleTimeoutMs ?? 30_000
  const overallTimeoutMs = opts.overallTimeoutMs ?? 60_000
  const requests: RecordedRequest[] = []
  const scriptErrors: Error[] = []
  let messagesIndex = 0
  let closeReason: string | undefined
  let resolveClosed!: () => void
  const closed = new Promise<void>((r) => (resolveClosed = r))

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks).toString('utf8'))
    })
  })
  server.keepAliveTimeout = 1_000
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000

  let idleTimer: NodeJS.Timeout | undefined
  const armIdle = () => {
    if (idleTimer) clearTimeout(idleTimer)
    idleTimer = setTimeout(() => void shutdown('idle'), idleTimeoutMs)
    idleTimer.unref()
  }
  const overallTimer = setTimeout(() => void shutdown('overall'), overallTimeoutMs)
  overallTimer.unref()

  let shutdownPromise: Promise<void> | undefined
  function shutdown(reason: string): Promise<void> {
    if (shutdownPromise) return shutdownPromise
    closeReason = reason
    if (idleTimer) clearTimeout(idleTimer)
    clearTimeout(overallTimer)
    shutdownPromise = new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }).then(() => resolveClosed())
    return shutdownPromise
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
    armIdle()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    let body: unknown = raw
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      // keep the raw text
    }
    const headers: Record<string, string> = {}
    for (const h of KEPT_HEADERS) {
      const v = req.headers[h]
      if (typeof v === 'string') headers[h] = h === 'x-api-key' ? '<redacted>' : v
    }
    const rec: RecordedRequest = { seq: requests.length, method: req.method ?? 'GET', path: url.pathname, headers, body, at: Date.now() }
    requests.push(rec)

    if (requests.length > maxRequests) {
      res.writeHead(529, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'scripted API: request limit reached' } }))
      void shutdown('max-requests')
      return
    }

    if (req.method === 'POST' && url.pathname === '/v1/messages/count_tokens') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ input_tokens: estimateTokens(body) }))
      return
    }

    if (req.method === 'POST' && url.pathname === '/v1/messages') {
      const b = body as MessagesRequestBody
      const index = messagesIndex++
      let reply: ScriptReply
      try {
        reply = await opts.script(b, { index, all: requests })
      } catch (err) {
        scriptErrors.push(err as Error)
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: `scripted API: ${(err as Error).message}` } }))
        return
      }
      const { content, stop_reason } = materialise(reply)
      const id = `msg_scripted_${rec.seq}`
      const model = typeof b?.model === 'string' ? b.model : 'claude-scripted'
      const inputTokens = estimateTokens(b)
      if (b?.stream) {
        writeStream(res, id, model, content, stop_reason, inputTokens)
      } else {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            id,
            type: 'message',
            role: 'assistant',
            model,
            content,
            stop_reason,
            stop_sequence: null,
            usage: { input_tokens: inputTokens, output_tokens: Math.max(1, estimateTokens(content)) },
          }),
        )
      }
      return
    }

    // Anything else (HEAD /, GET /api/..., telemetry): harmless and empty.
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(req.method === 'HEAD' ? undefined : '{}')
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  armIdle()
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get closeReason() {
      return closeReason
    },
    scriptErrors,
    close: () => shutdown('closed'),
    closed,
  }
}
