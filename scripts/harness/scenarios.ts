// Scripted scenarios shared by the CLI tests and scripts/cost.ts.
//
// The dispatch scenario: on its first turn the main thread calls the Agent tool once per target, all in one message
// (each with the prompt "SCRIPTED-DISPATCH <target>"). 2.1.332 launches them in the background: the tool results say
// "Async agent launched successfully" (or carry the error, e.g. "Agent type 'x' not found. Available agents: …"), and
// each answer comes back later as a `<task-notification>` user message. The main thread ends its turn with "waiting"
// until every launched agent has notified, then with "SCRIPTED-END". Subagents answer "DONE <target>" at once.
// Tool-less side requests (none seen in -p, but harmless) get a short text.

import fs from 'node:fs'
import path from 'node:path'
import { installProjectCopy, makeTempDir, makeTempRepo, pluginCopy, runClaude, type ClaudeRunResult } from './claude-cli.ts'
import { text, toolUses, type MessagesRequestBody, type Script } from './messages-api.ts'
import {
  firstUserText,
  isMainThreadRequest,
  isSubagentRequest,
  messagesRequests,
  taskNotifications,
  toolRoundTrips,
  type ToolResult,
} from './observe.ts'
import type { InstallMode } from './pack.ts'

const DISPATCH = 'SCRIPTED-DISPATCH'

export function dispatchScript(targets: readonly string[]): Script {
  return (b: MessagesRequestBody) => {
    if (isSubagentRequest(b)) {
      const target = new RegExp(`${DISPATCH} (\\S+)`).exec(firstUserText(b))?.[1] ?? 'unknown'
      return text(`DONE ${target}`)
    }
    if (!isMainThreadRequest(b)) return text('side request')
    const trips = toolRoundTrips(b).filter((t) => t.name === 'Agent')
    if (trips.length === 0) {
      if (targets.length === 0) return text('SCRIPTED-END')
      return toolUses(
        ...targets.map((t) => ({ name: 'Agent', input: { description: `Dispatch ${t}`, prompt: `${DISPATCH} ${t}`, subagent_type: t } })),
      )
    }
    const launched = trips.filter((t) => t.result && !t.result.isError).length
    const notified = new Set(taskNotifications(b).map((n) => n.toolUseId)).size
    return text(notified >= launched ? 'SCRIPTED-END' : 'waiting')
  }
}

export interface DispatchOutcome {
  run: ClaudeRunResult
  /** All /v1/messages request bodies. */
  bodies: MessagesRequestBody[]
  /** The first main-thread request (listings, main system prompt, main tools). */
  firstMain: MessagesRequestBody | undefined
  /** The last main-thread request (holds every tool result and notification). */
  lastMain: MessagesRequestBody | undefined
  /** Each dispatch target's Agent tool result. */
  launch: Map<string, ToolResult | undefined>
  /** Each dispatch target's first subagent request, when it was spawned. */
  subagent: Map<string, MessagesRequestBody>
  cwd: string
}

export interface DispatchOptions {
  mode: InstallMode
  /** A pack root with agents/ and skills/ (and .claude-plugin/ for plugin mode). */
  packRoot: string
  targets: readonly string[]
  /** Run with `--agent <id>` as the main thread. */
  mainAgent?: string
  /** Change the temp copy of the pack before the run (e.g. add or remove catalog.json). */
  mutate?: (packCopy: string) => void
  /** Change what `backend-team install` wrote (project mode), e.g. to put back what the installer rewrites. */
  afterInstall?: (claudeDir: string) => void
  timeoutMs?: number
}

/** Copies the pack to a temp dir (so tests never touch the checkout), installs it in the given mode and runs. */
export async function runDispatch(opts: DispatchOptions): Promise<DispatchOutcome> {
  const copy = pluginCopy(opts.packRoot)
  opts.mutate?.(copy)
  const cwd = makeTempRepo(`${opts.mode}`)
  const args: string[] = []
  if (opts.mode === 'project') {
    await installProjectCopy(copy, cwd)
    opts.afterInstall?.(path.join(cwd, '.claude'))
  } else args.push('--plugin-dir', copy)
  if (opts.mainAgent) args.push('--agent', opts.mainAgent)
  try {
    const run = await runClaude({ cwd, args, script: dispatchScript(opts.targets), timeoutMs: opts.timeoutMs ?? 40_000 })
    const bodies = messagesRequests(run.requests)
    const mains = bodies.filter(isMainThreadRequest)
    const lastMain = mains[mains.length - 1]
    const launch = new Map<string, ToolResult | undefined>()
    const trips = lastMain ? toolRoundTrips(lastMain).filter((t) => t.name === 'Agent') : []
    for (const t of opts.targets) {
      launch.set(t, trips.find((x) => (x.input as { subagent_type?: string }).subagent_type === t)?.result)
    }
    const subagent = new Map<string, MessagesRequestBody>()
    for (const b of bodies.filter(isSubagentRequest)) {
      const target = new RegExp(`${DISPATCH} (\\S+)`).exec(firstUserText(b))?.[1]
      if (target && !subagent.has(target)) subagent.set(target, b)
    }
    return { run, bodies, firstMain: mains[0], lastMain, launch, subagent, cwd }
  } finally {
    fs.rmSync(path.dirname(copy), { recursive: true, force: true })
    fs.rmSync(cwd, { recursive: true, force: true })
  }
}

/** A copy of a directory tree in a fresh temp dir (for building variants of a pack). */
export function copyTree(src: string, prefix: string): string {
  const dir = makeTempDir(prefix)
  fs.cpSync(src, dir, { recursive: true })
  return dir
}

export function listFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else out.push(p)
    }
  }
  if (fs.existsSync(dir)) walk(dir)
  return out.sort()
}
