// Behavioural probes for front-matter values and tool sets, which key sets cannot show: the probe pack in
// tests/fixtures-cli/vocab runs through the pinned CLI (`-p --debug-file`, scripted API) once as project files and
// once as a plugin, and each row compares what the CLI did with what the validator reports on the same files.
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, makeTempDir } from '../../scripts/harness/claude-cli.ts'
import { availableTools, complaintLines } from '../../scripts/harness/observe.ts'
import { runDispatch, type DispatchOutcome } from '../../scripts/harness/scenarios.ts'
import type { Diagnostic } from '../../scripts/lib/engine/diagnostics.ts'
import { validate } from '../../scripts/lib/engine/run.ts'

const PACK = path.join(REPO_ROOT, 'tests', 'fixtures-cli', 'vocab')
type Mode = 'project' | 'plugin'

const runs = new Map<Mode, { outcome: DispatchOutcome; complaints: string[]; ours: Diagnostic[] }>()

/** The probe pack laid out as Claude Code would find it in the mode, and the validator's findings on it. */
function ourFindings(mode: Mode): Diagnostic[] {
  const dir = makeTempDir(`vocab-${mode}`)
  try {
    if (mode === 'plugin') fs.cpSync(PACK, dir, { recursive: true })
    else for (const part of ['agents', 'skills']) fs.cpSync(path.join(PACK, part), path.join(dir, '.claude', part), { recursive: true })
    return validate({ cwd: dir, targets: [] }).diagnostics.map((d) => ({ ...d, file: path.relative(dir, d.file) }))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

beforeAll(async () => {
  for (const mode of ['project', 'plugin'] as const) {
    const outcome = await runDispatch({ mode, packRoot: PACK, targets: [mode === 'plugin' ? 'backend-team:tool-probe' : 'tool-probe'] })
    runs.set(mode, { outcome, complaints: complaintLines(outcome.run.debugLog), ours: ourFindings(mode) })
  }
}, 120_000)

const ours = (mode: Mode, file: string) => runs.get(mode)!.ours.filter((d) => d.file.endsWith(file))
/** Debug-log complaints about a probe file: agents are named by path, skills by name (`Skill effort-probe …`). */
const complaintsAbout = (mode: Mode, file: string) => {
  const skill = /^skills\/([^/]+)\//.exec(file)?.[1]
  return runs
    .get(mode)!
    .complaints.filter((l) => (skill ? new RegExp(`(?:Skill|command) (?:backend-team:)?${skill} `).test(l) : l.includes(`/${file}`)))
}

interface Row {
  what: string
  mode: Mode
  file: string
  /** A debug-log complaint the CLI writes about the file, or null when it writes none. */
  runtime: RegExp | null
  /** Our finding on the file: rule, severity and a message fragment; null for none at all. */
  finding: { rule: string; severity: 'error' | 'warning'; says: string } | null
}

const rows: Row[] = [
  {
    what: 'when_to_use is unknown in a project agent (#3)',
    mode: 'project',
    file: 'agents/observer-probe.md',
    runtime: /does not recognize or apply: "when_to_use"/,
    finding: { rule: 'frontmatter/foreign-key', severity: 'error', says: '`when_to_use` in a project agent' },
  },
  {
    what: 'a plugin agent ignores observer, observerMessage, observeSubagents and knows when_to_use (#3, #4)',
    mode: 'plugin',
    file: 'agents/observer-probe.md',
    runtime: /sets observer, which is ignored for plugin agents/,
    finding: { rule: 'frontmatter/foreign-key', severity: 'error', says: 'plugin agents ignore `observer`' },
  },
  {
    what: 'an inline MCP server with a url but no type is dropped (#5)',
    mode: 'project',
    file: 'agents/mcp-probe.md',
    runtime: /has invalid mcpServers item/,
    finding: { rule: 'frontmatter/schema', severity: 'error', says: 'mcpServers.0.remote-probe' },
  },
  {
    what: 'a skill effort outside the levels is ignored; background yes and shell Bash are read (#11, #12, #13)',
    mode: 'project',
    file: 'skills/effort-probe/SKILL.md',
    runtime: /Skill effort-probe has invalid effort 'ultra'/,
    finding: { rule: 'frontmatter/schema', severity: 'error', says: '`ultra` for `effort`' },
  },
]

describe('vocabulary probes through the real CLI (-p --debug-file)', () => {
  for (const row of rows) {
    it(`${row.mode}: ${row.what}`, () => {
      const complaints = complaintsAbout(row.mode, row.file)
      if (row.runtime)
        expect(
          complaints.some((l) => row.runtime!.test(l)),
          complaints.join('\n'),
        ).toBe(true)
      else expect(complaints).toEqual([])
      const found = ours(row.mode, row.file)
      if (row.finding) {
        const { rule, severity, says } = row.finding
        expect(
          found.some((d) => d.ruleId === rule && d.severity === severity && d.message.includes(says)),
          found.map((d) => `${d.severity} ${d.ruleId} ${d.message}`).join('\n'),
        ).toBe(true)
      }
    })
  }

  it('project: the string-form observer keys draw no complaint from either side beyond when_to_use (#1, #2, #15, #16)', () => {
    expect(complaintsAbout('project', 'agents/observer-probe.md').filter((l) => !l.includes('when_to_use'))).toEqual([])
    expect(ours('project', 'agents/observer-probe.md').filter((d) => d.ruleId === 'frontmatter/schema')).toEqual([])
  })

  it('plugin: when_to_use is a plugin-agent key on both sides', () => {
    expect(complaintsAbout('plugin', 'agents/observer-probe.md').filter((l) => l.includes('when_to_use'))).toEqual([])
    expect(ours('plugin', 'agents/observer-probe.md').filter((d) => d.message.includes('when_to_use'))).toEqual([])
  })

  it('skill background yes and shell Bash draw no finding (#11, #12)', () => {
    expect(ours('project', 'skills/effort-probe/SKILL.md').filter((d) => /background|shell/.test(d.message))).toEqual([])
  })

  for (const mode of ['project', 'plugin'] as const) {
    it(`${mode}: a background subagent gets none of TaskOutput, TodoWrite, SetGoal, CronCreate, ListAgents, ReportFindings (#6-#9)`, () => {
      const { outcome } = runs.get(mode)!
      const request = [...outcome.subagent.values()][0]
      expect(request, 'the tool probe was not spawned').toBeDefined()
      const tools = availableTools(request!)
      expect(tools).toContain('Read')
      for (const gone of ['TaskOutput', 'TodoWrite', 'SetGoal', 'CronCreate', 'ListAgents', 'ReportFindings'])
        expect(tools).not.toContain(gone)
      const found = ours(mode, 'agents/tool-probe.md').map((d) => `${d.severity} ${d.ruleId} ${d.message}`)
      expect(found).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^error refs\/unknown-tool Unexpected removed tool `TaskOutput`/),
          expect.stringMatching(/^warning refs\/unknown-tool Unexpected conditional tool `TodoWrite`/),
          expect.stringMatching(/^warning tools\/main-thread-only Unexpected main-thread-only tool `SetGoal`/),
          expect.stringMatching(/^warning tools\/main-thread-only Unexpected `CronCreate` in a background agent/),
          expect.stringMatching(/^warning tools\/main-thread-only Unexpected `ListAgents` in a background agent/),
          expect.stringMatching(/^warning tools\/main-thread-only Unexpected `ReportFindings` in a background agent/),
        ]),
      )
    })
  }
})
