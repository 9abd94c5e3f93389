// Writes the tables of docs/mutation.md from Stryker's JSON report (reports/mutation/mutation.json, left by
// `npm run mutate`): the score, one row per file, and every survivor with its explanation. Explanations are the
// hand-written ones already in docs/mutation.md, matched by file, mutator and replacement; a survivor without one is
// listed as a gap. Run: npx tsx scripts/docs/mutation-report.ts [later-report.json …]; the files of a later report
// (a run over the files changed since) replace the same files of the full report.
import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'

interface Mutant {
  mutatorName: string
  replacement?: string
  status: string
  location: { start: { line: number; column: number } }
}

interface Report {
  files: Record<string, { mutants: Mutant[] }>
}

const docPath = 'docs/mutation.md'
const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Report
const report = readReport('reports/mutation/mutation.json')
for (const later of process.argv.slice(2)) Object.assign(report.files, readReport(later).files)
const doc = readFileSync(docPath, 'utf8')

/** `file|mutator|replacement` → the explanation the doc already gives that survivor. */
function knownExplanations(text: string): Map<string, string> {
  const known = new Map<string, string>()
  let file = ''
  for (const line of text.split('\n')) {
    const heading = /^### `(.+)`$/.exec(line)
    if (heading) file = heading[1]!
    const item = /^- \d+:\d+ (\w+) → `(.*)` \((?:Survived|NoCoverage)\): (.+)$/.exec(line)
    if (item && file) known.set(`${file}|${item[1]}|${item[2]}`, item[3]!)
  }
  return known
}

const known = knownExplanations(doc)
const counted = ['Killed', 'Timeout', 'Survived', 'NoCoverage'] as const
const totals = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 }
const rows: string[] = []
const survivors: string[] = []
for (const [path, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const name = basename(path)
  const n = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 }
  for (const m of mutants) if (m.status in n) n[m.status as keyof typeof n]++
  for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += n[key]
  const valid = counted.reduce((sum, key) => sum + n[key], 0)
  const score = valid === 0 ? '–' : `${(((n.Killed + n.Timeout) / valid) * 100).toFixed(1)} %`
  rows.push(`| \`${name}\` | ${n.Killed + n.Timeout} | ${n.Survived} | ${n.NoCoverage} | ${n.Ignored} | ${score} |`)
  const left = mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)
  if (left.length === 0) continue
  survivors.push(`### \`${name}\``, '')
  for (const m of left) {
    const replacement = (m.replacement ?? '').replace(/\n/g, ' ')
    const why =
      known.get(`${name}|${m.mutatorName}|${replacement}`) ??
      (m.status === 'NoCoverage' ? 'gap: no fixture reaches this branch' : 'gap: no fixture tells the mutant apart')
    survivors.push(`- ${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → \`${replacement}\` (${m.status}): ${why}`)
  }
  survivors.push('')
}
const valid = counted.reduce((sum, key) => sum + totals[key], 0)
const score = (((totals.Killed + totals.Timeout) / valid) * 100).toFixed(2)
const fileCount = Object.keys(report.files).length
rows.push(
  `| **all ${fileCount} files** | **${totals.Killed + totals.Timeout}** | **${totals.Survived}** | **${totals.NoCoverage}** | **${totals.Ignored}** | **${score} %** |`,
)

const generated = [
  '<!-- mutation:begin (written by scripts/docs/mutation-report.ts from reports/mutation/mutation.json) -->',
  '',
  `Score: **${score} %** (${totals.Killed} killed, ${totals.Timeout} timed out, ${totals.Survived} survived, ${totals.NoCoverage} without coverage, ${totals.Ignored} ignored as static), ${fileCount} files.`,
  '',
  '### Per file',
  '',
  '| File | Killed | Survived | No coverage | Ignored (static) | Score |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
  '## Survivors',
  '',
  'Each is either **equivalent** (no input can tell the mutant from the code, with the reason) or a **gap** (a fixture could kill it and none does yet).',
  '',
  ...survivors,
  '<!-- mutation:end -->',
].join('\n')

const begin = doc.indexOf('<!-- mutation:begin')
const end = doc.indexOf('<!-- mutation:end -->')
const next =
  begin === -1
    ? `${doc.trimEnd()}\n\n${generated}\n`
    : `${doc.slice(0, begin)}${generated}${doc.slice(end + '<!-- mutation:end -->'.length)}`
writeFileSync(docPath, next)
process.stdout.write(`score ${score} %: ${totals.Survived} survived, ${totals.NoCoverage} without coverage\n`)
