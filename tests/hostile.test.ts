/**
 * Hostile input: files that cannot live in git (huge, looping, unreadable, thousands of them) are made here in a
 * temp folder. Each must give a diagnostic and never a crash, a hang or a side effect.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineCheck } from '../scripts/lib/engine/check.ts'
import type { Diagnostic } from '../scripts/lib/engine/diagnostics.ts'
import { maxDiagnosticsPerFile } from '../scripts/lib/engine/lint-project.ts'
import { validate } from '../scripts/lib/engine/run.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const roots: string[] = []

/** A project in a fresh temp folder; values are file contents (Buffer for raw bytes). */
function project(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'bt-hostile-'))
  roots.push(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

function run(root: string, timeLimitMs?: number): { diagnostics: Diagnostic[]; lines: string[] } {
  const { diagnostics } = validate({ cwd: root, targets: [], ...(timeLimitMs !== undefined ? { timeLimitMs } : {}) })
  return { diagnostics, lines: diagnostics.map((d) => `${relative(root, d.file)}:${d.line}:${d.column} ${d.ruleId}`) }
}

const agent = (frontmatter: string, body = 'You do one small job and report what you did.\n') => `---\n${frontmatter}\n---\n\n${body}`
const good = 'name: helper\ndescription: "Use when a test needs an agent."\ntools: Read'

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true })
})

describe('front matter that is code is never run', () => {
  for (const language of ['js', 'javascript', 'coffee']) {
    it(`---${language}`, () => {
      const marker = join(tmpdir(), `bt-hostile-ran-${language}-${process.pid}`)
      const code = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); globalThis.__btHostileRan = true`
      const root = project({ 'agents/helper.md': `---${language}\n${code}\n---\n\nBody.\n` })
      const { lines, diagnostics } = run(root)
      expect(existsSync(marker)).toBe(false)
      expect((globalThis as Record<string, unknown>).__btHostileRan).toBeUndefined()
      expect(lines).toContain('agents/helper.md:1:1 frontmatter/yaml-syntax')
      expect(diagnostics.find((d) => d.ruleId === 'frontmatter/yaml-syntax')?.message).toContain(`\`${language}\` front matter`)
    })
  }
})

