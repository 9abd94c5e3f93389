// Fix rounds resume the writer (backend-orchestrator section 11), run in the real pinned CLI in both install modes. A
// scripted model plays the orchestrator (main thread, `--agent`) and backend-developer on the sample Go service: the
// orchestrator dispatches the implementation, reads the `agentId` from the launch result, waits for the result, then
// sends fix round 1 with `SendMessage` to that id. What is tested is that the protocol is executable as the pack writes
// it, not the model's judgement: SendMessage reaches the orchestrator through its `tools:`, the send resumes the same
// agent (no second spawn) with its first round still in its conversation and the same tools, the resumed round's answer
// comes back as a task notification, and both rounds' commits exist with the subjects the protocol prescribes.

import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  REPO_ROOT,
  installProjectCopy,
  makeTempRepo,
  pluginCopy,
  runClaude,
  type ClaudeRunResult,
} from '../../scripts/harness/claude-cli.ts'
import { text, toolUses, type MessagesRequestBody, type ScriptReply } from '../../scripts/harness/messages-api.ts'
import {
  allText,
  firstUserText,
  isMainThreadRequest,
  isSubagentRequest,
  messagesRequests,
  taskNotifications,
  toolRoundTrips,
} from '../../scripts/harness/observe.ts'
import { ORCHESTRATOR, idFor, readPack, type InstallMode } from '../../scripts/harness/pack.ts'
import { git as runGit } from '../git-env.ts'

const MODES: InstallMode[] = ['project', 'plugin']
const SLUG = 'order-cancellation'
const SAMPLE = path.join(REPO_ROOT, 'tests', 'fixtures-cli', 'sample-service')
const DEVELOPER = 'backend-developer'
const FILE = 'internal/orders/cancel_handler.go'
const FIX_OBJECTIVE = 'Objective: resolve these findings in internal/orders/cancel_handler.go; change nothing else.'
const FIRST_ROUND_REPLY = 'CancelByID added.'

const bash = (command: string, description: string) => ({ name: 'Bash', input: { command, description } })
const commitAs = (subject: string) =>
  bash(`git add -- ${FILE} && git -c user.email=t@example.com -c user.name=t commit -q -m "${subject}" -- ${FILE}`, subject)

function resultJson(summary: string, hash: string): string {
  return JSON.stringify({
    status: 'complete',
    agent: DEVELOPER,
    summary,
    files_created: [FILE],
    files_modified: [],
    verification: { commands: [{ command: 'gofmt -l .', exit_code: 0 }] },
    commits: [hash],
  })
}

function lastResult(b: MessagesRequestBody, description: string): string {
  return (
    toolRoundTrips(b)
      .filter((t) => (t.input as { description?: string }).description === description)
      .at(-1)?.result?.text ?? ''
  )
}

/** backend-developer: round 1 writes and commits the handler; the resumed round fixes and commits it again. */
function developer(b: MessagesRequestBody): ScriptReply {
  const fixing = allText(b).includes(FIX_OBJECTIVE)
  const subject = fixing ? `${SLUG}: implementation fix 1 (${DEVELOPER})` : `${SLUG}: implementation (${DEVELOPER})`
  if (!lastResult(b, subject)) {
    const body = fixing
      ? 'package orders\n\n// CancelByID cancels an order; a lookup error is wrapped with the id.\nfunc CancelByID() {}\n'
      : 'package orders\n\n// CancelByID cancels an order.\nfunc CancelByID() {}\n'
    return toolUses(
      bash(`cat > ${FILE} <<'EOF'\n${body}EOF`, fixing ? 'write-fix' : 'write'),
      commitAs(subject),
      bash('git rev-parse HEAD', 'head'),
    )
  }
  const hash = lastResult(b, 'head').trim()
  return text(`${fixing ? 'Fixed.' : FIRST_ROUND_REPLY}\n\n\`\`\`json\n${resultJson(subject, hash)}\n\`\`\``)
}

