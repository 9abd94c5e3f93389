/**
 * `npm run bench`: cold, whole-process timings of `backend-team validate` on synthetic plugins of growing size,
 * on this repository and on a 3-file pre-commit run, next to the pinned `claude plugin validate` on the same
 * synthetic plugin. Medians of several runs; peak memory from the process itself. Then the hostile inputs of issue 12,
 * each held to a bound: a file built against one scanner pattern finishes in `hostileBoundMs` under 300 MiB, and
 * `--max-time 2` returns within 4 s; the bench exits 1 when one does not.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { claudeBinary } from './harness/claude-cli.ts'
import { hostileBodies } from './fuzz/generators.ts'
import { writeSyntheticPlugin, writeSyntheticProject } from './bench/synthetic.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const bin = join(repo, 'bin', 'backend-team.js')
const preload = join(repo, 'scripts', 'bench', 'peak-rss.cjs')
const runs = Number(process.env.BENCH_RUNS ?? 7)
const sizes: [number, number][] = [
  [200, 100],
  [1000, 500],
  [2000, 1000],
  [4000, 2000],
]

interface Sample {
  ms: number
  rssMiB: number
  exit: number | null
}

function timeNode(args: string[], cwd: string): Sample {
  const start = process.hrtime.bigint()
  const child = spawnSync(process.execPath, ['--require', preload, bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 << 20 })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  const rss = Number(/@@peak-rss (\d+)/.exec(child.stderr)?.[1] ?? 0)
  return { ms, rssMiB: rss / 1024, exit: child.status }
}

function timeCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Sample {
  const start = process.hrtime.bigint()
  const child = spawnSync(command, args, { encoding: 'utf8', env, maxBuffer: 256 << 20 })
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, rssMiB: 0, exit: child.status }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function measure(label: string, files: number, sample: () => Sample) {
  sample() // one warm-up so the file-system cache is the same for every row
  const samples = Array.from({ length: runs }, sample)
  const ms = median(samples.map((s) => s.ms))
  const rss = Math.max(...samples.map((s) => s.rssMiB))
  return { label, files, ms, rss, perFileUs: (ms * 1000) / Math.max(1, files), exit: samples[0]!.exit }
}

const work = join(tmpdir(), 'backend-team-bench')
mkdirSync(work, { recursive: true })
const rows: ReturnType<typeof measure>[] = []
let claudeRow: { ms: number; ours: number } | null = null
const claude = (() => {
  try {
    return claudeBinary()
  } catch {
    return null
  }
})()

for (const [agents, skills] of sizes) {
  const dir = join(work, `p${agents}`)
  writeSyntheticPlugin(dir, agents, skills)
  const files = agents + skills * 2 + 1
  const row = measure(`${agents} agents / ${skills} skills`, files, () => timeNode(['validate', '--format', 'json', dir], repo))
  rows.push(row)
  if (agents === 2000 && claude) {
    const home = join(work, 'home')
    mkdirSync(home, { recursive: true })
    const env = { ...process.env, HOME: home, DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' }
    const official = measure('claude plugin validate (2,000 / 1,000)', files, () => timeCommand(claude, ['plugin', 'validate', dir], env))
    claudeRow = { ms: official.ms, ours: row.ms }
    rows.push(official)
  }
}
const contextSizes = { agents: 200, servers: 100, imports: 500, rules: 300 }
const contextDir = join(work, 'project-context')
writeSyntheticProject(contextDir, contextSizes)
const contextFiles = contextSizes.agents + contextSizes.rules + 3
rows.push(
  measure('project: settings, MCP, memory (503 files)', contextFiles, () => timeNode(['validate', '--format', 'json', contextDir], repo)),
)
rows.push(measure('this repository', 0, () => timeNode(['validate', '--format', 'json'], repo)))
rows.push(
  measure('pre-commit, 3 files', 3, () =>
    timeNode(
      ['validate', '--format', 'json', 'agents/backend-orchestrator.md', 'agents/backend-developer.md', 'skills/gateway-backend/SKILL.md'],
      repo,
    ),
  ),
)

const pad = (s: string, n: number) => s.padEnd(n)
console.log(`backend-team bench: median of ${runs} cold runs (whole process), node ${process.version}`)
console.log(`${pad('case', 40)} ${pad('median ms', 10)} ${pad('peak MiB', 9)} ${pad('µs/file', 8)} exit`)
for (const r of rows) {
  console.log(
    `${pad(r.label, 40)} ${pad(r.ms.toFixed(0), 10)} ${pad(r.rss ? r.rss.toFixed(0) : '-', 9)} ${pad(r.files ? r.perFileUs.toFixed(0) : '-', 8)} ${r.exit}`,
  )
}
if (claudeRow)
  console.log(
    `\nclaude plugin validate / backend-team on 2,000 + 1,000: ${(claudeRow.ms / claudeRow.ours).toFixed(2)}× (${claudeRow.ms.toFixed(0)} ms vs ${claudeRow.ours.toFixed(0)} ms)`,
  )
else console.log('\nclaude plugin validate: the pinned CLI binary was not found (run npm ci)')
const synthetic = rows.filter((r) => r.label.includes('agents /'))
const first = synthetic[0]!
const last = synthetic[synthetic.length - 1]!
console.log(`growth: ${(last.files / first.files).toFixed(1)}× the files took ${(last.ms / first.ms).toFixed(1)}× the time`)

/** One project holding `files` (relative path → text), validated by the built CLI. */
function hostileProject(name: string, files: Record<string, string>): string {
  const dir = join(work, 'hostile', name)
  rmSync(dir, { recursive: true, force: true })
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  writeFileSync(join(dir, 'package.json'), '{}')
  return dir
}

