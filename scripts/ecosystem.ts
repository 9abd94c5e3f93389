/**
 * `npm run ecosystem -- DIR [--verdicts FILE] [--json FILE]`: runs `backend-team validate --format json` at the root of
 * every repository folder in DIR, as a new user would, and prints per-rule counts and timings. With a verdicts file
 * (JSON lines of `{repo, file, line, rule, verdict}`, verdict TP, FP or D), it also lists the errors on findings judged
 * false or debatable, and the true findings that are no longer reported; it exits 1 when there is any such error or
 * when fewer than 95 % of the true findings are still reported (as an error or a warning).
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

interface Finding {
  repo: string
  file: string
  line: number
  rule: string
  severity: string
  message: string
}
interface Verdict {
  repo: string
  file: string
  line: number
  rule: string
  severity: string
  verdict: 'TP' | 'FP' | 'D'
  reason?: string
}
interface RepoRun {
  repo: string
  ms: number
  exit: number | null
  findings: Finding[]
  stderr: string
}

const minimumRecall = 0.95

/**
 * Rules split since the verdicts were taken (040a2d3): a finding judged under the old id may now be reported under
 * one of these. Each split separates what Claude Code drops (still an error) from what it tolerates (a warning).
 */
const renamedRules: Record<string, string[]> = {
  'frontmatter/yaml-syntax': ['frontmatter/yaml-strict'],
  'frontmatter/unknown-key': ['frontmatter/misspelt-key'],
  'frontmatter/foreign-key': ['frontmatter/unknown-key'],
  'refs/unknown-skill': ['refs/unknown-skill-mention'],
  'names/agent-name-format': ['names/agent-name-style'],
}
const bin = fileURLToPath(new URL('../bin/backend-team.js', import.meta.url))

function runRepo(dir: string, repo: string): RepoRun {
  const start = process.hrtime.bigint()
  const child = spawnSync(process.execPath, [bin, 'validate', '.', '--format', 'json', '--max-time', '300'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 512 << 20,
    env: { ...process.env, NO_COLOR: '1' },
  })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  let findings: Finding[] = []
  try {
    const parsed = JSON.parse(child.stdout) as { file: string; line: number; ruleId: string; severity: string; message: string }[]
    findings = parsed.map((d) => ({ repo, file: d.file, line: d.line, rule: d.ruleId, severity: d.severity, message: d.message }))
  } catch {
    // Reported below as a crash: no parsable output.
  }
  return { repo, ms, exit: child.status, findings, stderr: child.stderr }
}

/** Pairs each judged finding with a current one: same repo, file and rule, the nearest line (each used once). */
function match(verdicts: Verdict[], findings: Finding[]): Map<Verdict, Finding | null> {
  const pool = new Map<string, Finding[]>()
  for (const f of findings) {
    const key = `${f.repo}\0${f.file}\0${f.rule}`
    pool.set(key, [...(pool.get(key) ?? []), f])
  }
  const out = new Map<Verdict, Finding | null>()
  // Exact lines first, so a nearby finding is not taken from the verdict it belongs to.
  const ordered = [...verdicts].sort((a, b) => exactness(b, pool) - exactness(a, pool))
  for (const v of ordered) {
    const candidates = [v.rule, ...(renamedRules[v.rule] ?? [])].flatMap((rule) => pool.get(`${v.repo}\0${v.file}\0${rule}`) ?? [])
    let best = -1
    for (let i = 0; i < candidates.length; i++) {
      if (best < 0 || Math.abs(candidates[i]!.line - v.line) < Math.abs(candidates[best]!.line - v.line)) best = i
    }
    if (best >= 0 && Math.abs(candidates[best]!.line - v.line) <= 3) {
      const taken = candidates[best]!
      const list = pool.get(`${taken.repo}\0${taken.file}\0${taken.rule}`)!
      list.splice(list.indexOf(taken), 1)
      out.set(v, taken)
    } else out.set(v, null)
  }
  return out
}

function exactness(v: Verdict, pool: Map<string, Finding[]>): number {
  return (pool.get(`${v.repo}\0${v.file}\0${v.rule}`) ?? []).some((f) => f.line === v.line) ? 1 : 0
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n')
}

