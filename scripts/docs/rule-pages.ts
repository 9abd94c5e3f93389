/**
 * One page per rule, `docs/rules/<group>/<name>.md`, built from the rule's metadata and from its fixtures, so every
 * example on a page is a tested case. `npm run docs:rules` writes the pages; the test suite fails when one is stale.
 *
 * A rule id maps mechanically to its three homes: `scripts/lib/checks/<group>-<name>.ts` (the code),
 * `tests/fixtures/<group>-<name>/{valid,invalid}/<case>/` (the fixtures) and `docs/rules/<group>/<name>.md` (the page).
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Check } from '../lib/engine/check.ts'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** Where a rule lives: its module, its fixtures and its page, all derived from the id. */
export function ruleHomes(id: string): { module: string; fixtures: string; page: string } {
  const dashed = id.replace(/\//g, '-')
  return {
    module: `scripts/lib/checks/${dashed}.ts`,
    fixtures: `tests/fixtures/${dashed}`,
    page: `docs/rules/${id}.md`,
  }
}

/** Files longer than this are summarised on a page instead of quoted (a 300-line body proves a budget, not a point). */
const maxQuotedLines = 40

/** A fixture file: its text, or why it is described instead (a link, bytes that are not UTF-8 text). */
interface CaseFile {
  path: string
  text: string | null
  note?: string
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Files of a case that hold what the test expects, not the project: shown after the case, or not at all. */
const testOnlyFiles = new Set(['expected.txt', 'expected.json', 'expected.fixed.txt', 'targets.txt', 'rules.txt'])

function caseFiles(dir: string): CaseFile[] {
  const out: CaseFile[] = []
  const visit = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name)
      const rel = relative(dir, path).split('\\').join('/')
      const stat = lstatSync(path)
      if (stat.isSymbolicLink()) out.push({ path: rel, text: null, note: `a symbolic link to \`${readlinkSync(path)}\`` })
      else if (stat.isDirectory()) visit(path)
      else if (!testOnlyFiles.has(name)) out.push(readCaseFile(path, rel))
    }
  }
  visit(dir)
  return out
}

function readCaseFile(path: string, rel: string): CaseFile {
  const bytes = readFileSync(path)
  try {
    const text = strictUtf8.decode(bytes)
    if (text.includes('\u0000') || text.startsWith('\ufeff'))
      return { path: rel, text: null, note: `${bytes.length} bytes that are not plain text (see the fixture)` }
    return { path: rel, text }
  } catch {
    return { path: rel, text: null, note: `${bytes.length} bytes that are not UTF-8 (see the fixture)` }
  }
}

function fence(text: string, language: string): string {
  // A fence longer than any backtick run inside, so fixture text with fences of its own stays quoted.
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const ticks = '`'.repeat(longest + 1)
  return `${ticks}${language}\n${text.endsWith('\n') ? text : `${text}\n`}${ticks}`
}

const languageOf = (path: string) => (path.endsWith('.json') ? 'json' : path.endsWith('.md') ? 'markdown' : '')

function renderCase(dir: string, kind: 'valid' | 'invalid'): string {
  const name = dir.split('/').pop()!
  const parts = [`#### ${kind === 'valid' ? 'Passes' : 'Fails'}: \`${name}\``]
  for (const file of caseFiles(dir)) {
    if (file.text === null) {
      parts.push(`\`${file.path}\`: ${file.note}`)
      continue
    }
    const lines = file.text.split('\n').length
    parts.push(
      lines > maxQuotedLines || file.text.length > 4000
        ? `\`${file.path}\`: ${lines} lines (not quoted; see the fixture)`
        : `\`${file.path}\`\n\n${fence(file.text, languageOf(file.path))}`,
    )
  }
  const expected = join(dir, 'expected.txt')
  if (kind === 'invalid' && existsSync(expected)) parts.push(`Reported:\n\n${fence(readFileSync(expected, 'utf8'), 'text')}`)
  const fixed = join(dir, 'expected.fixed.txt')
  if (kind === 'invalid' && existsSync(fixed))
    parts.push(`After \`backend-team validate --fix\`:\n\n${fence(readFileSync(fixed, 'utf8'), 'text')}`)
  return parts.join('\n\n')
}

