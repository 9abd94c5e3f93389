// /backend-team:backend (commands/backend.md) in the pinned CLI: a forked slash command whose agent is the plugin's
// orchestrator (install rewrites it to the bare name for a copy, where it is /backend). It must run with the orchestrator's prompt, tools and preloaded skills, dispatch a specialist, and stay
// out of the model's skill listing (user entry only, no listing cost). A bare agent name would silently fall back to
// general-purpose, which the second case pins down.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, installProjectCopy, makeTempRepo, pluginCopy, runClaude } from '../../scripts/harness/claude-cli.ts'
import { text, toolUses, type MessagesRequestBody } from '../../scripts/harness/messages-api.ts'

const copies: string[] = []
afterAll(() => {
  for (const dir of copies) fs.rmSync(path.dirname(dir), { recursive: true, force: true })
})

function pluginWithCommand(body?: string): string {
  const dir = pluginCopy(REPO_ROOT)
  copies.push(dir)
  fs.mkdirSync(path.join(dir, 'commands'), { recursive: true })
  const source = fs.readFileSync(path.join(REPO_ROOT, 'commands', 'backend.md'), 'utf8')
  fs.writeFileSync(path.join(dir, 'commands', 'backend.md'), body ?? source)
  return dir
}

const systemText = (req: MessagesRequestBody): string =>
  Array.isArray(req.system) ? req.system.map((b) => (b as { text?: string }).text ?? '').join('\n') : String(req.system ?? '')
const isOrchestrator = (req: MessagesRequestBody): boolean => systemText(req).includes('# Backend orchestrator')

describe('the /backend-team:backend command', () => {
  it('runs the orchestrator with its own tools and skills, and dispatches a specialist', async () => {
    const plugin = pluginWithCommand()
    let dispatched = false
    const run = await runClaude({
      cwd: makeTempRepo('cmd'),
      args: ['--plugin-dir', plugin],
      prompt: '/backend-team:backend add order cancellation',
      script: (req) => {
        if (isOrchestrator(req) && !dispatched) {
          dispatched = true
          return toolUses({
            name: 'Agent',
            input: { subagent_type: 'backend-team:backend-architect', description: 'design', prompt: 'Reply ok' },
          })
        }
        return text('ok')
      },
    })
    expect(run.exitCode).toBe(0)
    const first = run.requests[0]!.body as MessagesRequestBody
    expect(isOrchestrator(first)).toBe(true)
    expect(JSON.stringify(first.messages)).toContain('Run this backend feature as a managed run: add order cancellation')
    const tools = (first.tools ?? []).map((t: { name: string }) => t.name)
    expect(tools).toContain('Agent')
    expect(tools).not.toContain('Write')
    expect(tools).not.toContain('Edit')
    expect(run.debugLog).toContain('Executing forked slash command /backend-team:backend with agent backend-team:backend-orchestrator')
    expect(run.debugLog).toContain("[Agent: backend-team:backend-orchestrator] Preloaded skill 'orchestrating-multi-agent-workflows'")
    expect((run.json?.subagent_stats as { by_type?: Record<string, number> } | undefined)?.by_type).toEqual({
      'backend-team:backend-architect': 1,
    })
  }, 90_000)

  it('copied by install into .claude/commands, runs the bare-named orchestrator as /backend', async () => {
    const cwd = makeTempRepo('cmd')
    await installProjectCopy(REPO_ROOT, cwd)
    expect(fs.readFileSync(path.join(cwd, '.claude', 'commands', 'backend.md'), 'utf8')).toContain('\nagent: backend-orchestrator\n')
    const run = await runClaude({ cwd, prompt: '/backend add order cancellation', script: () => text('ok') })
    expect(run.exitCode).toBe(0)
    expect(isOrchestrator(run.requests[0]!.body as MessagesRequestBody)).toBe(true)
    expect(run.debugLog).toContain('Executing forked slash command /backend with agent backend-orchestrator')
  }, 90_000)

  it('is not offered to the model, so it adds nothing to the skill listing', async () => {
    const run = await runClaude({
      cwd: makeTempRepo('cmd'),
      args: ['--plugin-dir', pluginWithCommand()],
      prompt: 'hello',
      script: () => text('ok'),
    })
    expect(run.exitCode).toBe(0)
    const messages = JSON.stringify((run.requests[0]!.body as MessagesRequestBody).messages)
    expect(messages).toContain('The following skills are available')
    expect(messages).not.toContain('backend-team:backend:')
  }, 90_000)

  it('with a bare agent name falls back to general-purpose in plugin mode (why the file names backend-team:)', async () => {
    const source = fs.readFileSync(path.join(REPO_ROOT, 'commands', 'backend.md'), 'utf8')
    const bare = source.replace('agent: backend-team:backend-orchestrator', 'agent: backend-orchestrator')
    expect(bare).not.toBe(source)
    const run = await runClaude({
      cwd: makeTempRepo('cmd'),
      args: ['--plugin-dir', pluginWithCommand(bare)],
      prompt: '/backend-team:backend x',
      script: () => text('ok'),
    })
    expect(run.exitCode).toBe(0)
    expect(isOrchestrator(run.requests[0]!.body as MessagesRequestBody)).toBe(false)
    expect(run.debugLog).toContain("agent 'backend-orchestrator' is not available as a fork base, running on 'general-purpose'")
  }, 90_000)
})
