// What Claude Code does with each broken fixture in tests/fixtures-cli/broken/, observed in one CLI run per install
// mode, and the validator rule that reports it. The observed text is built only from the requests and the debug log,
// so docs/runtime/agreement.json (committed, rendered into the README) cannot drift from the pinned CLI: the test
// compares the file with a fresh observation. Regenerate with `tsx scripts/harness/agreement.ts --write`.

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { REPO_ROOT } from './claude-cli.ts'
import { agentListing, availableTools, preloadedSkills, warningLines } from './observe.ts'
import { INFRASTRUCTURE_TOOLS, MODEL_ALIASES, idFor, readAgentFile, type InstallMode } from './pack.ts'
import { runDispatch, type DispatchOutcome } from './scenarios.ts'

export const BROKEN_DIR = path.join(REPO_ROOT, 'tests', 'fixtures-cli', 'broken')
export const AGREEMENT_FILE = path.join(REPO_ROOT, 'docs', 'runtime', 'agreement.json')

export interface Defect {
  /** Folder under tests/fixtures-cli/broken/, holding agents/<stem>.md. */
  fixture: string
  defect: string
  rule: string
  /**
   * The rule's default severity, which follows the runtime: `error` where Claude Code drops or misreads what the
   * author wrote, `warning` where it runs as written but fails later, `off` where it works as written.
   */
  severity: 'error' | 'warning' | 'off'
}

/** The defects, the rule id the validator reports for each, and at what default severity. */
export const DEFECTS: Defect[] = [
  { fixture: 'missing-skill', defect: '`skills:` names a skill that does not exist', rule: 'refs/unknown-skill', severity: 'error' },
  {
    fixture: 'unknown-tool',
    defect: '`tools:` names a tool that does not exist (`NotATool`)',
    rule: 'refs/unknown-tool',
    severity: 'error',
  },
  {
    fixture: 'invalid-yaml',
    defect: 'Front matter is not valid YAML (an unclosed quote)',
    rule: 'frontmatter/yaml-syntax',
    severity: 'error',
  },
  { fixture: 'name-mismatch', defect: '`name:` differs from the file name', rule: 'names/agent-name-matches-file', severity: 'off' },
  { fixture: 'empty-tools', defect: '`tools: []`', rule: 'frontmatter/empty-tools', severity: 'error' },
  { fixture: 'allowed-tools', defect: '`allowed-tools:` (a skill key) in an agent', rule: 'frontmatter/foreign-key', severity: 'error' },
  { fixture: 'unknown-model', defect: '`model: gpt-4o`', rule: 'frontmatter/unknown-model', severity: 'warning' },
]

export interface AgreementRow {
  defect: string
  runtime: string
  rule: string
}

function fixtureAgentFile(d: Defect): string {
  const dir = path.join(BROKEN_DIR, d.fixture, 'agents')
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md'))
  if (files.length !== 1) throw new Error(`${dir} must hold exactly one agent file`)
  return path.join(dir, files[0]!)
}

/** All broken fixtures merged into one pack folder (their agent names are distinct). */
function mergedBrokenPack(target: string): void {
  for (const d of DEFECTS) {
    for (const part of ['agents', 'skills']) {
      const src = path.join(BROKEN_DIR, d.fixture, part)
      if (fs.existsSync(src)) fs.cpSync(src, path.join(target, part), { recursive: true })
    }
  }
}

function list(names: readonly string[]): string {
  return names.length ? names.join(', ') : 'none'
}