function cases(dir: string, kind: 'valid' | 'invalid'): string[] {
  const base = join(dir, kind)
  return existsSync(base)
    ? readdirSync(base)
        .sort()
        .map((n) => join(base, n))
        .filter((p) => statSync(p).isDirectory())
    : []
}

/** The rule's messages by id (the `messageId` of its JSON output), placeholders shown as `{{name}}`. */
function renderMessages(check: Check): string[] {
  const rows = Object.entries(check.messages).map(([id, text]) => `| \`${id}\` | ${text.replace(/\|/g, '\\|')} |`)
  if (rows.length === 0) return []
  return ['## Messages', '', '| Id | Message |', '| --- | --- |', ...rows, '']
}

/** The page of one rule, as markdown. */
export function renderRulePage(check: Check & { runtime?: string }): string {
  const homes = ruleHomes(check.id)
  const fixtures = join(repoRoot, homes.fixtures)
  const lines = [
    `# \`${check.id}\``,
    '',
    '<!-- generated by scripts/docs/rule-pages.ts from the rule and its fixtures; run npm run docs:rules -->',
    '',
    check.description,
    '',
    `- Default severity: \`${check.defaultSeverity}\``,
    `- Fixable: ${check.fixable ? 'yes (`backend-team validate --fix`)' : 'no'}`,
    `- Applies to: ${check.scope === 'file' ? check.kinds.map((k) => `\`${k}\``).join(', ') : 'the whole project'}`,
    `- Code: [\`${homes.module}\`](../../../${homes.module}); fixtures: [\`${homes.fixtures}\`](../../../${homes.fixtures})`,
    '',
    '## Why',
    '',
    check.rationale,
    '',
  ]
  if (check.runtime) lines.push('## What Claude Code 2.1.332 does', '', check.runtime, '')
  lines.push(...renderMessages(check))
  lines.push(
    '## Configure',
    '',
    fence(JSON.stringify({ rules: { [check.id]: check.defaultSeverity === 'off' ? 'warning' : 'off' } }, null, 2), 'json'),
    '',
    'Silence one line with `<!-- backend-team-disable-next-line ' +
      check.id +
      ' -->` (or `# backend-team-disable-next-line ' +
      check.id +
      '` in front matter).',
    '',
    '## Examples',
    '',
    'Each example is a fixture the test suite runs; the output is what `backend-team validate` reports from inside the case folder.',
    '',
  )
  for (const dir of cases(fixtures, 'invalid')) lines.push(renderCase(dir, 'invalid'), '')
  for (const dir of cases(fixtures, 'valid')) lines.push(renderCase(dir, 'valid'), '')
  return `${lines.join('\n').trimEnd()}\n`
}

/** The rule index page: every rule with its default severity, linking to its page. */
export function renderRuleIndex(checks: readonly Check[]): string {
  const rows = checks.map(
    (c) => `| [\`${c.id}\`](${c.id}.md) | ${c.defaultSeverity} | ${c.fixable ? 'yes' : 'no'} | ${c.description.replace(/\|/g, '\\|')} |`,
  )
  return [
    '# Rules',
    '',
    '<!-- generated by scripts/docs/rule-pages.ts; run npm run docs:rules -->',
    '',
    '| Rule | Default severity | Fixable | Description |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n')
}

/** Every page path (relative to the repository) with the text it should have. */
export function expectedPages(checks: readonly Check[]): Map<string, string> {
  const pages = new Map<string, string>([['docs/rules/README.md', renderRuleIndex(checks)]])
  for (const check of checks) pages.set(ruleHomes(check.id).page, renderRulePage(check))
  return pages
}

async function main(): Promise<void> {
  const { checks } = await import('../lib/checks/index.ts')
  let written = 0
  for (const [path, text] of expectedPages(checks)) {
    const abs = join(repoRoot, path)
    if (existsSync(abs) && readFileSync(abs, 'utf8') === text) continue
    mkdirSync(dirname(abs), { recursive: true })
    writeFileSync(abs, text)
    written++
  }
  process.stdout.write(written ? `wrote ${written} rule pages\n` : 'rule pages are up to date\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
