// The pack, loaded by the real pinned Claude Code CLI in both install modes, against the scripted Messages API.
//
// Six CLI runs, started together in beforeAll (each takes about a second):
//   per mode (project = copied into <tmp>/.claude/, plugin = --plugin-dir):
//   - dispatch:  the main thread calls the Agent tool once for every agent of the pack, in one message;
//   - toggled:   the same with agents/catalog.json and skills/catalog.json toggled (removed when the pack has them,
//                added otherwise), to prove that Claude Code ignores them;
//   - main:      `--agent <orchestrator id>` as the main thread, dispatching each specialist and one agent outside its
//                allowlist (general-purpose).
// Set BT_PACK_DIR to run the same tests against another pack (e.g. tests/fixtures-cli/pack).

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, installProjectCopy, makeTempRepo } from '../../scripts/harness/claude-cli.ts'
import {
  agentListing,
  availableTools,
  contextText,
  preloadedSkills,
  skillListing,
  systemBlocks,
  complaintLines,
} from '../../scripts/harness/observe.ts'
import {
  INFRASTRUCTURE_TOOLS,
  ORCHESTRATOR,
  PACK_SPECIALISTS,
  agentAllowlist,
  expectedAgentListingLine,
  expectedMainThreadTools,
  expectedModel,
  expectedSkillListingLine,
  expectedSubagentTools,
  idFor,
  readPack,
  type AgentFile,
  type InstallMode,
  type Pack,
} from '../../scripts/harness/pack.ts'
import { runDispatch, type DispatchOutcome } from '../../scripts/harness/scenarios.ts'

const PACK_ROOT = process.env.BT_PACK_DIR ? path.resolve(process.env.BT_PACK_DIR) : REPO_ROOT
const IS_REAL_PACK = PACK_ROOT === REPO_ROOT
const pack = readPack(PACK_ROOT)
const orchestrator = pack.agents.find((a) => a.name === ORCHESTRATOR)
const specialists = pack.agents.filter((a) => a.name !== ORCHESTRATOR)
const MODES: InstallMode[] = ['project', 'plugin']

/** The pack as `backend-team install` writes it into `.claude/` (links and paths to the schemas rewritten). */
async function installedPack(): Promise<Pack> {
  const target = makeTempRepo('installed-pack')
  try {
    await installProjectCopy(PACK_ROOT, target)
    return { ...readPack(path.join(target, '.claude')), root: PACK_ROOT }
  } finally {
    fs.rmSync(target, { recursive: true, force: true })
  }
}
/** What Claude Code reads in each mode: the installed copy in project mode, the plugin's own files in plugin mode. */
const readByMode: Record<InstallMode, Pack> = { project: await installedPack(), plugin: pack }
function asRead(mode: InstallMode, agent: AgentFile): AgentFile {
  const found = readByMode[mode].agents.find((a) => a.name === agent.name)
  if (!found) throw new Error(`${agent.name} is not in the ${mode} copy of the pack`)
  return found
}
const OUTSIDER = 'general-purpose'
const BUILT_IN_AGENTS = ['claude', 'Explore', 'general-purpose', 'Plan', 'statusline-setup']
const CATALOGS = ['agents/catalog.json', 'skills/catalog.json']
const packHasCatalogs = CATALOGS.every((f) => fs.existsSync(path.join(PACK_ROOT, f)))

function toggleCatalogs(copy: string): void {
  for (const f of CATALOGS) {
    const p = path.join(copy, f)
    if (packHasCatalogs) fs.rmSync(p, { force: true })
    else {
      fs.mkdirSync(path.dirname(p), { recursive: true })
      const key = f.startsWith('agents') ? 'agents' : 'skills'
      fs.writeFileSync(p, JSON.stringify({ [key]: {} }, null, 2) + '\n')
    }
  }
}

interface ModeRuns {
  dispatch: DispatchOutcome
  toggled: DispatchOutcome
  main: DispatchOutcome
}
const runs = new Map<InstallMode, ModeRuns>()

beforeAll(async () => {
  const jobs = MODES.map(async (mode) => {
    const all = pack.agents.map((a) => idFor(mode, a.name))
    const mainTargets = [...specialists.map((a) => idFor(mode, a.name)), OUTSIDER]
    const [dispatch, toggled, main] = await Promise.all([
      runDispatch({ mode, packRoot: PACK_ROOT, targets: all }),
      runDispatch({ mode, packRoot: PACK_ROOT, targets: all, mutate: toggleCatalogs }),
      runDispatch({ mode, packRoot: PACK_ROOT, targets: mainTargets, mainAgent: idFor(mode, ORCHESTRATOR) }),
    ])
    runs.set(mode, { dispatch, toggled, main })
  })
  await Promise.all(jobs)
}, 120_000)

afterAll(() => runs.clear())

function get(mode: InstallMode): ModeRuns {
  const r = runs.get(mode)
  if (!r) throw new Error(`no CLI runs for ${mode} mode (beforeAll failed)`)
  return r
}

