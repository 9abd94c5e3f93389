// The third way in: the plugin installed as a user installs it, from this repository's marketplace
// (`claude plugin marketplace add`, then `claude plugin install backend-team@backend-team`), offline, in the pinned CLI.
// The installed plugin lists the orchestrator and its specialists, dispatches one, runs the guard from the plugin
// cache, and the plugin as Claude Code stored it validates with nothing to report.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../scripts/harness/claude-cli.ts'
import { runGuard, type GuardOutcome } from '../../scripts/harness/guard.ts'
import { agentListing, isMainThreadRequest } from '../../scripts/harness/observe.ts'
import { ORCHESTRATOR, PACK_SPECIALISTS, PLUGIN_NAME } from '../../scripts/harness/pack.ts'

const GUARD = /backend-team guard \((read-only|writer) policy/
const orchestrator = `${PLUGIN_NAME}:${ORCHESTRATOR}`
const developer = `${PLUGIN_NAME}:backend-developer`
let outcome: GuardOutcome

beforeAll(async () => {
  outcome = await runGuard({
    mode: 'plugin',
    marketplace: true,
    packRoot: REPO_ROOT,
    main: [],
    dispatch: {
      [orchestrator]: ['git status --porcelain', 'git push origin main'],
      [developer]: ['aws cloudformation delete-stack --stack-name orders-dev'],
    },
  })
}, 240_000)

afterAll(() => outcome?.cleanup())

describe('installed from the marketplace', () => {
  it('Claude Code stored the plugin under the user’s plugins, and that copy validates with nothing to report', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(outcome.home!, '.claude', 'plugins', 'installed_plugins.json'), 'utf8'))
    const entry = installed.plugins?.['backend-team@backend-team']?.[0] as { installPath: string } | undefined
    expect(entry?.installPath).toBeTruthy()
    expect(fs.existsSync(path.join(entry!.installPath, 'hooks', 'bash-guard.mjs'))).toBe(true)
    const out = execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'backend-team.js'), 'validate', entry!.installPath], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    })
    expect(out).toBe('')
  })

  it('lists the orchestrator and all nine specialists to the model, namespaced', () => {
    const main = outcome.bodies.filter(isMainThreadRequest)
    expect(main.length).toBeGreaterThan(0)
    const listing = agentListing(main[0]!)
    for (const name of [ORCHESTRATOR, ...PACK_SPECIALISTS]) expect(listing).toContain(`- ${PLUGIN_NAME}:${name}: `)
  })

  it('dispatches the orchestrator and a specialist, and the guard from the plugin cache decides their Bash', () => {
    expect(outcome.run.exitCode, outcome.run.stderr).toBe(0)
    const asOrchestrator = outcome.results.get(orchestrator)!
    expect(asOrchestrator.get('git status --porcelain')?.isError).toBe(false)
    expect(asOrchestrator.get('git push origin main')?.text).toMatch(GUARD)
    expect(outcome.results.get(developer)!.get('aws cloudformation delete-stack --stack-name orders-dev')?.text).toMatch(GUARD)
  })
})