/** One sentence per observed fact, for one defect in one mode. */
function describe(d: Defect, mode: InstallMode, o: DispatchOutcome): string {
  const file = fixtureAgentFile(d)
  const stem = path.basename(file, '.md')
  const parsed = readAgentFile(file)
  const listing = o.firstMain ? agentListing(o.firstMain) : ''
  const facts: string[] = []

  // Loading: under which id does it appear in the main thread's agent listing?
  const candidates = [...new Set([stem, parsed.name])].map((n) => idFor(mode, n))
  const listedAs = candidates.find((id) => listing.includes(`\n- ${id}: `))
  if (!listedAs) facts.push('not loaded (absent from the agent listing)')
  else if (listedAs !== idFor(mode, stem)) facts.push(`loads as \`${listedAs}\`, from its \`name:\`, not its file name`)
  else facts.push(`loads as \`${listedAs}\``)
  if (listedAs) {
    const line = listing.slice(listing.indexOf(`\n- ${listedAs}: `))
    const shown = /\(Tools: ([^)]*)\)/.exec(line)?.[1]
    const declared = parsed.tools === undefined ? undefined : parsed.tools.join(', ')
    if (shown !== undefined && shown !== declared) facts.push(`the listing shows "Tools: ${shown}"`)
  }

  // Dispatch by the file name's id.
  const target = idFor(mode, stem)
  const launch = o.launch.get(target)
  const sub = o.subagent.get(target)
  if (launch?.isError) facts.push(`dispatching \`${target}\` fails: "${launch.text.replace(/ Available agents:.*$/s, '')}"`)
  else if (sub) {
    const tools = availableTools(sub).filter((t) => !INFRASTRUCTURE_TOOLS.includes(t))
    const declared = parsed.tools ?? []
    const dropped = declared.filter((t) => !tools.includes(t))
    const added = tools.filter((t) => !declared.includes(t))
    if (tools.length === 0) facts.push('spawns with zero tools')
    else if (added.length) facts.push(`spawns with ${tools.length} tools (${list(tools)})`)
    else if (dropped.length) facts.push(`spawns with ${list(tools)} only; ${list(dropped)} dropped`)
    const alias = parsed.model ? MODEL_ALIASES[parsed.model.toLowerCase()] : undefined
    if (parsed.model && !alias) facts.push(`sends \`model: ${sub.model}\` to the API unchanged`)
    const pre = [...preloadedSkills(sub).keys()]
    const missing = parsed.skills.filter((s) => !pre.includes(s))
    if (missing.length) facts.push(`preloads ${pre.length ? list(pre) : 'no skill'} (skipped: ${list(missing)})`)
  } else facts.push(`dispatching \`${target}\` spawned nothing`)

  // Debug log lines about this file or agent.
  const needles = [stem, parsed.name].filter(Boolean)
  const lines = warningLines(o.run.debugLog)
    .filter((l) => needles.some((n) => l.includes(n)))
    .map((l) =>
      l
        .replace(/^\S+ /, '')
        .replace(/\/\S*\/(agents\/[\w.-]+\.md)/g, '$1')
        .replace(/backend-team:/g, ''),
    )
  facts.push(lines.length ? `debug log: ${lines.map((l) => `\`${l}\``).join('; ')}` : 'no log line')
  return facts.join('; ')
}

export async function observeAgreement(
  timeoutMs = 40_000,
): Promise<{ rows: AgreementRow[]; outcomes: Record<InstallMode, DispatchOutcome> }> {
  const stems = DEFECTS.map((d) => path.basename(fixtureAgentFile(d), '.md'))
  const modes: InstallMode[] = ['project', 'plugin']
  const tmpPack = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'bt-broken-'))
  try {
    mergedBrokenPack(tmpPack)
    const [project, plugin] = await Promise.all(
      modes.map((mode) => runDispatch({ mode, packRoot: tmpPack, targets: stems.map((s) => idFor(mode, s)), timeoutMs })),
    )
    const outcomes = { project: project!, plugin: plugin! }
    const rows = DEFECTS.map((d) => {
      const inProject = describe(d, 'project', outcomes.project)
      const inPlugin = describe(d, 'plugin', outcomes.plugin).replace(/backend-team:/g, '')
      const runtime =
        inProject === inPlugin ? capitalise(inProject) + '.' : `In \`.claude/agents\`: ${inProject}. As a plugin: ${inPlugin}.`
      return { defect: d.defect, runtime, rule: d.rule }
    })
    return { rows, outcomes }
  } finally {
    fs.rmSync(tmpPack, { recursive: true, force: true })
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** Writes JSON atomically (temp file + rename). */
export function writeJsonAtomic(file: string, data: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n')
  fs.renameSync(tmp, file)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { rows } = await observeAgreement()
  if (process.argv.includes('--write')) {
    writeJsonAtomic(AGREEMENT_FILE, rows)
    console.log(`wrote ${path.relative(process.cwd(), AGREEMENT_FILE)}`)
  }
  for (const r of rows) console.log(`| ${r.defect} | ${r.runtime} | \`${r.rule}\` |`)
}
