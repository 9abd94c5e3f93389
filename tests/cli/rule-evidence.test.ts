// Every rule that defaults to `error` rests on something the pinned CLI does: this file shows each behaviour in the real
// CLI (one `claude -p` run for the agent rules, `claude plugin validate --json` for the manifest rules) and checks that
// the validator reports the rule at `error` on the same fixture. The fixtures and the table are in
// ../harness/rule-evidence.ts; tests/registry.test.ts checks the table covers every error-default rule.

import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claudeBinary, makeTempDir, makeTempRepo, REPO_ROOT, runClaude, type ClaudeRunResult } from '../../scripts/harness/claude-cli.ts'
import { text, toolUses, type MessagesRequestBody, type Script } from '../../scripts/harness/messages-api.ts'
import {
  agentListing,
  availableTools,
  firstUserText,
  isSubagentRequest,
  messagesRequests,
  preloadedSkills,
  systemBlocks,
  toolRoundTrips,
  warningLines,
} from '../../scripts/harness/observe.ts'
import { INFRASTRUCTURE_TOOLS } from '../../scripts/harness/pack.ts'
import { dispatchScript } from '../../scripts/harness/scenarios.ts'
import {
  buildEvidenceProject,
  buildForkFixture,
  buildMcpFixture,
  buildPluginFixture,
  buildSettingsFixture,
  INVALID_DENY_RULES,
  COMPONENTS_OPTIONS,
  FORK_PROMPT,
  MEMORY_MARKERS,
  NON_GIT_COMMAND,
  PROJECT_TARGETS,
  RULE_EVIDENCE,
  type EvidenceCase,
  type PluginFixture,
  type SettingsFixture,
} from '../../scripts/harness/rule-evidence.ts'
import { checks } from '../../scripts/lib/checks/index.ts'

const exec = promisify(execFile)

interface Diagnostic {
  file: string
  ruleId: string
  severity: string
}

async function validate(root: string): Promise<Diagnostic[]> {
  const bin = path.join(REPO_ROOT, 'bin', 'backend-team.js')
  try {
    const { stdout } = await exec(process.execPath, [bin, 'validate', '--format', 'json', '.'], { cwd: root, timeout: 30_000 })
    return JSON.parse(stdout) as Diagnostic[]
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number }
    if (e.code !== 1 || !e.stdout) throw new Error(`validate in ${root} exited ${e.code}: ${e.stderr}`)
    return JSON.parse(e.stdout) as Diagnostic[]
  }
}

interface PluginReport {
  success: boolean
  manifest?: { errors: Array<{ path: string; message: string }> }
  contents?: Array<{ file: string; errors: Array<{ message: string }>; warnings: Array<{ path: string; message: string }> }>
  provides?: { hooks?: unknown[] } | null
}

