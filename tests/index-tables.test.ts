// Generated index tables: GFM escaping, marker parsing, fixes that touch only regions, idempotence, and the issue's
// acceptance scenario (a changed description fails validate, generate fixes it, a second run changes nothing).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import fc from 'fast-check'
import { unified } from 'unified'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../scripts/cli.ts'
import { checks } from '../scripts/lib/checks/index.ts'
import type { CommandIO } from '../scripts/lib/commands/io.ts'
import { firstSentence, regionNames } from '../scripts/lib/index-tables/generators.ts'
import { commaList, stringifyTable, tableNode, type Cell } from '../scripts/lib/index-tables/markdown-table.ts'
import { scanRegions } from '../scripts/lib/index-tables/regions.ts'
import { validate } from '../scripts/lib/engine/run.ts'
import { fixturesRoot } from './fixtures.ts'
import { git as runGit } from './git-env.ts'

const temps: string[] = []
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A temporary copy of a fixture case. */
function copyCase(rel: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bt-index-'))
  temps.push(dir)
  cpSync(join(fixturesRoot, rel), dir, { recursive: true })
  rmSync(join(dir, 'expected.txt'), { force: true })
  return dir
}

async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CommandIO = { cwd, isTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === '.git') continue
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else files.set(relative(dir, p), readFileSync(p, 'utf8'))
    }
  }
  walk(dir)
  return files
}

/** The file with every region's inner text cut out: what must never change. */
function outsideRegions(text: string): string[] {
  const { regions, problems } = scanRegions(text)
  expect(problems).toEqual([])
  const parts: string[] = []
  let at = 0
  for (const r of regions) {
    parts.push(text.slice(at, r.innerStart))
    at = r.innerEnd
  }
  parts.push(text.slice(at))
  return parts
}

const gfm = unified().use(remarkParse).use(remarkGfm)

function cellsOf(markdown: string): string[][] {
  const tree = gfm.parse(markdown)
  expect(tree.children).toHaveLength(1)
  const table = tree.children[0]!
  expect(table.type).toBe('table')
  const text = (node: unknown): string => {
    const n = node as { value?: string; children?: unknown[] }
    return n.value ?? (n.children ?? []).map(text).join('')
  }
  return (table as { children: { children: unknown[] }[] }).children.map((row) => row.children.map(text))
}