/** Lines of the debug log at WARN/ERROR that concern the pack: its names, its folders, front matter, skills. */
function packWarnings(log: string): string[] {
  const names = [...pack.agents.map((a) => a.name), ...pack.skills.map((s) => s.dir), 'backend-team', 'catalog']
  const re = new RegExp(
    `${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}|/agents/|/skills/|frontmatter|Agent file|Skill '`,
    'i',
  )
  return complaintLines(log).filter((l) => re.test(l))
}

/** Temp paths differ between runs. */
function stable(s: string): string {
  return s.replace(/\/tmp\/bt-[\w-]+(\/backend-team)?/g, '<tmp>')
}

describe('the pack under test', () => {
  it('has the orchestrator and its specialists', () => {
    expect(orchestrator, `${ORCHESTRATOR}.md missing in ${PACK_ROOT}/agents`).toBeDefined()
    if (IS_REAL_PACK) expect(specialists.map((a) => a.name).sort()).toEqual([...PACK_SPECIALISTS].sort())
    else expect(specialists.length).toBeGreaterThan(0)
  })
  it.each(pack.agents.map((a) => [a.name, a] as const))('%s has parseable front matter', (_n, a) => {
    expect(a.yamlError, `${a.file}: ${a.yamlError}`).toBeUndefined()
    expect(a.name, `${a.file}: name differs from the file name`).toBe(a.stem)
  })
})