async function pluginValidate(root: string): Promise<{ code: number; report: PluginReport }> {
  const env = { ...process.env, HOME: makeTempDir('claude-home'), DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' }
  try {
    const { stdout } = await exec(claudeBinary(), ['plugin', 'validate', '--json', root], { env, timeout: 30_000 })
    return { code: 0, report: JSON.parse(stdout) as PluginReport }
  } catch (err) {
    const e = err as { code?: number; stdout?: string }
    if (typeof e.code !== 'number' || !e.stdout) throw err
    return { code: e.code, report: JSON.parse(e.stdout) as PluginReport }
  } finally {
    fs.rmSync(env.HOME, { recursive: true, force: true })
  }
}

/** `claude mcp list` in a project folder: the servers it lists and the diagnostics it prints for those it skips. */
async function mcpList(root: string): Promise<string> {
  const env = { ...process.env, HOME: makeTempDir('claude-home'), DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' }
  try {
    const { stdout, stderr } = await exec(claudeBinary(), ['mcp', 'list'], { cwd: root, env, timeout: 30_000 })
    return stdout + stderr
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string }
    if (e.stdout === undefined) throw err
    return (e.stdout ?? '') + (e.stderr ?? '')
  } finally {
    fs.rmSync(env.HOME, { recursive: true, force: true })
  }
}

/** The dispatch scenario, except that the permission-rule subagent first runs one non-git Bash command. */
function evidenceScript(): Script {
  const dispatch = dispatchScript(PROJECT_TARGETS)
  return (b, ctx) => {
    if (isSubagentRequest(b) && firstUserText(b).includes('SCRIPTED-DISPATCH ev-permission-rule')) {
      if (!toolRoundTrips(b).some((t) => t.name === 'Bash'))
        return toolUses({ name: 'Bash', input: { command: NON_GIT_COMMAND, description: 'Print a marker' } })
      return text('DONE ev-permission-rule')
    }
    return dispatch(b, ctx)
  }
}

interface ProjectObservation {
  run: ClaudeRunResult
  listing: string
  /** Each target's Agent tool result. */
  launch: Map<string, { isError: boolean; text: string }>
  /** Each spawned target's subagent requests, in order. */
  subagent: Map<string, MessagesRequestBody[]>
  warnings: string[]
  diagnostics: Diagnostic[]
  /** Text of the main thread's first request (system prompt and messages), where memory files land. */
  mainText: string
  /** The project folder the run worked in (hooks of the components plugin write their marks here). */
  root: string
}

let project: ProjectObservation
const plugins = new Map<PluginFixture, { code: number; report: PluginReport; diagnostics: Diagnostic[] }>()
/** Each settings project: the `[ERROR]`/`[WARN]` lines of its run, whether its SessionStart hook wrote the marker, the validator's findings, its folder. */
const settingsRuns = new Map<
  SettingsFixture,
  { errors: string[]; debugLog: string; applied: boolean; diagnostics: Diagnostic[]; dir: string }
>()
const SETTINGS_FIXTURES: readonly SettingsFixture[] = [
  'settings-json-syntax',
  'settings-schema',
  'settings-guard-hook',
  'settings-hook-entry',
  'settings-permission-rule',
  'settings-hook-type',
  'settings-matcher-ignored',
]
let mcp: { listing: string; diagnostics: Diagnostic[] }
let fork: { run: ClaudeRunResult; diagnostics: Diagnostic[] }
const tempRoots: string[] = []

beforeAll(async () => {
  const root = makeTempRepo('evidence')
  tempRoots.push(root)
  buildEvidenceProject(root)
  const pluginNames = [...new Set(RULE_EVIDENCE.map((c) => c.fixture))].filter(
    (f): f is PluginFixture => f !== 'project' && f !== 'mcp' && f !== 'fork' && !f.startsWith('settings-'),
  )
  // The components plugin is also loaded into the project run, where its listing shows what Claude Code loads from it.
  const componentsDir = path.join(makeTempDir('evidence-components'), 'components')
  tempRoots.push(path.dirname(componentsDir))
  fs.mkdirSync(componentsDir)
  buildPluginFixture('components', componentsDir)
  const [run, diagnostics] = await Promise.all([
    runClaude({
      cwd: root,
      script: evidenceScript(),
      timeoutMs: 40_000,
      args: ['--plugin-dir', componentsDir, '--settings', COMPONENTS_OPTIONS],
      // The LSP manager reads the plugin's .lsp.json only where LSP is on.
      env: { ENABLE_LSP_TOOL: '1' },
    }),
    validate(root),
  ])
  const bodies = messagesRequests(run.requests)
  const mains = bodies.filter((b) => !isSubagentRequest(b) && agentListing(b) !== '')
  const launch = new Map<string, { isError: boolean; text: string }>()
  for (const t of toolRoundTrips(mains[mains.length - 1] ?? bodies[0]!).filter((x) => x.name === 'Agent')) {
    if (t.result) launch.set((t.input as { subagent_type: string }).subagent_type, t.result)
  }
  const subagent = new Map<string, MessagesRequestBody[]>()
  for (const b of bodies.filter(isSubagentRequest)) {
    const target = /SCRIPTED-DISPATCH (\S+)/.exec(firstUserText(b))?.[1]
    if (target) subagent.set(target, [...(subagent.get(target) ?? []), b])
  }
  const mainText = mains[0] ? `${systemBlocks(mains[0]).join('\n')}\n${JSON.stringify(mains[0].messages)}` : ''
  project = {
    run,
    listing: mains[0] ? agentListing(mains[0]) : '',
    launch,
    subagent,
    warnings: warningLines(run.debugLog),
    diagnostics,
    mainText,
    root,
  }
  const mcpRoot = makeTempRepo('evidence-mcp')
  tempRoots.push(mcpRoot)
  buildMcpFixture(mcpRoot)
  const forkRoot = makeTempRepo('evidence-fork')
  tempRoots.push(forkRoot)
  buildForkFixture(forkRoot)
  const [listing, mcpDiagnostics, forkRun, forkDiagnostics] = await Promise.all([
    mcpList(mcpRoot),
    validate(mcpRoot),
    runClaude({ cwd: forkRoot, prompt: FORK_PROMPT, script: () => text('DONE ev-fork'), timeoutMs: 40_000 }),
    validate(forkRoot),
  ])
  mcp = { listing, diagnostics: mcpDiagnostics }
  fork = { run: forkRun, diagnostics: forkDiagnostics }
  await Promise.all(
    pluginNames.map(async (name) => {
      const dir = path.join(makeTempDir(`evidence-${name}`), name)
      tempRoots.push(path.dirname(dir))
      fs.mkdirSync(dir)
      buildPluginFixture(name, dir)
      const [cli, diags] = await Promise.all([pluginValidate(dir), validate(dir)])
      plugins.set(name, { ...cli, diagnostics: diags })
    }),
  )
  await Promise.all(
    SETTINGS_FIXTURES.map(async (name) => {
      const dir = makeTempRepo(`evidence-${name}`)
      tempRoots.push(dir)
      buildSettingsFixture(name, dir)
      const [run, diags] = await Promise.all([runClaude({ cwd: dir, script: () => text('OK'), timeoutMs: 40_000 }), validate(dir)])
      const marker = path.join(dir, 'marker')
      const applied = fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === 'env=1'
      settingsRuns.set(name, { errors: warningLines(run.debugLog), debugLog: run.debugLog, applied, diagnostics: diags, dir })
    }),
  )
}, 120_000)

afterAll(() => {
  for (const root of tempRoots) fs.rmSync(root, { recursive: true, force: true })
})

const listed = (id: string) => project.listing.includes(`\n- ${id}: `)
const refused = (id: string) => {
  const r = project.launch.get(id)
  return r?.isError === true && r.text.startsWith(`Agent type '${id}' not found.`)
}
const toolsOf = (id: string) => {
  const first = project.subagent.get(id)?.[0]
  expect(first, `${id} was not spawned`).toBeDefined()
  return availableTools(first!).filter((t) => !INFRASTRUCTURE_TOOLS.includes(t) && t !== 'DeferredToolPlaceholder')
}
const logged = (pattern: RegExp) => project.warnings.filter((l) => pattern.test(l))
const everyTool = ['Bash', 'Edit', 'Read', 'WebFetch', 'Write']

/** The runtime behaviour each rule rests on, asserted on the observation of its fixture. */
const runtimeProof: Record<string, () => void> = {
  'file/encoding': () => {
    expect(listed('ev-utf16')).toBe(false)
    expect(refused('ev-utf16')).toBe(true)
  },
  'file/name-not-loaded': () => {
    expect(listed('ev-upper')).toBe(false)
    expect(refused('ev-upper')).toBe(true)
  },
  'file/too-large': () => {
    expect(listed('ev-large')).toBe(false)
    expect(refused('ev-large')).toBe(true)
    expect(project.run.debugLog).toMatch(/skipping \S*\/agents\/ev-large\.md: not a regular file or exceeds 1048576 byte limit/)
  },
  'file/unreadable': () => {
    expect(logged(/ELOOP: too many symbolic links encountered, stat '\S*\/agents\/ev-loop\.md'/)).toHaveLength(1)
    expect(refused('ev-loop')).toBe(true)
  },
  'frontmatter/empty-tools': () => {
    expect(project.listing).toContain('\n- ev-empty-tools: Evidence agent ev-empty-tools. (Tools: All tools)')
    expect(toolsOf('ev-empty-tools')).toEqual([])
  },
  'frontmatter/foreign-key': () => {
    expect(
      logged(/\[WARN\] Agent file \S*ev-foreign\.md has a frontmatter key Claude Code does not recognize or apply: "allowed-tools"/),
    ).toHaveLength(1)
    expect(toolsOf('ev-foreign')).toEqual(expect.arrayContaining(everyTool))
  },
  'frontmatter/misspelt-key': () => {
    expect(
      logged(
        /\[WARN\] Agent file \S*ev-misspelt\.md has a frontmatter key Claude Code does not recognize or apply: "tool" \(did you mean "tools"\?\)/,
      ),
    ).toHaveLength(1)
    expect(toolsOf('ev-misspelt')).toEqual(expect.arrayContaining(everyTool))
  },
  'frontmatter/schema': () => {
    expect(logged(/\[ERROR\] Agent file \S*ev-no-description\.md: Missing required "description" field/)).toHaveLength(1)
    expect(refused('ev-no-description')).toBe(true)
    expect(project.run.debugLog).toMatch(/ev-bad-mode\.md has invalid permissionMode 'sometimes'/)
  },
  'frontmatter/yaml-syntax': () => {
    expect(logged(/\[ERROR\] YAML frontmatter in \S*ev-yaml\.md failed to parse and was ignored/)).toHaveLength(1)
    expect(refused('ev-yaml')).toBe(true)
  },
  'mcp/server-config': () => {
    expect(mcp.listing).toMatch(/^ev-valid: true /m)
    expect(mcp.listing).toContain('mcpServers.ev-url-only: Skipped — MCP server "ev-url-only" has a "url" but no "type"')
    expect(mcp.listing).toContain(
      'mcpServers.ev-no-command: Skipped — invalid MCP server config for "ev-no-command": command: expected string',
    )
    expect(mcp.listing).not.toMatch(/^ev-(url-only|no-command): /m)
  },
  'memory/import-depth': () => {
    expect(project.mainText).toContain(MEMORY_MARKERS.level4)
    expect(project.mainText).not.toContain(MEMORY_MARKERS.level5)
    expect(project.run.debugLog).not.toContain('ev-level-5.md')
  },
  'memory/rule-paths': () => {
    expect(project.mainText).not.toContain(MEMORY_MARKERS.ruleScoped)
    for (const marker of [MEMORY_MARKERS.ruleNumber, MEMORY_MARKERS.ruleItems, MEMORY_MARKERS.ruleGlobs])
      expect(project.mainText).toContain(marker)
  },
  'memory/import-missing': () => {
    expect(project.mainText).toContain(MEMORY_MARKERS.top)
    expect(project.mainText).toContain(MEMORY_MARKERS.present)
    expect(project.mainText).not.toContain(MEMORY_MARKERS.comma)
    expect(project.run.debugLog).not.toContain('ev-missing.md')
  },
  'names/agent-name-format': () => {
    expect(logged(/\[ERROR\] Agent file \S*ev-colon\.md: Invalid "name": names must not contain ":"/)).toHaveLength(1)
    expect(refused('ev:colon')).toBe(true)
  },
  'names/no-duplicate': () => {
    expect(project.listing.match(/\n- ev-twin: /g)).toHaveLength(1)
    expect(project.run.debugLog).toMatch(
      /Duplicate agent name 'ev-twin' \(projectSettings\): .*ev-twin-[ab]\.md, .*ev-twin-[ab]\.md — active: /,
    )
    expect(project.subagent.get('ev-twin')).toHaveLength(1)
  },
  'refs/permission-rule-in-tools': () => {
    expect(toolsOf('ev-permission-rule')).toEqual(['Bash'])
    const bash = project.subagent
      .get('ev-permission-rule')!
      .flatMap((b) => toolRoundTrips(b))
      .find((t) => t.name === 'Bash' && (t.input as { command?: string }).command === NON_GIT_COMMAND)
    expect(bash?.result?.isError, bash?.result?.text).toBe(false)
    expect(bash?.result?.text).toContain('EV-UNRESTRICTED')
  },
  'refs/unknown-fork-agent': () => {
    expect(fork.run.exitCode).toBe(0)
    expect(fork.run.debugLog).toContain("agent 'ev-no-such-agent' is not available as a fork base, running on 'general-purpose'")
    // The command still ran: its body reached the API.
    expect(messagesRequests(fork.run.requests).some((b) => JSON.stringify(b).includes('FORK-BODY ev-fork'))).toBe(true)
  },
  'refs/unknown-skill': () => {
    expect(logged(/\[WARN\] \[Agent: ev-skills\] Warning: Skill 'no-such-skill' specified in frontmatter was not found/)).toHaveLength(1)
    expect([...preloadedSkills(project.subagent.get('ev-skills')![0]!).keys()]).toEqual(['ev-skill'])
  },
  'refs/unknown-tool': () => {
    expect(toolsOf('ev-unknown-tool')).toEqual(['Read'])
    expect(project.run.debugLog).toMatch(/Agent 'ev-only-unknown-tools' would be spawned with zero tools — refusing/)
    expect(project.subagent.get('ev-only-unknown-tools') ?? []).toHaveLength(0)
  },
  'styles/plugin-only-key': () => {
    expect(
      logged(
        /\[WARN\] Output style "ev-style" has force-for-plugin set, but this option only applies to plugin output styles\. Ignoring\./,
      ),
    ).toHaveLength(1)
  },
  'file/json-syntax': () => {
    const settings = settingsRuns.get('settings-json-syntax')!
    expect(
      settings.errors.filter((l) => /\[ERROR\] Invalid setting skipped .*\/\.claude\/settings\.json: : Invalid or malformed JSON/.test(l)),
    ).toHaveLength(1)
    expect(settings.applied).toBe(false)
    expect(
      settings.diagnostics.filter((d) => d.ruleId === 'file/json-syntax' && d.severity === 'error' && d.file.endsWith('settings.json')),
    ).toHaveLength(1)
    const { code, report } = plugins.get('json-syntax')!
    expect(code).toBe(1)
    expect(report.manifest?.errors).toEqual([
      expect.objectContaining({ path: 'json', message: expect.stringMatching(/^Invalid JSON syntax/) }),
    ])
  },
  'plugin/manifest': () => {
    const { code, report } = plugins.get('manifest')!
    expect(code).toBe(1)
    expect(report.manifest?.errors).toEqual([
      expect.objectContaining({ path: 'author', message: expect.stringContaining('expected object, received string') }),
    ])
  },
  'plugin/marketplace': () => {
    const { code, report } = plugins.get('marketplace')!
    expect(code).toBe(1)
    expect(report.manifest?.errors).toEqual([
      expect.objectContaining({ path: 'owner', message: expect.stringContaining('expected object, received string') }),
    ])
  },
  'plugin/paths': () => {
    const { code, report } = plugins.get('paths')!
    expect(code).toBe(1)
    expect(report.manifest?.errors).toEqual([
      expect.objectContaining({
        path: 'agents[0]',
        message: expect.stringMatching(/^Path not found: \.\/agents\/missing\.md\. The runtime loader will report this as a load failure/),
      }),
    ])
  },
  'settings/schema': () => {
    const skipped = settingsRuns.get('settings-schema')!
    expect(
      skipped.errors.filter((l) =>
        /\[ERROR\] Invalid setting skipped .*\/\.claude\/settings\.json: model: Expected string, but received number/.test(l),
      ),
    ).toHaveLength(1)
    expect(skipped.applied).toBe(false)
    const guard = settingsRuns.get('settings-guard-hook')!
    expect(
      guard.errors.filter((l) =>
        /hooks\.PreToolUse\.0: Hook matcher "hooks" must be an array of hook entries; received undefined — .* nothing it sits in is applied until the entry is fixed or removed/.test(
          l,
        ),
      ),
    ).toHaveLength(1)
    expect(guard.applied).toBe(false)
    expect(guard.diagnostics.filter((d) => d.ruleId === 'settings/schema' && d.severity === 'error')).not.toHaveLength(0)
    const entry = settingsRuns.get('settings-hook-entry')!
    expect(
      entry.errors.filter((l) => /hooks\.Stop\.0\.hooks\.0: Invalid command hook \(command: .*\); entry ignored\./.test(l)),
    ).toHaveLength(1)
    expect(entry.applied).toBe(true)
  },
  'settings/permission-rule': () => {
    const run = settingsRuns.get('settings-permission-rule')!
    const skipped = (list: string) =>
      run.errors
        .filter((l) => l.includes(`permissions.${list}: Invalid permission rule "`) && l.includes('[ERROR] Invalid setting skipped'))
        .map((l) => /rule "(.*)" was skipped/.exec(l)![1])
    expect(skipped('deny')).toEqual(INVALID_DENY_RULES)
    expect(skipped('allow')).toEqual(['*'])
    expect(run.debugLog).toContain('Adding 1 deny rule(s) to destination \'projectSettings\': ["Read(./secret.txt)"]')
    expect(run.applied).toBe(true)
    // The validator's port of the runtime's rule check flags the same rules, no more.
    const flagged = run.diagnostics.filter((d) => d.ruleId === 'settings/permission-rule' && d.severity === 'error')
    expect(flagged).toHaveLength(INVALID_DENY_RULES.length + 1)
  },
  'settings/hook-matcher-ignored': () => {
    const run = settingsRuns.get('settings-matcher-ignored')!
    expect(run.applied).toBe(true)
    expect(fs.readFileSync(path.join(run.dir, 'ev-ignored-matcher.txt'), 'utf8')).toBe('ran\n')
  },
  'settings/hook-unsupported-type': () => {
    const run = settingsRuns.get('settings-hook-type')!
    for (const type of ['prompt', 'agent']) {
      expect(
        run.errors.filter((l) =>
          l.includes(`[ERROR] Hook failed to run (SessionStart:startup): ${type}-type hooks are not supported for SessionStart events`),
        ),
      ).toHaveLength(1)
    }
    expect(run.applied).toBe(true)
  },
  'plugin/components-in-manifest-folder': () => {
    expect(listed('ev-components:ev-plugin-agent')).toBe(true)
    expect(project.listing).not.toContain('ev-misplaced')
  },
  'plugin/user-config-shell-hook': () => {
    expect(project.run.debugLog).toMatch(
      /\[ERROR\] Hook failed to run \(UserPromptSubmit\): Hook from plugin ev-components@inline references \$\{user_config\.\*\} in a shell-form command/,
    )
    expect(fs.existsSync(path.join(project.root, 'ev-shell-form.txt'))).toBe(false)
    expect(fs.readFileSync(path.join(project.root, 'ev-exec-form.txt'), 'utf8')).toBe('exec t0\n')
  },
  'plugin/lsp-servers': () => {
    expect(project.run.debugLog).toMatch(/\[ERROR\] "?LSP config validation failed for \.lsp\.json in plugin ev-components: .*transprot/)
  },
  'plugin/monitors': () => {
    expect(project.run.debugLog).toMatch(
      /\[ERROR\] "Failed to load monitors for ev-components from \S*\/monitors\/monitors\.json: .*unrecognized_keys.*whne/,
    )
  },
  'plugin/hooks': () => {
    const { report } = plugins.get('hooks')!
    const hooksFile = report.contents?.find((c) => c.file.endsWith('/hooks/hooks.json'))
    expect(hooksFile?.warnings).toEqual([
      expect.objectContaining({ message: 'hooks.PreToolUze: unknown hook event; entry ignored at runtime' }),
    ])
    expect(report.provides?.hooks).toEqual([])
  },
}

function diagnosticsFor(c: EvidenceCase): Diagnostic[] {
  if (c.fixture === 'mcp') return mcp.diagnostics
  if (c.fixture === 'fork') return fork.diagnostics
  if (c.fixture.startsWith('settings-')) return settingsRuns.get(c.fixture as SettingsFixture)!.diagnostics
  return c.fixture === 'project' ? project.diagnostics : plugins.get(c.fixture as PluginFixture)!.diagnostics
}

describe('the runtime behaviour behind each error-default rule', () => {
  it('the control agent loads as written and the validator finds nothing in it', () => {
    expect(project.run.exitCode).toBe(0)
    expect(listed('ev-control')).toBe(true)
    expect(toolsOf('ev-control')).toEqual(['Grep', 'Read'])
    expect(project.diagnostics.filter((d) => d.file.endsWith('ev-control.md'))).toEqual([])
  })

  it.each(RULE_EVIDENCE.map((c) => [c.rule, c] as const))('%s: the pinned CLI shows it, the validator reports it at error', (rule, c) => {
    expect(checks.find((x) => x.id === rule)?.defaultSeverity).toBe('error')
    const proof = runtimeProof[rule]
    expect(proof, `no runtime assertion for ${rule}`).toBeDefined()
    proof!()
    const hits = diagnosticsFor(c).filter((d) => d.ruleId === rule && d.file.replace(/\\/g, '/').endsWith(c.file))
    expect(
      hits.length,
      `validator did not report ${rule} on ${c.file}: ${JSON.stringify(diagnosticsFor(c).map((d) => [d.file, d.ruleId]))}`,
    ).toBeGreaterThan(0)
    expect(hits.every((d) => d.severity === 'error')).toBe(true)
  })
})
