/**
 * Issue 12, bounded work per file: inputs built to make the validator run out of memory or time. The built CLI runs
 * them with a 300 MiB heap and a timeout that only catches a hang; the timings themselves are measured by
 * `npm run bench` (scripts/bench.ts), not asserted here.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { defineCheck } from '../scripts/lib/engine/check.ts'
import { validate } from '../scripts/lib/engine/run.ts'
import { closest } from '../scripts/lib/check-support/suggest.ts'
import { hostileBodies } from '../scripts/fuzz/generators.ts'

const bin = fileURLToPath(new URL('../bin/backend-team.js', import.meta.url))
const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bt-cost-'))
  temps.push(root)
  writeFileSync(join(root, 'package.json'), '{}')
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

/** The built CLI with a 300 MiB heap; `status` is null when the hang guard killed it. */
function run(cwd: string, args: string[], timeout = 90_000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=300', bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const head = (extra = '') => `---\nname: a\ndescription: "Use when a."\ntools: Read\n${extra}---\n\n`

describe('YAML', () => {
  it('the alias bomb of the issue (99 KB, `x: &a [{}×30000]`, `z: [*a×3000]`) gives a diagnostic, not an OOM', () => {
    const bomb = `x: &a [${Array(30_000).fill('{}').join(',')}]\nz: [${Array(3_000).fill('*a').join(',')}]\n`
    const root = project({ 'agents/a.md': `${head(bomb)}Body.\n` })
    const r = run(root, ['validate', '--format', 'json'])
    expect(r.stderr).toBe('')
    expect(r.status).not.toBeNull()
    const yaml = JSON.parse(r.stdout).find((d: { ruleId: string }) => d.ruleId === 'frontmatter/yaml-syntax')
    expect(yaml.message).toContain('more than 250000 values once aliases are expanded')
  })

  for (const [keys, maxTime] of [
    [50_000, '60'],
    [100_000, '1'],
  ] as const) {
    it(`${keys.toLocaleString('en')} front-matter keys finish (--max-time ${maxTime})`, () => {
      const many = Array.from({ length: keys }, (_, i) => `k${i}: v`).join('\n')
      const root = project({ 'agents/a.md': `${head(`${many}\n`)}Body.\n` })
      const r = run(root, ['validate', '--format', 'json', '--max-time', maxTime])
      expect(r.status).not.toBeNull()
      const ids = new Set(JSON.parse(r.stdout).map((d: { ruleId: string }) => d.ruleId))
      expect(ids.has('frontmatter/unknown-key') || ids.has('file/time-limit')).toBe(true)
    })
  }
})

describe('scanners', () => {
  it('300 KB lines built against each body pattern, and a 1 MiB line of backtick runs, are all checked', () => {
    const files: Record<string, string> = {}
    const bodies = { ...hostileBodies(300_000), 'backtick-runs': hostileBodies(1_000_000)['backtick-runs']! }
    for (const [name, body] of Object.entries(bodies)) files[`agents/${name}.md`] = body.startsWith('---') ? body : `${head()}${body}\n`
    const root = project(files)
    const r = run(root, ['validate', '--format', 'json', '--max-time', '60'])
    expect(r.status).not.toBeNull()
    const diagnostics = JSON.parse(r.stdout) as { ruleId: string; file: string }[]
    expect(diagnostics.filter((d) => d.ruleId === 'file/time-limit')).toEqual([])
    // The `curl` line ends in a pipe to a shell: it is still found.
    expect(diagnostics.some((d) => d.ruleId === 'security/remote-code-hook' && d.file === 'agents/curl.md')).toBe(true)
  })

  it('a 300 KB cell in a region data file is generated', () => {
    const root = project({
      'agents/a.md': `${head()}Body.\n`,
      'README.md': '# P\n\n<!-- backend-team:index agreement -->\n<!-- /backend-team:index -->\n',
    })
    mkdirSync(join(root, 'docs', 'runtime'), { recursive: true })
    writeFileSync(join(root, 'docs', 'runtime', 'agreement.json'), JSON.stringify([{ defect: '[a]('.repeat(75_000), runtime: 'x' }]))
    const r = run(root, ['generate'])
    expect(r.stdout).toContain('rewrote README.md')
    expect(r.status).toBe(0)
  })
})

describe('the time guard', () => {
  it('stops work inside a file and names the file it did not finish', () => {
    const root = project({ 'agents/a.md': `${head()}Body.\n`, 'agents/b.md': `${head().replace('name: a', 'name: b')}Body.\n` })
    // A check that would run for 20 s on one file, in a loop the guard polls (a "did you mean" search).
    const slow = defineCheck({
      id: 'test/slow',
      description: 'slow',
      rationale: 'slow',
      defaultSeverity: 'error',
      scope: 'file',
      kinds: ['agent'],
      messages: {},
      check() {
        const end = Date.now() + 20_000
        while (Date.now() < end) closest('helper', ['helpers', 'other'])
      },
    })
    const { diagnostics } = validate({ cwd: root, targets: [], checks: [slow], timeLimitMs: 300 })
    const limit = diagnostics.filter((d) => d.ruleId === 'file/time-limit')
    expect(limit).toHaveLength(1)
    expect(limit[0]!.message).toContain('2 of 2 files were not checked (agents/a.md, agents/b.md)')
  })

  it('2,000 agents with 30,000 unknown references return under --max-time 2', () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 2000; i++) {
      const refs = Array.from({ length: 15 }, (_, k) => `Dispatch the \`ghost-agent-${i}-${k}\` agent.`).join('\n')
      files[`agents/agent-${i}.md`] = `---\nname: agent-${i}\ndescription: "Use when case ${i} happens."\ntools: Read\n---\n\n${refs}\n`
    }
    const root = project(files)
    const r = run(root, ['validate', '--format', 'json', '--max-time', '2'], 60_000)
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout).some((d: { ruleId: string }) => d.ruleId === 'file/time-limit')).toBe(true)
  })
})

describe('generated regions', () => {
  it('150 stale regions are fixed in one run', () => {
    const region = '<!-- backend-team:index rules -->\n<!-- /backend-team:index -->\n\n'
    const root = project({ 'agents/a.md': `${head()}Body.\n`, 'README.md': `# P\n\n${region.repeat(150)}` })
    expect(run(root, ['generate']).stdout).toContain('rewrote README.md')
    const after = run(root, ['validate', '--format', 'json'])
    expect(JSON.parse(after.stdout).filter((d: { ruleId: string }) => d.ruleId.startsWith('index/'))).toEqual([])
  }, 180_000)

  it('a description holding the region end marker does not break the region', () => {
    const root = project({
      'agents/a.md': `---\nname: a\ndescription: "Use when <!-- /backend-team:index --> appears."\ntools: Read\n---\n\nBody.\n`,
      'README.md': '# P\n\n<!-- backend-team:index agents -->\n<!-- /backend-team:index -->\n',
    })
    expect(run(root, ['generate']).stdout).toContain('rewrote README.md')
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('`a`')
    const after = run(root, ['validate', '--format', 'json'])
    expect(JSON.parse(after.stdout).filter((d: { ruleId: string }) => d.ruleId.startsWith('index/'))).toEqual([])
    expect(run(root, ['generate']).stdout).toBe('index tables are up to date\n')
  })
})