function dispatchPrompt(base: string): string {
  return [
    `Objective: implement CancelByID per docs/design/${SLUG}.md section 3.`,
    `Feature: ${SLUG}   Phase: implementation   Iteration: 1 of 4   BASE: ${base}`,
    `Scope: you own ${FILE}. Do not touch template.yaml.`,
    `Done when: gofmt -l . prints nothing`,
    `Commit: "${SLUG}: implementation (${DEVELOPER})"`,
    'Progress: none',
    'Return: the specialist-result JSON block and a reply under 15 lines.',
  ].join('\n')
}

const FIX_PROMPT = [
  FIX_OBJECTIVE,
  'Findings: high, internal/orders/cancel_handler.go:4, the lookup error loses the order id.',
  `Iteration: 2 of 4 for this phase. Previous attempts: round 1 (${SLUG}: implementation).`,
  'Done when: gofmt -l . prints nothing.',
  `Commit: "${SLUG}: implementation fix 1 (${DEVELOPER})" with the files you changed.`,
  'Progress: none',
  'Return: the specialist-result JSON block and a reply under 15 lines.',
].join('\n')

/** The orchestrator: dispatch, wait, resume the same agent for fix round 1, wait, check the log, finish. */
function orchestrator(mode: InstallMode, base: string, b: MessagesRequestBody): ScriptReply {
  const trips = toolRoundTrips(b)
  const launch = trips.find((t) => t.name === 'Agent')
  const send = trips.find((t) => t.name === 'SendMessage')
  const notified = new Set(taskNotifications(b).map((n) => n.toolUseId))
  if (!launch) {
    return toolUses({
      name: 'Agent',
      input: { subagent_type: idFor(mode, DEVELOPER), description: 'Implement CancelByID', prompt: dispatchPrompt(base) },
    })
  }
  if (!notified.has(launch.id)) return text('Waiting for the implementation result.')
  if (!send) {
    const agentId = /agentId: (\S+)/.exec(launch.result?.text ?? '')?.[1] ?? 'agent-id-not-found'
    return toolUses({ name: 'SendMessage', input: { to: agentId, summary: 'implementation fix round 1', message: FIX_PROMPT } })
  }
  if (!notified.has(send.id)) return text('Waiting for fix round 1.')
  if (!trips.some((t) => t.name === 'Bash')) return toolUses(bash(`git log --format=%s ${base}..HEAD`, 'log'))
  return text('Fix round 1 committed.')
}

interface FixRun {
  run: ClaudeRunResult
  bodies: MessagesRequestBody[]
  log: string[]
}
const runs = new Map<InstallMode, FixRun>()

beforeAll(async () => {
  await Promise.all(
    MODES.map(async (mode) => {
      const copy = pluginCopy(REPO_ROOT)
      const cwd = makeTempRepo(`fix-round-${mode}`)
      try {
        const git = (...args: string[]) => runGit(cwd, ...args)
        fs.cpSync(SAMPLE, cwd, { recursive: true })
        git('add', '-A')
        git('commit', '-q', '-m', 'sample service')
        const base = git('rev-parse', 'HEAD').trim()
        const args = ['--allowedTools', 'Bash', '--agent', idFor(mode, ORCHESTRATOR)]
        if (mode === 'project') {
          await installProjectCopy(copy, cwd)
        } else args.push('--plugin-dir', copy)
        const run = await runClaude({
          cwd,
          args,
          prompt: 'Add order cancellation.',
          timeoutMs: 90_000,
          script: (b) =>
            isSubagentRequest(b) ? developer(b) : isMainThreadRequest(b) ? orchestrator(mode, base, b) : text('side request'),
        })
        const log = git('log', '--format=%s', `${base}..HEAD`).trim().split('\n').filter(Boolean)
        runs.set(mode, { run, bodies: messagesRequests(run.requests), log })
      } finally {
        fs.rmSync(path.dirname(copy), { recursive: true, force: true })
        fs.rmSync(cwd, { recursive: true, force: true })
      }
    }),
  )
}, 200_000)

function get(mode: InstallMode): FixRun {
  const r = runs.get(mode)
  if (!r) throw new Error(`no fix-round run for ${mode} mode (beforeAll failed)`)
  return r
}

