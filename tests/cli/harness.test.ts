// The harness itself: the scripted Messages API speaks the wire format the CLI expects, records everything, stops by
// itself; the CLI binary is found through the platform package or the error says to run `npm ci`.

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PINNED_CLI_VERSION, claudeBinary, makeTempDir } from '../../scripts/harness/claude-cli.ts'
import { startMessagesApi, text, toolUses, type MessagesRequestBody } from '../../scripts/harness/messages-api.ts'

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  })
}

function parseSse(raw: string): Array<{ event: string; data: Record<string, unknown> }> {
  return raw
    .split('\n\n')
    .filter((c) => c.trim())
    .map((chunk) => {
      const event = /^event: (.*)$/m.exec(chunk)?.[1] ?? ''
      const data = JSON.parse(/^data: (.*)$/m.exec(chunk)?.[1] ?? '{}') as Record<string, unknown>
      return { event, data }
    })
}

const REQ: MessagesRequestBody = {
  model: 'claude-test',
  max_tokens: 10,
  messages: [{ role: 'user', content: 'hi' }],
  system: [{ type: 'text', text: 'sys' }],
}

describe('scripted Messages API', () => {
  it('streams text and tool_use blocks as SSE with input_json_delta', async () => {
    const api = await startMessagesApi({
      script: () => ({
        content: [
          { type: 'text', text: 'hello world' },
          { type: 'tool_use', name: 'Agent', input: { subagent_type: 'x', prompt: 'p' } },
        ],
      }),
    })
    try {
      const res = await post(`${api.url}/v1/messages`, { ...REQ, stream: true })
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
      const events = parseSse(await res.text())
      expect(events.map((e) => e.event)).toEqual([
        'message_start',
        'content_block_start',
        'content_block_delta',
        'content_block_delta',
        'content_block_stop',
        'content_block_start',
        'content_block_delta',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ])
      const textParts = events
        .filter((e) => (e.data.delta as { type?: string })?.type === 'text_delta')
        .map((e) => (e.data.delta as { text: string }).text)
      expect(textParts.join('')).toBe('hello world')
      const json = events
        .filter((e) => (e.data.delta as { type?: string })?.type === 'input_json_delta')
        .map((e) => (e.data.delta as { partial_json: string }).partial_json)
      expect(JSON.parse(json.join(''))).toEqual({ subagent_type: 'x', prompt: 'p' })
      const start = events[5]!.data.content_block as { type: string; id: string; name: string }
      expect(start.type).toBe('tool_use')
      expect(start.name).toBe('Agent')
      expect(start.id).toMatch(/^toolu_/)
      expect((events[9]!.data.delta as { stop_reason: string }).stop_reason).toBe('tool_use')
      expect((events[0]!.data.message as { model: string }).model).toBe('claude-test')
    } finally {
      await api.close()
    }
  })

  it('answers stream:false with one JSON message, count_tokens with a number, anything else harmlessly', async () => {
    const api = await startMessagesApi({ script: () => text('plain') })
    try {
      const msg = (await (await post(`${api.url}/v1/messages`, REQ)).json()) as { content: unknown; stop_reason: string; type: string }
      expect(msg.type).toBe('message')
      expect(msg.content).toEqual([{ type: 'text', text: 'plain' }])
      expect(msg.stop_reason).toBe('end_turn')
      const count = (await (await post(`${api.url}/v1/messages/count_tokens`, REQ)).json()) as { input_tokens: number }
      expect(count.input_tokens).toBeGreaterThan(0)
      const other = await fetch(`${api.url}/api/hello`)
      expect(other.status).toBe(200)
      expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /v1/messages',
        'POST /v1/messages/count_tokens',
        'GET /api/hello',
      ])
      expect(api.requests[0]!.body).toEqual(REQ)
      expect(api.requests[0]!.headers['anthropic-version']).toBe('2023-06-01')
    } finally {
      await api.close()
    }
  })

  it('gives the script the whole request and its index', async () => {
    const seen: Array<[number, number]> = []
    const api = await startMessagesApi({
      script: (b, ctx) => {
        seen.push([ctx.index, b.messages.length])
        return ctx.index === 0 ? toolUses({ name: 'Read', input: { file_path: '/x' } }) : text('done')
      },
    })
    try {
      await post(`${api.url}/v1/messages`, REQ)
      await post(`${api.url}/v1/messages`, {
        ...REQ,
        messages: [...REQ.messages, { role: 'assistant', content: 'a' }, { role: 'user', content: 'b' }],
      })
      expect(seen).toEqual([
        [0, 1],
        [1, 3],
      ])
    } finally {
      await api.close()
    }
  })

  it('reports a throwing script as a 500 and keeps the error', async () => {
    const api = await startMessagesApi({
      script: () => {
        throw new Error('boom')
      },
    })
    try {
      const res = await post(`${api.url}/v1/messages`, REQ)
      expect(res.status).toBe(500)
      expect(api.scriptErrors.map((e) => e.message)).toEqual(['boom'])
    } finally {
      await api.close()
    }
  })

  it('stops by itself after maxRequests', async () => {
    const api = await startMessagesApi({ script: () => text('x'), maxRequests: 2 })
    expect((await post(`${api.url}/v1/messages`, REQ)).status).toBe(200)
    expect((await post(`${api.url}/v1/messages`, REQ)).status).toBe(200)
    expect((await post(`${api.url}/v1/messages`, REQ)).status).toBe(529)
    await api.closed
    expect(api.closeReason).toBe('max-requests')
  })

  it('stops by itself when idle and after its overall timeout', async () => {
    const idle = await startMessagesApi({ script: () => text('x'), idleTimeoutMs: 100 })
    await idle.closed
    expect(idle.closeReason).toBe('idle')
    const overall = await startMessagesApi({ script: () => text('x'), idleTimeoutMs: 10_000, overallTimeoutMs: 150 })
    await overall.closed
    expect(overall.closeReason).toBe('overall')
  })

  it('listens on loopback only', async () => {
    const api = await startMessagesApi({ script: () => text('x') })
    try {
      expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    } finally {
      await api.close()
    }
  })
})

describe('Claude Code binary', () => {
  it(`is the pinned ${PINNED_CLI_VERSION}, resolved through the platform package`, () => {
    const bin = claudeBinary()
    expect(bin).toContain(`${path.sep}@anthropic-ai${path.sep}claude-code-${process.platform}-`)
    const home = makeTempDir('home-version')
    try {
      const out = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 15_000, env: { PATH: process.env.PATH ?? '', HOME: home } })
      expect(out).toContain(PINNED_CLI_VERSION)
    } finally {
      fs.rmSync(home, { recursive: true, force: true })
    }
  })

  it('a missing binary is an error that says to run npm ci', () => {
    const root = makeTempDir('no-cli')
    fs.writeFileSync(path.join(root, 'package.json'), '{"name":"x","type":"module"}\n')
    try {
      expect(() => claudeBinary(root)).toThrow(/npm ci/)
      fs.mkdirSync(path.join(root, 'node_modules', '@anthropic-ai', 'claude-code'), { recursive: true })
      fs.writeFileSync(
        path.join(root, 'node_modules', '@anthropic-ai', 'claude-code', 'package.json'),
        `{"name":"@anthropic-ai/claude-code","version":"${PINNED_CLI_VERSION}"}\n`,
      )
      expect(() => claudeBinary(root)).toThrow(/platform package @anthropic-ai\/claude-code-.* is not installed\. Run `npm ci`/)
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  })
})