const hostileBoundMs = 5_000
const maxMiB = 300
const agentHead = '---\nname: a\ndescription: "Use when a."\ntools: Read\n---\n\n'
const hostile: { label: string; dir: string; args: string[]; boundMs: number }[] = []
for (const [name, body] of Object.entries({
  ...hostileBodies(300_000),
  'backtick-runs (1 MiB)': hostileBodies(1_000_000)['backtick-runs']!,
})) {
  const dir = hostileProject(name.replace(/\W+/g, '-'), { 'agents/a.md': body.startsWith('---') ? body : `${agentHead}${body}\n` })
  hostile.push({
    label: `300 KB line: ${name}`.replace('300 KB line: backtick-runs (1 MiB)', '1 MiB line: backtick runs'),
    dir,
    args: ['validate', '--format', 'json'],
    boundMs: hostileBoundMs,
  })
}
const bomb = `x: &a [${Array(30_000).fill('{}').join(',')}]\nz: [${Array(3_000).fill('*a').join(',')}]\n`
hostile.push({
  label: 'alias bomb (99 KB)',
  dir: hostileProject('bomb', { 'agents/a.md': agentHead.replace('tools: Read\n', `tools: Read\n${bomb}`) }),
  args: ['validate', '--format', 'json'],
  boundMs: hostileBoundMs,
})
const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: v`).join('\n')
hostile.push({
  label: '50,000 front-matter keys',
  dir: hostileProject('keys', { 'agents/a.md': agentHead.replace('tools: Read\n', `tools: Read\n${keys}\n`) }),
  args: ['validate', '--format', 'json'],
  boundMs: hostileBoundMs,
})
for (const [name, opener] of [
  ['sequences', '['],
  ['mappings', '{a: '],
] as const) {
  hostile.push({
    label: `10,000 nested flow ${name}`,
    dir: hostileProject(`nested-${name}`, {
      'agents/a.md': agentHead.replace('tools: Read\n', `tools: Read\nx: ${opener.repeat(10_000)}\n`),
    }),
    args: ['validate', '--format', 'json'],
    boundMs: hostileBoundMs,
  })
}
// Hook commands built against the shell-risk scanner (security/remote-code-hook), one hook each.
const commands = [
  `"\${CLAUDE_PLUGIN${'x'.repeat(200_000)}`,
  `eval ${'$x'.repeat(50_000)}`,
  `curl ${'| '.repeat(150_000)}`,
  `curl x |${' env -a'.repeat(40_000)}`,
  `curl -o ${'a'.repeat(300_000)}`,
  `${"c''".repeat(100_000)} | sh`,
  `${'$A'.repeat(100_000)} | sh`,
]
const hooksJson = JSON.stringify({
  hooks: { PreToolUse: commands.map((command) => ({ matcher: 'Bash', hooks: [{ type: 'command', command }] })) },
})
hostile.push({
  label: '7 hook commands of 300 KB against shell-risk',
  dir: hostileProject('shell-risk', { '.claude-plugin/plugin.json': '{"name": "p"}\n', 'hooks/hooks.json': hooksJson }),
  args: ['validate', '--format', 'json'],
  boundMs: hostileBoundMs,
})
const crowd: Record<string, string> = {}
for (let i = 0; i < 5000; i++) crowd[`agents/agent-${i}.md`] = agentHead.replace('name: a', `name: agent-${i}`)
hostile.push({
  label: '5,000 agents in one folder',
  dir: hostileProject('crowd', crowd),
  args: ['validate', '--format', 'json'],
  boundMs: 15_000,
})
const ghosts: Record<string, string> = {}
for (let i = 0; i < 2000; i++)
  ghosts[`agents/agent-${i}.md`] =
    agentHead.replace('name: a', `name: agent-${i}`) +
    Array.from({ length: 15 }, (_, k) => `Dispatch the \`ghost-${i}-${k}\` agent.`).join('\n') +
    '\n'
hostile.push({
  label: '2,000 agents, 30,000 unknown refs, --max-time 2',
  dir: hostileProject('ghosts', ghosts),
  args: ['validate', '--format', 'json', '--max-time', '2'],
  boundMs: 4_000,
})

console.log(`\nhostile inputs (issue 12): median of ${Math.min(runs, 3)} runs, bound per case, peak memory under ${maxMiB} MiB`)
console.log(`${pad('case', 48)} ${pad('median ms', 10)} ${pad('bound ms', 9)} ${pad('peak MiB', 9)} ok`)
let overBound = 0
for (const h of hostile) {
  const samples = Array.from({ length: Math.min(runs, 3) }, () => timeNode(h.args, h.dir))
  const ms = median(samples.map((x) => x.ms))
  const rss = Math.max(...samples.map((x) => x.rssMiB))
  const ok = ms <= h.boundMs && rss < maxMiB && samples.every((x) => x.exit === 0 || x.exit === 1)
  if (!ok) overBound++
  console.log(`${pad(h.label, 48)} ${pad(ms.toFixed(0), 10)} ${pad(String(h.boundMs), 9)} ${pad(rss.toFixed(0), 9)} ${ok ? 'yes' : 'NO'}`)
}
if (overBound > 0) {
  console.log(`${overBound} hostile case(s) over their bound`)
  process.exitCode = 1
}
