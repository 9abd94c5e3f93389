/**
 * `npm run bench`: cold, whole-process timings of `backend-team validate` on synthetic plugins of growing size,
 * on this repository and on a 3-file pre-commit run, next to the pinned `claude plugin validate` on the same
 * synthetic plugin. Medians of several runs; peak memory from the process itself.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { claudeBinary } from '../tests/harness/claude-cli.ts'
import { writeSyntheticPlugin } from './bench/synthetic.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const bin = join(repo, 'bin', 'backend-team.js')
const preload = join(repo, 'scripts', 'bench', 'peak-rss.cjs')
const runs = Number(process.env.BENCH_RUNS ?? 7)
const sizes: [number, number][] = [[200, 100], [1000, 500], [2000, 1000], [4000, 2000]]

interface Sample { ms: number; rssMiB: number; exit: number | null }

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
rows.push(measure('this repository', 0, () => timeNode(['validate', '--format', 'json'], repo)))
rows.push(measure('pre-commit, 3 files', 3, () => timeNode(['validate', '--format', 'json', 'agents/backend-orchestrator.md', 'agents/backend-developer.md', 'skills/gateway-backend/SKILL.md'], repo)))

const pad = (s: string, n: number) => s.padEnd(n)
console.log(`backend-team bench: median of ${runs} cold runs (whole process), node ${process.version}`)
console.log(`${pad('case', 40)} ${pad('median ms', 10)} ${pad('peak MiB', 9)} ${pad('µs/file', 8)} exit`)
for (const r of rows) {
  console.log(`${pad(r.label, 40)} ${pad(r.ms.toFixed(0), 10)} ${pad(r.rss ? r.rss.toFixed(0) : '-', 9)} ${pad(r.files ? r.perFileUs.toFixed(0) : '-', 8)} ${r.exit}`)
}
if (claudeRow) console.log(`\nclaude plugin validate / backend-team on 2,000 + 1,000: ${(claudeRow.ms / claudeRow.ours).toFixed(2)}× (${claudeRow.ms.toFixed(0)} ms vs ${claudeRow.ours.toFixed(0)} ms)`)
else console.log('\nclaude plugin validate: the pinned CLI binary was not found (run npm ci)')
const synthetic = rows.filter((r) => r.label.includes('agents /'))
const first = synthetic[0]!
const last = synthetic[synthetic.length - 1]!
console.log(`growth: ${(last.files / first.files).toFixed(1)}× the files took ${(last.ms / first.ms).toFixed(1)}× the time`)
