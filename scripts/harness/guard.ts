// The Bash guard scenario (hooks/bash-guard.mjs) in the real CLI: pack agents issue scripted Bash calls and the tests
// read what each call returned. Bash is allowed by the session's own permissions (`--allowedTools Bash`), so any refusal
// comes from the guard, and its reason names it.
//
// In project mode `backend-team install` copies the guard's scripts to `.claude/backend-team/hooks/` and registers
// them in `.claude/settings.json`, as it does for a user.

import fs from 'node:fs'
import path from 'node:path'
import { installFromMarketplace, installProjectCopy, makeTempRepo, pluginCopy, runClaude, type ClaudeRunResult } from './claude-cli.ts'
import { text, toolUses, type MessagesRequestBody, type Script } from './messages-api.ts'
import { firstUserText, isMainThreadRequest, isSubagentRequest, messagesRequests, taskNotifications, toolRoundTrips } from './observe.ts'
import type { InstallMode } from './pack.ts'

const CASE = 'GUARD-CASE'
/** What one agent ran: each command and the tool result it got back. */
export type CommandResults = Map<string, { isError: boolean; text: string }>

export interface GuardOutcome {
  run: ClaudeRunResult
  /** Every /v1/messages request body. */
  bodies: MessagesRequestBody[]
  /** By agent label (a dispatched agent's id, or `main` for the main thread). */
  results: Map<string, CommandResults>
  /** The temporary repository the CLI ran in; removed by `cleanup()`. */
  cwd: string
  /** The HOME the plugin was installed into from the marketplace; removed by `cleanup()`. */
  home?: string
  cleanup(): void
}

export interface GuardOptions {
  mode: InstallMode
  packRoot: string
  /** Commands the main thread runs itself (as `--agent <mainAgent>` when given). */
  main: readonly string[]
  mainAgent?: string
  /** Agents the main thread dispatches, each with the commands it runs, in order, in one message. */
  dispatch?: Record<string, readonly string[]>
  /** The prompt (a slash command, say); the script's main-thread turns run `main` whatever it is. */
  prompt?: string
  /** Plugin mode only: install the copy as a user does, from a marketplace (the copy's own marketplace.json). */
  marketplace?: boolean
  /** Changes the temporary copy of the pack before it is installed. */
  mutate?: (packCopy: string) => void
  /** Prepares the repository before the run (files, commits). */
  prepare?: (cwd: string) => void
  env?: Record<string, string>
}

function script(opts: GuardOptions): Script {
  const dispatch = opts.dispatch ?? {}
  return (b: MessagesRequestBody) => {
    const trips = toolRoundTrips(b)
    if (isSubagentRequest(b)) {
      const who = new RegExp(`${CASE} (\\S+)`).exec(firstUserText(b))?.[1] ?? ''
      if (trips.length === 0)
        return toolUses(...(dispatch[who] ?? []).map((command) => ({ name: 'Bash', input: { command, description: 'guard case' } })))
      return text(`DONE ${who}`)
    }
    if (!isMainThreadRequest(b)) return text('side request')
    if (trips.length === 0) {
      return toolUses(
        ...opts.main.map((command) => ({ name: 'Bash', input: { command, description: 'guard case' } })),
        ...Object.keys(dispatch).map((id) => ({
          name: 'Agent',
          input: { description: `guard ${id}`, prompt: `${CASE} ${id}`, subagent_type: id },
        })),
      )
    }
    const launched = trips.filter((t) => t.name === 'Agent' && t.result && !t.result.isError).length
    return text(new Set(taskNotifications(b).map((n) => n.toolUseId)).size >= launched ? 'SCRIPTED-END' : 'waiting')
  }
}

function bashResults(body: MessagesRequestBody | undefined): CommandResults {
  const out: CommandResults = new Map()
  for (const t of body ? toolRoundTrips(body) : []) {
    if (t.name !== 'Bash' || !t.result) continue
    out.set((t.input as { command: string }).command, { isError: t.result.isError, text: t.result.text })
  }
  return out
}

export async function runGuard(opts: GuardOptions): Promise<GuardOutcome> {
  const copy = pluginCopy(opts.packRoot)
  opts.mutate?.(copy)
  const cwd = makeTempRepo(`guard-${opts.mode}`)
  let home: string | undefined
  const cleanup = () => {
    for (const dir of [path.dirname(copy), cwd, home]) if (dir) fs.rmSync(dir, { recursive: true, force: true })
  }
  try {
    const args = ['--allowedTools', 'Bash']
    if (opts.mode === 'project') await installProjectCopy(copy, cwd)
    else if (opts.marketplace) home = installFromMarketplace(copy)
    else args.push('--plugin-dir', copy)
    if (opts.mainAgent) args.push('--agent', opts.mainAgent)
    opts.prepare?.(cwd)
    const run = await runClaude({
      cwd,
      args,
      script: script(opts),
      // Go 1.22 builds its standard library into a cold GOCACHE on the first go command: minutes on a busy machine.
      timeoutMs: 180_000,
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.prompt ? { prompt: opts.prompt } : {}),
      ...(home ? { home } : {}),
    })
    const bodies = messagesRequests(run.requests)
    const results = new Map<string, CommandResults>()
    const mains = bodies.filter(isMainThreadRequest)
    results.set('main', bashResults(mains.at(-1)))
    for (const id of Object.keys(opts.dispatch ?? {})) {
      const mine = bodies.filter((b) => isSubagentRequest(b) && firstUserText(b).includes(`${CASE} ${id}`))
      results.set(id, bashResults(mine.at(-1)))
    }
    return { run, bodies, results, cwd, ...(home ? { home } : {}), cleanup }
  } catch (error) {
    cleanup()
    throw error
  }
}
