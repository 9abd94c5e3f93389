// The Bash guard scenario (hooks/bash-guard.mjs) in the real CLI: pack agents issue scripted Bash calls and the tests
// read what each call returned. Bash is allowed by the session's own permissions (`--allowedTools Bash`), so any refusal
// comes from the guard, and its reason names it.
//
// Project mode needs the guard registered in `.claude/settings.json` and its scripts in the project. Until
// `backend-team install` does that itself, `installGuardInProject` does what install is to do: copy the pack's `hooks/`
// folder (without hooks.json) to `.claude/backend-team/hooks/`, beside the schemas install puts in
// `.claude/backend-team/`, and add hooks.json's entries to the settings with `${CLAUDE_PLUGIN_ROOT}/hooks/` read as
// `${CLAUDE_PROJECT_DIR}/.claude/backend-team/hooks/`. Where install already did either, it does nothing.

import fs from 'node:fs'
import path from 'node:path'
import { installProjectCopy, makeTempRepo, pluginCopy, runClaude, type ClaudeRunResult } from './claude-cli.ts'
import { text, toolUses, type MessagesRequestBody, type Script } from './messages-api.ts'
import { firstUserText, isMainThreadRequest, isSubagentRequest, messagesRequests, taskNotifications, toolRoundTrips } from './observe.ts'
import type { InstallMode } from './pack.ts'

const CASE = 'GUARD-CASE'
/** Where a project copy keeps the pack's hook scripts. */
export const PROJECT_HOOKS_DIR = '.claude/backend-team/hooks'

export function installGuardInProject(packRoot: string, target: string): void {
  const hooksDir = path.join(target, PROJECT_HOOKS_DIR)
  if (!fs.existsSync(path.join(hooksDir, 'bash-guard.mjs'))) {
    fs.cpSync(path.join(packRoot, 'hooks'), hooksDir, { recursive: true, filter: (src) => path.basename(src) !== 'hooks.json' })
  }
  const settingsFile = path.join(target, '.claude', 'settings.json')
  const settings = fs.existsSync(settingsFile)
    ? (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as { hooks?: Record<string, unknown[]> })
    : {}
  const shipped = JSON.parse(fs.readFileSync(path.join(packRoot, 'hooks', 'hooks.json'), 'utf8')) as { hooks: Record<string, unknown[]> }
  const asProject = JSON.parse(
    JSON.stringify(shipped.hooks).replaceAll('${CLAUDE_PLUGIN_ROOT}/hooks/', `\${CLAUDE_PROJECT_DIR}/${PROJECT_HOOKS_DIR}/`),
  ) as Record<string, unknown[]>
  settings.hooks ??= {}
  for (const [event, entries] of Object.entries(asProject)) {
    const have = settings.hooks[event] ?? []
    const missing = entries.filter((e) => !have.some((h) => JSON.stringify(h) === JSON.stringify(e)))
    settings.hooks[event] = [...have, ...missing]
  }
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2) + '\n')
}

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
  const cleanup = () => {
    fs.rmSync(path.dirname(copy), { recursive: true, force: true })
    fs.rmSync(cwd, { recursive: true, force: true })
  }
  try {
    const args = ['--allowedTools', 'Bash']
    if (opts.mode === 'project') {
      await installProjectCopy(copy, cwd)
      installGuardInProject(copy, cwd)
    } else args.push('--plugin-dir', copy)
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
    })
    const bodies = messagesRequests(run.requests)
    const results = new Map<string, CommandResults>()
    const mains = bodies.filter(isMainThreadRequest)
    results.set('main', bashResults(mains.at(-1)))
    for (const id of Object.keys(opts.dispatch ?? {})) {
      const mine = bodies.filter((b) => isSubagentRequest(b) && firstUserText(b).includes(`${CASE} ${id}`))
      results.set(id, bashResults(mine.at(-1)))
    }
    return { run, bodies, results, cwd, cleanup }
  } catch (error) {
    cleanup()
    throw error
  }
}