describe.each(MODES)('%s mode', (mode) => {
  it('runs to the end of the scripted conversation', () => {
    for (const [label, o] of Object.entries(get(mode))) {
      expect(o.run.timedOut, `${label}: CLI timed out`).toBe(false)
      expect(o.run.scriptErrors, `${label}: script errors`).toEqual([])
      expect(o.run.exitCode, `${label}: exit code; stderr: ${o.run.stderr}`).toBe(0)
      expect(o.run.json?.result, `${label}: final result`).toBe('SCRIPTED-END')
    }
  })

  describe('agent listing of the main thread', () => {
    for (const agent of pack.agents) {
      it(`lists ${idFor(mode, agent.name)} with its description and declared tools`, () => {
        const listing = agentListing(get(mode).dispatch.firstMain!)
        expect(listing, `no agent listing in the main-thread request`).not.toBe('')
        const line = expectedAgentListingLine(mode, agent)
        expect(listing.includes(line), `${agent.name}: listing lacks\n${line}\n--- listing ---\n${listing}`).toBe(true)
      })
    }
    for (const skill of pack.skills) {
      it(`lists skill ${idFor(mode, skill.dir)} with its description`, () => {
        const listing = skillListing(get(mode).dispatch.firstMain!)
        const line = expectedSkillListingLine(mode, skill)
        expect(listing.includes(line), `${skill.dir}: skill listing lacks\n${line}`).toBe(true)
      })
    }
  })

  describe('each agent dispatched through the Agent tool', () => {
    for (const agent of pack.agents) {
      const id = idFor(mode, agent.name)
      it(`${id}: body as system prompt, declared tools, model, preloaded skills`, () => {
        const o = get(mode).dispatch
        const launch = o.launch.get(id)
        expect(launch, `${agent.name}: no Agent tool result`).toBeDefined()
        expect(launch!.isError, `${agent.name}: dispatch as ${id} failed: ${launch!.text}`).toBe(false)
        const sub = o.subagent.get(id)
        expect(sub, `${agent.name}: no subagent request`).toBeDefined()
        checkSubagent(mode, asRead(mode, agent), sub!, o.firstMain!.model)
      })
    }
  })

  describe(`the orchestrator as main thread (--agent ${idFor(mode, ORCHESTRATOR)})`, () => {
    it('receives its own body as system prompt and its declared tools', () => {
      const first = get(mode).main.firstMain!
      expect(first, 'no main-thread request').toBeDefined()
      expect(systemBlocks(first).slice(2).join('\n').trim()).toBe(asRead(mode, orchestrator!).body.trim())
      const tools = availableTools(first).filter((t) => !INFRASTRUCTURE_TOOLS.includes(t))
      expect(tools, `${ORCHESTRATOR} as main thread: tools`).toEqual(expectedMainThreadTools(orchestrator!))
      expect(first.model).toBe(expectedModel(orchestrator!, first.model))
    })
    it('sees exactly its allowed specialists in the agent listing', () => {
      const allow = agentAllowlist(orchestrator!)
      expect(allow, `${ORCHESTRATOR} has no Agent(...) allowlist`).toBeDefined()
      const listing = agentListing(get(mode).main.firstMain!)
      const candidates = [...pack.agents.map((a) => idFor(mode, a.name)), ...BUILT_IN_AGENTS]
      const listed = candidates.filter((id) => listing.includes(`\n- ${id}: `)).sort()
      expect(listed).toEqual(specialists.map((a) => idFor(mode, a.name)).sort())
    })
    for (const agent of specialists) {
      const id = idFor(mode, agent.name)
      it(`can dispatch ${id}`, () => {
        const o = get(mode).main
        const launch = o.launch.get(id)
        expect(launch, `${agent.name}: no Agent tool result`).toBeDefined()
        expect(launch!.isError, `${ORCHESTRATOR} could not dispatch ${id}: ${launch!.text}`).toBe(false)
        expect(o.subagent.get(id), `${agent.name}: no subagent request`).toBeDefined()
        checkSubagent(mode, asRead(mode, agent), o.subagent.get(id)!, o.firstMain!.model)
      })
    }
    it(`is refused ${OUTSIDER}, which is outside its list`, () => {
      const launch = get(mode).main.launch.get(OUTSIDER)
      expect(launch?.isError).toBe(true)
      expect(launch?.text).toMatch(new RegExp(`Agent type '${OUTSIDER}' not found\\. Available agents: `))
      expect(get(mode).main.subagent.has(OUTSIDER)).toBe(false)
    })
  })

  it('debug log: no warning or error about the pack', () => {
    for (const [label, o] of Object.entries(get(mode))) {
      const lines = packWarnings(o.run.debugLog)
      expect(lines, `${label} run:\n${lines.join('\n')}`).toEqual([])
    }
  })

  describe('agents/catalog.json and skills/catalog.json change nothing Claude Code loads', () => {
    it(`${packHasCatalogs ? 'removing' : 'adding'} them leaves listings, prompts, tools, models and skills unchanged`, () => {
      const { dispatch: a, toggled: b } = get(mode)
      expect(stable(agentListing(b.firstMain!))).toBe(stable(agentListing(a.firstMain!)))
      expect(stable(skillListing(b.firstMain!))).toBe(stable(skillListing(a.firstMain!)))
      expect(b.firstMain!.tools?.map((t) => t.name)).toEqual(a.firstMain!.tools?.map((t) => t.name))
      for (const agent of pack.agents) {
        const id = idFor(mode, agent.name)
        const x = a.subagent.get(id)
        const y = b.subagent.get(id)
        expect(y, `${id} not spawned in the toggled run`).toBeDefined()
        expect(stable(systemBlocks(y!).slice(2).join('\n'))).toBe(stable(systemBlocks(x!).slice(2).join('\n')))
        expect(availableTools(y!)).toEqual(availableTools(x!))
        expect(y!.model).toBe(x!.model)
        expect(stable(JSON.stringify([...preloadedSkills(y!)]))).toBe(stable(JSON.stringify([...preloadedSkills(x!)])))
      }
    })
    it('the debug log never mentions catalog.json and loads the same number of agents and skills', () => {
      const { dispatch: a, toggled: b } = get(mode)
      for (const o of [a, b]) expect(o.run.debugLog).not.toMatch(/catalog\.json/)
      const counts = (log: string) =>
        log
          .split('\n')
          .map((l) => /Loaded \d+ (?:unique )?(?:agents|skills)\b.*/.exec(l)?.[0])
          .filter(Boolean)
          .map((l) => stable(l!))
          .sort()
      expect(counts(b.run.debugLog)).toEqual(counts(a.run.debugLog))
      expect(stable(contextText(b.firstMain!)).replace(/Primary working directory: .*/, '')).toBe(
        stable(contextText(a.firstMain!)).replace(/Primary working directory: .*/, ''),
      )
    })
  })
})

function checkSubagent(
  mode: InstallMode,
  agent: AgentFile,
  sub: NonNullable<ReturnType<DispatchOutcome['subagent']['get']>>,
  sessionModel: string,
): void {
  const prompt = systemBlocks(sub).slice(2).join('\n')
  expect(prompt.startsWith(agent.body.trim()), `${agent.name}: system prompt does not start with the agent body`).toBe(true)
  const tools = availableTools(sub).filter((t) => !INFRASTRUCTURE_TOOLS.includes(t))
  expect(tools, `${agent.name}: tools sent (tools: ${JSON.stringify(agent.tools)})`).toEqual(expectedSubagentTools(agent))
  expect(sub.model, `${agent.name}: model (model: ${agent.model ?? 'inherit'})`).toBe(expectedModel(agent, sessionModel))
  const preloaded = preloadedSkills(sub)
  expect([...preloaded.keys()].sort(), `${agent.name}: preloaded skills`).toEqual([...new Set(agent.skills)].sort())
  for (const name of agent.skills) {
    const skill = readByMode[mode].skills.find((s) => s.dir === name || s.name === name)
    expect(skill, `${agent.name}: skill '${name}' is not in the pack`).toBeDefined()
    const got = (preloaded.get(name) ?? '').trim()
    expect(got.includes(skill!.body.trim()), `${agent.name}: preloaded '${name}' lacks the SKILL.md body`).toBe(true)
  }
}