const developerRequests = (mode: InstallMode) => get(mode).bodies.filter(isSubagentRequest)
const lastMain = (mode: InstallMode) => get(mode).bodies.filter(isMainThreadRequest).at(-1)!

describe('the orchestrator declares the tool its fix rounds use', () => {
  it('SendMessage is in backend-orchestrator tools:, and section 11 sends fix rounds 1 and 2 with it', () => {
    const orch = readPack(REPO_ROOT).agents.find((a) => a.name === ORCHESTRATOR)!
    expect(orch.tools).toContain('SendMessage')
    const body = fs.readFileSync(path.join(REPO_ROOT, 'agents', `${ORCHESTRATOR}.md`), 'utf8')
    expect(body).toMatch(/Fix rounds 1 and 2 resume the writer[\s\S]{0,200}`SendMessage` with `to` set to the `agentId`/)
  })
})

describe.each(MODES)('fix round resumed with SendMessage, %s mode', (mode) => {
  it('the run ends normally', () => {
    const { run } = get(mode)
    expect(run.timedOut, run.stderr).toBe(false)
    expect(run.scriptErrors).toEqual([])
    expect(run.exitCode, run.stderr).toBe(0)
  })

  it('SendMessage is offered to the orchestrator as the main thread', () => {
    const first = get(mode).bodies.find(isMainThreadRequest)!
    expect((first.tools ?? []).map((t) => t.name)).toContain('SendMessage')
  })

  it('the launch result names the agentId, and the send resumes that agent', () => {
    const trips = toolRoundTrips(lastMain(mode))
    const launch = trips.find((t) => t.name === 'Agent')!
    const agentId = /agentId: (\S+)/.exec(launch.result?.text ?? '')?.[1]
    expect(agentId, launch.result?.text).toMatch(/^a[0-9a-f]+$/)
    const send = trips.find((t) => t.name === 'SendMessage')!
    expect(send.result?.isError).toBe(false)
    expect(JSON.parse(send.result?.text ?? '{}')).toMatchObject({ success: true, resumedAgentId: agentId })
  })

  it('the resumed round is the same agent: no second spawn, its first round in context, the same tools', () => {
    const stats = get(mode).run.json?.subagent_stats as { spawned: number; by_type: Record<string, number> }
    expect(stats.spawned).toBe(1)
    expect(stats.by_type).toEqual({ [idFor(mode, DEVELOPER)]: 1 })
    const requests = developerRequests(mode)
    const first = requests[0]!
    const resumed = requests.find((b) => allText(b).includes(FIX_OBJECTIVE))!
    expect(resumed, 'a developer request carrying the fix prompt').toBeDefined()
    expect(firstUserText(resumed)).toBe(firstUserText(first))
    const conversation = allText(resumed)
    expect(conversation.indexOf(FIRST_ROUND_REPLY)).toBeGreaterThan(-1)
    expect(conversation.indexOf(FIRST_ROUND_REPLY)).toBeLessThan(conversation.indexOf(FIX_OBJECTIVE))
    expect((resumed.tools ?? []).map((t) => t.name).sort()).toEqual((first.tools ?? []).map((t) => t.name).sort())
  })

  it("the resumed round's answer arrives as a task notification for the send", () => {
    const main = lastMain(mode)
    const send = toolRoundTrips(main).find((t) => t.name === 'SendMessage')!
    const note = taskNotifications(main).find((n) => n.toolUseId === send.id)
    expect(note?.status).toBe('completed')
    expect(note?.result).toMatch(/^Fixed\./)
  })

  it('both rounds committed with the subjects the protocol prescribes, and the orchestrator saw them', () => {
    const subjects = [`${SLUG}: implementation fix 1 (${DEVELOPER})`, `${SLUG}: implementation (${DEVELOPER})`]
    expect(get(mode).log).toEqual(subjects)
    expect(lastResult(lastMain(mode), 'log').trim().split('\n')).toEqual(subjects)
  })
})