describe('YAML built to exhaust the parser', () => {
  it('an alias bomb ("billion laughs") is refused, not expanded', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 9; i++) {
      const [prev, cur] = ['abcdefghi'[i - 1], 'abcdefghi'[i]]
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`)
    }
    const root = project({ 'agents/helper.md': agent(`${good}\n${levels.join('\n')}`) })
    // Its time is measured by npm run bench (alias bomb); here, what it reports.
    const { diagnostics } = run(root)
    const d = diagnostics.find((x) => x.ruleId === 'frontmatter/yaml-syntax')
    expect(d && [relative(root, d.file), d.line, d.column]).toEqual(['agents/helper.md', 1, 4])
    expect(d?.message).toContain('once aliases are expanded')
  })

  for (const [name, opener] of [
    ['flow sequences', '['],
    ['flow mappings', '{a: '],
  ] as const) {
    it(`10,000 nested ${name}`, () => {
      const root = project({ 'agents/helper.md': agent(`${good}\nx: ${opener.repeat(10_000)}`) })
      // Its time is measured by npm run bench (10,000 nested flow …); here, what it reports.
      const { diagnostics } = run(root)
      // Claude Code's quoting retry turns the unclosed value into a string, so the file loads: a portability warning.
      const d = diagnostics.find((x) => x.ruleId === 'frontmatter/yaml-strict')
      // The parser gives up on line 5 (the `x:` line); the column is where it stopped, inside that line.
      expect(d && [relative(root, d.file), d.line]).toEqual(['agents/helper.md', 5])
      expect(d!.column).toBeGreaterThanOrEqual(1)
      expect(d!.column).toBeLessThanOrEqual(4 + opener.length * 10_000)
    })
  }
})

describe('sizes and encodings', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(repo, 'scripts/build.mjs')], { cwd: repo })
  }, 60_000)

  it('a 100 MB file is never read into memory (built CLI, peak memory)', () => {
    const root = project({ 'agents/helper.md': agent(good) })
    writeFileSync(join(root, 'agents/huge.md'), '')
    truncateSync(join(root, 'agents/huge.md'), 100 * 1024 * 1024)
    const child = spawnSync(
      process.execPath,
      ['--require', join(repo, 'scripts/bench/peak-rss.cjs'), join(repo, 'bin/backend-team.js'), 'validate', '--format', 'json', root],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
    )
    expect(child.status).toBe(1)
    const diagnostics = JSON.parse(child.stdout.slice(child.stdout.indexOf('['))) as Diagnostic[]
    const d = diagnostics.find((x) => x.ruleId === 'file/too-large')
    expect(d && [d.file, d.line, d.column]).toEqual(['agents/huge.md', 1, 1])
    expect(d?.message).toContain('104857600 bytes')
    const peakKiB = Number(/@@peak-rss (\d+)/.exec(child.stderr)?.[1])
    expect(peakKiB).toBeGreaterThan(0)
    expect(peakKiB / 1024).toBeLessThan(100) // a run on a small project peaks well under this; reading the file would add 100 MB
  }, 40_000)

  it('a 2 MB file is reported as too large', () => {
    const root = project({ 'agents/big.md': agent(good, 'Line of body text.\n'.repeat(110_000)) })
    expect(run(root).lines).toContain('agents/big.md:1:1 file/too-large')
  })

  const encodings: [string, Buffer, string][] = [
    ['invalid UTF-8', Buffer.concat([Buffer.from(agent(good)), Buffer.from([0xc3, 0x28, 0x0a])]), 'not UTF-8'],
    ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(agent(good), 'utf16le')]), 'UTF-16'],
    ['NUL bytes', Buffer.concat([Buffer.from(agent(good)), Buffer.from([0, 0, 0])]), 'NUL byte'],
  ]
  for (const [name, bytes, detail] of encodings) {
    it(name, () => {
      const root = project({ 'agents/helper.md': bytes })
      const { lines, diagnostics } = run(root)
      expect(lines).toContain('agents/helper.md:1:1 file/encoding')
      expect(diagnostics.find((d) => d.ruleId === 'file/encoding')?.message).toContain(detail)
    })
  }

  // `model: gpt-4o` sits on line 5 at column 8 however lines end and whether a BOM leads.
  const withModel = `---\nname: helper\ndescription: "Use when a test needs an agent."\ntools: Read\nmodel: gpt-4o\n---\n\nBody.\n`
  for (const [name, text] of [
    ['a UTF-8 BOM', `\ufeff${withModel}`],
    ['CRLF line endings', withModel.replace(/\n/g, '\r\n')],
    ['lone CR line endings', withModel.replace(/\n/g, '\r')],
    ['a BOM and CRLF', `\ufeff${withModel.replace(/\n/g, '\r\n')}`],
  ] as const) {
    it(`${name}: positions stay right`, () => {
      const root = project({ 'agents/helper.md': text })
      const { lines } = run(root)
      expect(lines).toContain('agents/helper.md:5:8 frontmatter/unknown-model')
      expect(lines.filter((l) => /file\/encoding|yaml-syntax/.test(l))).toEqual([])
    })
  }
})

describe('links and special files', () => {
  it('a dangling link is unreadable', () => {
    const root = project({ 'agents/helper.md': agent(good) })
    symlinkSync('missing.md', join(root, 'agents/ghost.md'))
    expect(run(root).lines).toContain('agents/ghost.md:1:1 file/unreadable')
  })

  it('a link loop is unreadable, and a folder loop is walked once', () => {
    const root = project({ 'agents/helper.md': agent(good) })
    symlinkSync('b.md', join(root, 'agents/a.md'))
    symlinkSync('a.md', join(root, 'agents/b.md'))
    symlinkSync('.', join(root, 'agents/self'))
    const { lines, diagnostics } = run(root)
    expect(lines).toEqual(expect.arrayContaining(['agents/a.md:1:1 file/unreadable', 'agents/b.md:1:1 file/unreadable']))
    expect(diagnostics.find((d) => d.file.endsWith('a.md'))?.message).toContain('symbolic link loop')
    expect(lines.filter((l) => l.includes('self/'))).toEqual([])
  })

  it('a FIFO never blocks the run (built CLI, with a timeout)', () => {
    const root = project({ 'agents/helper.md': agent(good), '.claude-plugin/plugin.json': '{"name":"p"}' })
    execFileSync('mkfifo', [join(root, 'agents/pipe.md')])
    mkdirSync(join(root, 'plug/.claude-plugin'), { recursive: true })
    const child = spawnSync(process.execPath, [join(repo, 'bin/backend-team.js'), 'validate', '--format', 'json', join(root, 'agents')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(child.signal).toBeNull()
    expect(child.status).toBe(1)
    const diagnostics = JSON.parse(child.stdout.slice(child.stdout.indexOf('['))) as Diagnostic[]
    const d = diagnostics.find((x) => x.ruleId === 'file/unreadable')
    expect(d && [d.file, d.line, d.column]).toEqual(['agents/pipe.md', 1, 1])
    expect(d?.message).toContain('not a regular file')
  }, 30_000)

  it('a FIFO manifest never blocks discovery', () => {
    const root = project({ 'agents/helper.md': agent(good) })
    mkdirSync(join(root, '.claude-plugin'))
    execFileSync('mkfifo', [join(root, '.claude-plugin/plugin.json')])
    const child = spawnSync(process.execPath, [join(repo, 'bin/backend-team.js'), 'validate', '--format', 'json', root], {
      cwd: root,
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(child.signal).toBeNull()
    expect(child.stdout).toContain('"file/unreadable"')
  }, 30_000)

  it('a link to a file outside the project is reported and never read', () => {
    // The target would give several diagnostics if it were read.
    const outside = project({ 'secret-agent.md': agent('name: Bad Name\ndescription: 5\nmodel: gpt-4o\ntools: NotATool') })
    const root = project({ 'agents/helper.md': agent(good) })
    symlinkSync(join(outside, 'secret-agent.md'), join(root, 'agents/linked.md'))
    const { diagnostics } = run(root)
    const mine = diagnostics.filter((d) => d.file === join(root, 'agents/linked.md'))
    expect(mine.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['1:1 file/unreadable'])
    expect(mine[0]!.message).toContain('outside the project')
    expect(diagnostics.filter((d) => d.file.startsWith(outside))).toEqual([])
  })
})

describe('names and numbers', () => {
  it('file and folder names with spaces and non-ASCII characters', () => {
    const root = project({
      'agents/team one/réviseur ü.md': agent(`${good}\nmodel: gpt-4o`),
      'skills/naïve skill/SKILL.md':
        '---\nname: naïve skill\ndescription: "Use when a test needs a skill."\nmodel: gpt-4o\n---\n\nSteps.\n',
    })
    const { lines } = run(root)
    expect(lines).toContain('agents/team one/réviseur ü.md:5:8 frontmatter/unknown-model')
    expect(lines).toContain('skills/naïve skill/SKILL.md:4:8 frontmatter/unknown-model')
  })

  it('5,000 files in one folder', () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 5000; i++) {
      const name = `agent-${String(i).padStart(4, '0')}`
      files[`agents/${name}.md`] = agent(
        `name: ${name}\ndescription: "Use when a test needs agent ${i}."\ntools: Read${i === 4321 ? '\nmodel: gpt-4o' : ''}`,
      )
    }
    const root = project(files)
    // Its time is measured by npm run bench (5,000 agents in one folder); here, that every file is checked.
    const result = validate({ cwd: root, targets: [] })
    expect(result.fileCount).toBe(5000)
    const lines = result.diagnostics.map((d) => `${relative(root, d.file)}:${d.line}:${d.column} ${d.ruleId}`)
    expect(lines).toContain('agents/agent-4321.md:5:8 frontmatter/unknown-model')
    expect(lines.filter((l) => /time-limit|unreadable|encoding/.test(l))).toEqual([])
  }, 30_000)

  it('references that try to leave the project', () => {
    const root = project({
      'agents/helper.md': agent(`${good}\nskills:\n  - ../../etc/passwd`, 'See [the users](../../etc/passwd) first.\n'),
    })
    const { lines, diagnostics } = run(root)
    expect(lines).toContain('agents/helper.md:6:5 refs/unknown-skill')
    expect(lines).toContain('agents/helper.md:9:17 refs/broken-link')
    expect(diagnostics.every((d) => d.file.startsWith(root))).toBe(true)
  })
})

describe('graceful limits', () => {
  it(`caps diagnostics per file at ${maxDiagnosticsPerFile} and says how many there were`, () => {
    const tools = Array.from({ length: 150 }, (_, i) => `NotATool${i}`).join(', ')
    const root = project({ 'agents/helper.md': agent(`name: helper\ndescription: "Use when a test needs an agent."\ntools: ${tools}`) })
    const { diagnostics } = run(root)
    const mine = diagnostics.filter((d) => d.file.endsWith('helper.md'))
    expect(mine).toHaveLength(maxDiagnosticsPerFile + 1)
    const cap = mine.find((d) => d.ruleId === 'file/too-many-problems')
    expect(cap?.severity).toBe('error')
    expect(cap?.message).toMatch(/^Unexpected \d+ problems in one file, expected at most 100; the rest are not shown$/)
  })

  it('stops starting files after the time limit and reports file/time-limit', () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 10; i++)
      files[`agents/agent-${i}.md`] = agent(`name: agent-${i}\ndescription: "Use when a test needs agent ${i}."\ntools: Read`)
    const root = project(files)
    const slow = defineCheck({
      id: 'test/slow',
      description: 'Spends 30 ms on each file',
      rationale: 'Simulates a file that is slow to check.',
      defaultSeverity: 'error',
      scope: 'file',
      kinds: ['agent'],
      messages: {},
      check() {
        const until = Date.now() + 30
        while (Date.now() < until) {
          /* busy */
        }
      },
    })
    const { diagnostics } = validate({ cwd: root, targets: [], checks: [slow], timeLimitMs: 100 })
    const limit = diagnostics.filter((d) => d.ruleId === 'file/time-limit')
    expect(limit).toHaveLength(1)
    const count = Number(/(\d+) of 10 files were not checked/.exec(limit[0]!.message)?.[1])
    expect(count).toBeGreaterThan(0)
    expect(count).toBeLessThan(10)
    expect([limit[0]!.severity, limit[0]!.line, limit[0]!.column]).toEqual(['error', 1, 1])
  })
})