function main(): number {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { verdicts: { type: 'string' }, json: { type: 'string' } } })
  const root = resolve(positionals[0] ?? '')
  if (!positionals[0]) {
    process.stderr.write('Usage: npm run ecosystem -- DIR [--verdicts FILE] [--json FILE]\n')
    return 2
  }
  const repos = readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort()
  const runs = repos.map((repo) => runRepo(join(root, repo), repo))
  const findings = runs.flatMap((r) => r.findings)
  let failed = false

  process.stdout.write('Repositories\n')
  const repoRows = [['repo', 'errors', 'warnings', 'seconds', 'exit']]
  for (const r of runs) {
    const errors = r.findings.filter((f) => f.severity === 'error').length
    repoRows.push([r.repo, String(errors), String(r.findings.length - errors), (r.ms / 1000).toFixed(2), String(r.exit)])
    if (r.exit === 2 || r.exit === null || /internal error|\n\s+at /.test(r.stderr)) {
      failed = true
      process.stdout.write(`CRASH in ${r.repo} (exit ${r.exit}): ${r.stderr.split('\n')[0]}\n`)
    }
  }
  process.stdout.write(`${table(repoRows)}\n\n`)

  const perRule = new Map<string, { error: number; warning: number }>()
  for (const f of findings) {
    const entry = perRule.get(f.rule) ?? { error: 0, warning: 0 }
    entry[f.severity === 'error' ? 'error' : 'warning']++
    perRule.set(f.rule, entry)
  }
  const ruleRows = [['rule', 'errors', 'warnings']]
  for (const [rule, c] of [...perRule].sort((a, b) => b[1].error + b[1].warning - a[1].error - a[1].warning))
    ruleRows.push([rule, String(c.error), String(c.warning)])
  process.stdout.write(`Findings by rule\n${table(ruleRows)}\n\n`)

  if (values.verdicts) {
    const verdicts = readFileSync(values.verdicts, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Verdict)
      .filter((v) => repos.includes(v.repo))
    const paired = match(verdicts, findings)
    const falseErrors = [...paired].filter(([v, f]) => v.verdict !== 'TP' && f?.severity === 'error')
    const truths = verdicts.filter((v) => v.verdict === 'TP')
    const lost = truths.filter((v) => !paired.get(v))
    const recall = truths.length ? (truths.length - lost.length) / truths.length : 1
    const judged = new Set([...paired.values()].filter((f): f is Finding => f !== null))
    const unjudgedErrors = findings.filter((f) => f.severity === 'error' && !judged.has(f))
    const byVerdict = (kind: string) => {
      const list = verdicts.filter((v) => v.verdict === kind)
      const still = list.filter((v) => paired.get(v))
      return `${kind}: ${list.length} judged, ${still.length} still reported (${still.filter((v) => paired.get(v)!.severity === 'error').length} as errors)`
    }
    process.stdout.write(`Against ${values.verdicts}\n  ${byVerdict('TP')}\n  ${byVerdict('D')}\n  ${byVerdict('FP')}\n`)
    process.stdout.write(`  true findings still reported: ${(recall * 100).toFixed(1)} % (at least ${minimumRecall * 100} % required)\n`)
    process.stdout.write(
      `  errors on findings judged FP or D: ${falseErrors.length}\n  errors not in the verdicts: ${unjudgedErrors.length}\n\n`,
    )
    for (const [v, f] of falseErrors)
      process.stdout.write(`FALSE ERROR ${v.verdict} ${v.repo}/${v.file}:${f!.line} ${v.rule}: ${f!.message}\n`)
    for (const v of lost) process.stdout.write(`LOST TP ${v.repo}/${v.file}:${v.line} ${v.rule}\n`)
    for (const f of unjudgedErrors) process.stdout.write(`UNJUDGED ERROR ${f.repo}/${f.file}:${f.line} ${f.rule}: ${f.message}\n`)
    if (falseErrors.length > 0 || recall < minimumRecall) failed = true
  }
  if (values.json) writeFileSync(values.json, JSON.stringify({ runs: runs.map(({ stderr: _s, ...r }) => r) }, null, 2))
  process.stdout.write(failed ? 'ecosystem: FAILED\n' : 'ecosystem: passed\n')
  return failed ? 1 : 0
}

process.exitCode = main()