describe('table writing', () => {
  it('escapes pipes, backticks, newlines and HTML-ish text so every cell reads back as written', () => {
    const nasty = [
      'a | b',
      'tick ` and ``two``',
      'line one\nline two\r\n\r\nthree',
      '<example>x</example> & <b>',
      '*star* _under_ [link](x) # hash \\ back',
    ]
    const out = stringifyTable({ header: ['Text', 'Code'], rows: nasty.map((t) => [t, { code: t }]) })
    expect(out.split('\n').filter(Boolean)).toHaveLength(2 + nasty.length)
    const cells = cellsOf(out)
    const oneLine = (t: string) => t.replace(/\s+/g, ' ').trim()
    expect(cells.slice(2 - 1).map((r) => r[0])).toEqual(nasty.map(oneLine))
    expect(cells.slice(1).map((r) => r[1])).toEqual(nasty.map(oneLine))
    expect(out).toContain('a \\| b')
    expect(out).toContain('\\<example>')
  })

  it('renders our own inline markdown (code spans in rule descriptions) and keeps HTML in it as text', () => {
    const out = stringifyTable({ header: ['Description'], rows: [[{ markdown: 'A `model` | that <b>is</b> odd' }]] })
    expect(out).toContain('`model`')
    expect(out).toContain('\\<b>is\\</b>')
    expect(cellsOf(out)[1]).toEqual(['A model | that <b>is</b> odd'])
  })

  it('joins list cells with commas and keeps column order and empty cells', () => {
    const out = stringifyTable({ header: ['A', 'B', 'C'], rows: [[commaList([{ code: 'x' }, { code: 'y' }]), '', 'z']] })
    expect(cellsOf(out)).toEqual([
      ['A', 'B', 'C'],
      ['x, y', '', 'z'],
    ])
  })

  it('writes exactly what plain remark-stringify writes (its fast path for plain text changes nothing)', () => {
    const plain = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify)
    const cell = fc.oneof(fc.string(), fc.stringMatching(/^[a-z0-9 ,.:;()\-_*|`<>[\]!&#~@=+'"\\/]{0,12}$/))
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { maxLength: 4 }), (rows) => {
        const data = { header: ['A', 'B', 'C'], rows: rows.map(([a, b, c]): Cell[] => [a, { code: b }, commaList([c, { code: 'x' }, a])]) }
        expect(stringifyTable(data)).toBe(plain.stringify({ type: 'root', children: [tableNode(data)] }))
      }),
      { numRuns: 2000 },
    )
  })

  it('takes the first sentence of a description, before any example block', () => {
    expect(firstSentence('Use when X. Then more.\n\n<example>\nuser: "a"\n</example>')).toBe('Use when X.')
    expect(firstSentence('No full stop here\n\n<example>')).toBe('No full stop here')
    expect(firstSentence('Version 2.1 of it, e.g. here. Next')).toBe('Version 2.1 of it, e.g. here.')
    expect(firstSentence(undefined)).toBe('')
  })
})

describe('markers', () => {
  it('finds regions and the replaceable inner text, LF and CRLF', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['# T', '', '<!-- backend-team:index agents -->', 'old', '<!-- /backend-team:index -->', 'after', ''].join(eol)
      const { regions, problems } = scanRegions(text)
      expect(problems).toEqual([])
      expect(regions).toHaveLength(1)
      expect(regions[0]!.name).toBe('agents')
      expect(text.slice(regions[0]!.innerStart, regions[0]!.innerEnd)).toBe(`old${eol}`)
      expect(regions[0]!.open.eol).toBe(eol)
    }
  })

  it('ignores markers in code blocks and code spans', () => {
    const text =
      '`<!-- backend-team:index agents -->`\n\n```\n<!-- backend-team:index agents -->\n```\n\n    <!-- /backend-team:index -->\n'
    expect(scanRegions(text)).toEqual({ regions: [], problems: [] })
  })

  it('reports unmatched, nested and misplaced markers without regions for them', () => {
    const kinds = (text: string) => scanRegions(text).problems.map((p) => p.kind)
    expect(kinds('<!-- backend-team:index agents -->\n')).toEqual(['unmatched-start'])
    expect(kinds('<!-- /backend-team:index -->\n')).toEqual(['unmatched-end'])
    expect(
      kinds('<!-- backend-team:index a -->\n<!-- backend-team:index b -->\n<!-- /backend-team:index -->\n<!-- /backend-team:index -->\n'),
    ).toEqual(['nested', 'unmatched-end'])
    expect(kinds('- <!-- backend-team:index a -->\n- <!-- /backend-team:index -->\n')).toEqual(['not-alone', 'not-alone'])
    expect(scanRegions('<!-- backend-team:index a -->\n<!-- backend-team:index b -->\n<!-- /backend-team:index -->\n').regions).toEqual([])
  })

  it('never throws on odd input', () => {
    for (const text of [
      '',
      '<!--',
      '<!-- backend-team:index',
      '<!-- backend-team:index x -->',
      '\r\r<!-- /backend-team:index -->\r',
      '> <!-- backend-team:index x -->\n> |a|\n> |-|\n',
    ]) {
      expect(() => scanRegions(text)).not.toThrow()
    }
  })

  it('has a region type for every name it lists', () => {
    expect(regionNames).toEqual(['agents', 'agreement', 'core-skills', 'cost', 'routing', 'rules', 'skills', 'specialists'])
  })
})

describe('generate', () => {
  it('fills empty regions, touches only region text (LF and CRLF), and a second run changes nothing', async () => {
    for (const rel of [
      'index-stale/invalid/empty-regions',
      'index-stale/invalid/crlf',
      'index-stale/invalid/hand-edited',
      'index-stale/invalid/changed-description',
    ]) {
      const dir = copyCase(rel)
      const before = snapshot(dir)
      const first = await run(['generate'], dir)
      expect(first.code, first.stdout).toBe(0)
      const after = snapshot(dir)
      const changed = [...after.keys()].filter((f) => after.get(f) !== before.get(f))
      expect(changed.length, rel).toBeGreaterThan(0)
      expect(first.stdout.trim().split('\n').sort()).toEqual(changed.map((f) => `rewrote ${f}`).sort())
      for (const f of changed) {
        expect(outsideRegions(after.get(f)!), `${rel}/${f}`).toEqual(outsideRegions(before.get(f)!))
        if (before.get(f)!.includes('\r\n')) expect(after.get(f)!.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
      }
      expect((await run(['validate'], dir)).code).toBe(0)
      const second = await run(['generate'], dir)
      expect(second).toEqual({ code: 0, stdout: 'index tables are up to date\n', stderr: '' })
      expect(snapshot(dir)).toEqual(after)
    }
  })

  it('produces exactly the committed valid fixtures from empty regions', async () => {
    for (const rel of [
      'index-stale/valid/pack',
      'index-stale/valid/no-catalog',
      'index-stale/valid/crlf',
      'index-stale/valid/escaping',
      'index-markers/valid/runtime-data',
    ]) {
      const dir = copyCase(rel)
      const fresh = snapshot(dir)
      for (const [f, text] of fresh) {
        const { regions } = scanRegions(text)
        let emptied = text
        for (const r of [...regions].reverse()) emptied = emptied.slice(0, r.innerStart) + emptied.slice(r.innerEnd)
        writeFileSync(join(dir, f), emptied)
      }
      expect((await run(['generate'], dir)).code).toBe(0)
      expect(snapshot(dir), rel).toEqual(fresh)
    }
  })

  it('is what validate --fix does too', () => {
    const dir = copyCase('index-stale/invalid/empty-regions')
    const result = validate({ cwd: dir, targets: [], fix: true })
    expect(result.fixedFiles.map((f) => relative(dir, f))).toEqual(['agents/lead.md'])
    expect(result.diagnostics).toEqual([])
  })

  it('reads `skills: planning manual` as two skills, as refs/unknown-skill does', () => {
    const dir = copyCase('index-stale/valid/no-catalog')
    const lead = join(dir, 'agents', 'lead.md')
    writeFileSync(lead, readFileSync(lead, 'utf8').replace('skills:\n  - planning\n', 'skills: planning manual\n'))
    validate({ cwd: dir, targets: [], fix: true })
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('| `planning`, `manual` |')
  })

  it('exits 1 and rewrites nothing when markers are broken or data is missing', async () => {
    for (const rel of ['index-markers/invalid/nested', 'index-markers/invalid/missing-data', 'index-markers/invalid/unknown-name']) {
      const dir = copyCase(rel)
      const before = snapshot(dir)
      const result = await run(['generate'], dir)
      expect(result.code, rel).toBe(1)
      expect(result.stdout).toContain('index/markers')
      expect(result.stdout).not.toContain('rewrote')
      expect(snapshot(dir)).toEqual(before)
    }
  })

  it('generates the README rule list from the registry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-index-'))
    temps.push(dir)
    cpSync(join(fixturesRoot, 'index-markers/valid/documented-syntax/agents'), join(dir, 'agents'), { recursive: true })
    writeFileSync(join(dir, 'README.md'), '# Rules\n\n<!-- backend-team:index rules -->\n<!-- /backend-team:index -->\n')
    expect((await run(['generate'], dir)).code).toBe(0)
    const rows = cellsOf(
      readFileSync(join(dir, 'README.md'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('|'))
        .join('\n'),
    )
    expect(rows[0]).toEqual(['Rule', 'Default severity', 'Fixable', 'Description'])
    expect(rows.slice(1).map((r) => r[0])).toEqual(checks.map((c) => c.id).sort())
    expect(rows.find((r) => r[0] === 'index/stale')).toEqual([
      'index/stale',
      'warning',
      'yes',
      checks.find((c) => c.id === 'index/stale')!.description,
    ])
  })
})

describe('acceptance', () => {
  it('a changed description fails validate naming the region; generate fixes it; a second run leaves git status clean', async () => {
    const dir = copyCase('index-stale/valid/no-catalog')
    const git = (...args: string[]) => runGit(dir, ...args)
    // A pack that keeps its tables generated holds them to `error`, as this repository does.
    writeFileSync(join(dir, 'backend-team.config.json'), JSON.stringify({ rules: { 'index/stale': 'error' } }))
    git('init', '-q')
    git('add', '-A')
    git('commit', '-qm', 'pack')
    expect((await run(['validate'], dir)).code).toBe(0)

    const helper = join(dir, 'agents', 'helper.md')
    writeFileSync(helper, readFileSync(helper, 'utf8').replace('Use when code must be written.', 'Use when a Go handler must be written.'))
    git('commit', '-qam', 'new description')
    const stale = await run(['validate'], dir)
    expect(stale.code).toBe(1)
    expect(stale.stdout).toContain('Unexpected stale `specialists` region')
    expect(stale.stdout).toContain('Unexpected stale `agents` region')
    expect(stale.stdout).toContain('run `npx backend-team generate`')

    const fixed = await run(['generate'], dir)
    expect(fixed.code).toBe(0)
    expect(fixed.stdout).toBe('rewrote README.md\nrewrote agents/lead.md\n')
    expect(readFileSync(join(dir, 'agents', 'lead.md'), 'utf8')).toContain('| `helper` | Use when a Go handler must be written. |')
    expect((await run(['validate'], dir)).code).toBe(0)
    git('commit', '-qam', 'regenerate')

    expect((await run(['generate'], dir)).stdout).toBe('index tables are up to date\n')
    expect(git('status', '--porcelain')).toBe('')
  })
})

describe('speed', () => {
  it('adds little to a 3,000-file project: only files with a marker are looked at', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-index-'))
    temps.push(dir)
    mkdirSync(join(dir, 'agents'))
    for (let i = 0; i < 3000; i++) {
      writeFileSync(
        join(dir, 'agents', `agent-${i}.md`),
        `---\nname: agent-${i}\ndescription: "Use when task ${i} comes up. More."\ntools: Read\nmodel: sonnet\n---\n\nYou do task ${i}.\n`,
      )
    }
    writeFileSync(
      join(dir, 'agents', 'lead.md'),
      '---\nname: lead\ndescription: "Use when planning."\ntools: Agent, Read\n---\n\n<!-- backend-team:index specialists -->\n<!-- /backend-team:index -->\n',
    )
    writeFileSync(join(dir, 'README.md'), '# Pack\n\n<!-- backend-team:index agents -->\n<!-- /backend-team:index -->\n')
    const indexChecks = checks.filter((c) => c.id.startsWith('index/'))
    validate({ cwd: dir, targets: [], checks: indexChecks, fix: true })
    // Its speed is measured by `npm run bench`; here, that every file is read and the tables come out clean.
    const result = validate({ cwd: dir, targets: [], checks: indexChecks })
    expect(result.fileCount).toBe(3002)
    expect(result.diagnostics).toEqual([])
  }, 120_000)
})
