// Facts about the pinned CLI that the pack's design depends on, checked on the fixture pack (tests/fixtures-cli/pack),
// so a CLI upgrade that changes them fails here with a clear name rather than somewhere in pack.test.ts.
//
// - An `Agent(a, b)` allowlist in a main-thread agent's `tools` is matched against the agent ids exactly as the install
//   mode names them: bare names match nothing under --plugin-dir ("Available agents: none"), `backend-team:` names
//   match nothing in .claude/. So the orchestrator lists every specialist under both names.
// - A main-thread agent (`--agent`) gets no preloading of its own `skills:` (they are preloaded only when it runs as a
//   subagent), so the orchestrator's body must load what it needs with the Skill tool.

import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../scripts/harness/claude-cli.ts'
import { allText, isMainThreadRequest, systemPrompt } from '../../scripts/harness/observe.ts'
import { ORCHESTRATOR, idFor, type InstallMode } from '../../scripts/harness/pack.ts'
import { runDispatch, type DispatchOutcome } from '../../scripts/harness/scenarios.ts'

const FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures-cli', 'pack')

function setAllowlist(names: string): (copy: string) => void {
  return (copy) => {
    const f = path.join(copy, 'agents', `${ORCHESTRATOR}.md`)
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/^tools:.*$/m, `tools: Agent(${names}), Read, Skill`))
  }
}

const outcomes = new Map<string, DispatchOutcome>()
const cases: Array<{ label: string; mode: InstallMode; allow: string }> = [
  { label: 'bare names under --plugin-dir', mode: 'plugin', allow: 'fx-reader, fx-builder' },
  { label: 'backend-team: names in .claude/', mode: 'project', allow: 'backend-team:fx-reader, backend-team:fx-builder' },
]

beforeAll(async () => {
  await Promise.all(
    cases.map(async (c) => {
      const o = await runDispatch({
        mode: c.mode,
        packRoot: FIXTURE,
        targets: ['fx-reader', 'backend-team:fx-reader'],
        mainAgent: idFor(c.mode, ORCHESTRATOR),
        // In .claude/ the allowlist is set after install, which would otherwise write the bare names.
        ...(c.mode === 'project' ? { afterInstall: setAllowlist(c.allow) } : { mutate: setAllowlist(c.allow) }),
      })
      outcomes.set(c.label, o)
    }),
  )
}, 90_000)

describe('Agent(...) allowlist of a main-thread agent', () => {
  it.each(cases.map((c) => [c.label, c] as const))('%s allows no agent at all', (label) => {
    const o = outcomes.get(label)!
    expect(o.run.exitCode).toBe(0)
    for (const target of ['fx-reader', 'backend-team:fx-reader']) {
      const r = o.launch.get(target)
      expect(r?.isError, `${target}: ${r?.text}`).toBe(true)
      expect(r?.text).toBe(`Agent type '${target}' not found. Available agents: none`)
    }
    expect(o.subagent.size).toBe(0)
  })
})

describe('skills of a main-thread agent', () => {
  it('are not preloaded into the main thread (only into a subagent)', () => {
    const o = outcomes.get(cases[0]!.label)!
    const mains = o.bodies.filter(isMainThreadRequest)
    expect(mains.length).toBeGreaterThan(0)
    for (const b of mains) {
      expect(allText(b)).not.toContain('SKILL-BODY fx-skill-a')
      expect(systemPrompt(b)).not.toContain('SKILL-BODY fx-skill-a')
    }
    expect(systemPrompt(mains[0]!)).toContain('FIXTURE-BODY backend-orchestrator')
  })
})
