import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { agent, cli, project } from './helpers.ts'

const broken = () =>
  project({
    'agents/good.md': agent('good'),
    'agents/bad.md': agent('bad', 'color: magenta\n'),
    'agents/warn.md': agent('warn', '', '```go\ntime.Sleep(time.Second)\n```\n'),
  })

describe('backend-team validate', () => {
  it('exits 0 and prints nothing on a clean project', async () => {
    const r = await cli(project({ 'agents/good.md': agent('good') }), 'validate')
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('exits 1 on errors, with an ESLint-style report', async () => {
    const r = await cli(broken(), 'validate')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('agents/bad.md\n  7:8  error  Unexpected `magenta` for `color`')
    expect(r.stdout).toMatch(/✖ 2 problems \(1 error, 1 warning\)/)
  })

  it('prints the stable json format: a flat array with paths relative to the working directory', async () => {
    const root = broken()
    const r = await cli(root, 'validate', '--format', 'json', 'agents')
    const out = JSON.parse(r.stdout)
    expect(out).toEqual([
      {
        file: 'agents/bad.md',
        line: 7,
        column: 8,
        endLine: 7,
        endColumn: 15,
        ruleId: 'frontmatter/schema',
        messageId: 'schema',
        severity: 'error',
        message: expect.stringContaining('`magenta`'),
        url: 'https://github.com/backend-team/backend-team/blob/main/docs/rules/frontmatter/schema.md',
      },
      {
        file: 'agents/warn.md',
        line: 10,
        column: 1,
        endLine: 10,
        endColumn: 11,
        ruleId: 'content/no-sleep-polling',
        messageId: 'sleep',
        severity: 'warning',
        message: expect.any(String),
        url: expect.stringMatching(/\/docs\/rules\/content\/no-sleep-polling\.md$/),
      },
    ])
  })

  it('prints GitHub annotations with escaped properties', async () => {
    const r = await cli(broken(), 'validate', '--format', 'github')
    expect(r.stdout).toContain(
      '::error file=agents/bad.md,line=7,col=8,endLine=7,endColumn=15,title=frontmatter/schema::Unexpected `magenta`',
    )
    expect(r.stdout).toContain('::warning file=agents/warn.md,line=10,col=1')
  })

  it('prints SARIF 2.1.0 with rule metadata', async () => {
    const log = JSON.parse((await cli(broken(), 'validate', '--format', 'sarif')).stdout)
    expect(log.version).toBe('2.1.0')
    const run = log.runs[0]
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['content/no-sleep-polling', 'frontmatter/schema'])
    expect(run.results[0]).toMatchObject({
      ruleId: 'frontmatter/schema',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'agents/bad.md' }, region: { startLine: 7, startColumn: 8 } } }],
    })
  })

  it('--quiet hides warnings; --max-warnings turns them into a failure', async () => {
    const root = project({ 'agents/warn.md': agent('warn', '', '```go\ntime.Sleep(time.Second)\n```\n') })
    expect((await cli(root, 'validate')).code).toBe(0)
    expect((await cli(root, 'validate', '--quiet')).stdout).toBe('')
    const strict = await cli(root, 'validate', '--max-warnings', '0')
    expect(strict.code).toBe(1)
    expect(strict.stderr).toContain('1 warning found, more than --max-warnings 0')
    expect((await cli(root, 'validate', '--max-warnings', '1')).code).toBe(0)
  })

  it('exits 2 with a one-line message when called wrongly', async () => {
    const root = project({ 'agents/good.md': agent('good') })
    for (const args of [['--format', 'xml'], ['--max-warnings', '-2'], ['--nope'], ['missing-folder']]) {
      const r = await cli(root, 'validate', ...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/^backend-team validate: .+\n$/)
    }
    expect((await cli(root, 'frobnicate')).code).toBe(2)
  })

  it('reports only the files given, while cross-file checks see the whole project, in any order', async () => {
    const root = project({
      'agents/a.md': agent('a', 'skills:\n  - helper\n'),
      'agents/b.md': agent('b', 'skills:\n  - missing\n'),
      'agents/c.md': agent('c', 'color: magenta\n'),
      'skills/helper/SKILL.md': '---\nname: helper\ndescription: "Use when helping."\n---\n\nHelp.\n',
    })
    const one = await cli(root, 'validate', '--format', 'json', 'agents/a.md', 'agents/b.md')
    const other = await cli(root, 'validate', '--format', 'json', 'agents/b.md', 'agents/a.md')
    expect(one.stdout).toBe(other.stdout)
    expect(JSON.parse(one.stdout).map((d: { file: string; ruleId: string }) => `${d.file} ${d.ruleId}`)).toEqual([
      'agents/b.md refs/unknown-skill',
    ])
  })

  it("--fix quotes a value that only Claude Code's retry rescues, atomically, and the result is valid", async () => {
    const root = project({
      'agents/colon.md': '---\nname: colon\ndescription: Use when: a colon breaks YAML\ntools:\n  - Read\nmodel: sonnet\n---\n\nBody.\n',
    })
    const before = await cli(root, 'validate', '--format', 'json')
    expect(JSON.parse(before.stdout)[0].ruleId).toBe('frontmatter/yaml-strict')
    const fixed = await cli(root, 'validate', '--fix')
    expect(fixed.code).toBe(0)
    expect(readFileSync(join(root, 'agents/colon.md'), 'utf8')).toContain('description: "Use when: a colon breaks YAML"\n')
  })
})

describe('backend-team rules', () => {
  it('lists every rule with severity and rationale', async () => {
    const r = await cli(process.cwd(), 'rules', '--format', 'json')
    const rules = JSON.parse(r.stdout)
    expect(rules.find((x: { id: string }) => x.id === 'refs/unknown-tool')).toMatchObject({ defaultSeverity: 'error', fixable: false })
    expect(rules.every((x: { rationale: string }) => x.rationale.length > 20)).toBe(true)
  })
})
