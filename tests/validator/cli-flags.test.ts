import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import reportSchema from '../../schemas/json-report.schema.json' with { type: 'json' }
import { colorByDefault } from '../../scripts/lib/commands/color.ts'
import { validateOptions, validateUsage } from '../../scripts/lib/commands/validate.ts'
import { repositorySlug } from '../../scripts/lib/reporters/rule-docs.ts'
import { agent, cli, cliWith, project } from './helpers.ts'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(repoRoot, 'bin/backend-team.js')
const sleepy = agent('warn', '', '```go\ntime.Sleep(time.Second)\n```\n')
const stdinOf = (text: string) => (limit: number) => Promise.resolve(Buffer.from(text).subarray(0, limit + 1))

describe('validate: flags as ESLint users type them', () => {
  it('answers an unknown flag with the closest one, in one line, exit 2', async () => {
    const root = project({ 'agents/good.md': agent('good') })
    const r = await cli(root, 'validate', '--max-warning', '0')
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'backend-team validate: unknown option `--max-warning` (did you mean `--max-warnings`?); see --help\n',
    })
    const format = await cli(root, 'validate', '-f', 'jsn')
    expect(format.stderr).toContain('unknown format `jsn` (did you mean `json`?)')
    expect((await cli(root, 'rules', '--formt', 'json')).stderr).toContain('did you mean `--format`?')
  })

  it('takes -f, -o, -c and -q for --format, --output-file, --config and --quiet', async () => {
    const root = project({
      'agents/warn.md': sleepy,
      'agents/bad.md': agent('bad', 'color: magenta\n'),
      'alt.json': '{ "rules": { "content/no-sleep-polling": "off" } }',
    })
    const r = await cli(root, 'validate', '-f', 'json', '-o', 'out/report.json', '-c', 'alt.json')
    expect(r.stdout).toBe('')
    expect(r.code).toBe(1)
    expect(JSON.parse(readFileSync(join(root, 'out/report.json'), 'utf8')).map((d: { ruleId: string }) => d.ruleId)).toEqual([
      'frontmatter/schema',
    ])
    expect((await cli(root, 'validate', '-q')).stdout).not.toContain('agents/warn.md')
    expect((await cli(root, 'validate')).stdout).toContain('agents/warn.md')
    expect((await cli(root, 'validate', '-h')).stdout).toContain('-o, --output-file <file>')
  })

  it('--max-warnings -1 means no limit; other negatives are refused', async () => {
    const root = project({ 'agents/warn.md': sleepy })
    expect(await cli(root, 'validate', '--max-warnings', '-1')).toMatchObject({ code: 0, stderr: '' })
    expect((await cli(root, 'validate', '--max-warnings=-1')).code).toBe(0)
    const bad = await cli(root, 'validate', '--max-warnings', '-3')
    expect(bad).toMatchObject({ code: 2, stderr: 'backend-team validate: --max-warnings takes a whole number ≥ 0, or -1 for no limit\n' })
  })

  it('says "1 warning" and "2 warnings"', async () => {
    const one = await cli(project({ 'agents/warn.md': sleepy }), 'validate', '--max-warnings', '0')
    expect(one.stderr).toBe('backend-team: 1 warning found, more than --max-warnings 0\n')
    expect(one.stdout).toContain('✖ 1 problem (0 errors, 1 warning)')
    const two = await cli(
      project({ 'agents/warn.md': sleepy, 'agents/other.md': agent('other', '', '```go\ntime.Sleep(time.Second)\n```\n') }),
      'validate',
      '--max-warnings',
      '1',
    )
    expect(two.stderr).toBe('backend-team: 2 warnings found, more than --max-warnings 1\n')
  })

  it('expands globs, reports only what they matched, and stops with exit 2 when one matches nothing', async () => {
    const root = project({
      'agents/a.md': agent('a', 'color: magenta\n'),
      'agents/b.md': agent('b', 'color: magenta\n'),
      'skills/s/SKILL.md': '---\nname: s\ndescription: "Use when s."\n---\n\nS.\n',
    })
    const r = await cli(root, 'validate', '-f', 'json', 'agents/a*.md')
    expect(JSON.parse(r.stdout).map((d: { file: string }) => d.file)).toEqual(['agents/a.md'])
    const all = await cli(root, 'validate', '-f', 'json', '**/*.md')
    expect(new Set(JSON.parse(all.stdout).map((d: { file: string }) => d.file))).toEqual(new Set(['agents/a.md', 'agents/b.md']))
    const none = await cli(root, 'validate', 'commands/*.md')
    expect(none).toEqual({ code: 2, stdout: '', stderr: 'backend-team validate: no files match `commands/*.md`\n' })
    expect((await cli(root, 'validate', '--no-error-on-unmatched-pattern', 'commands/*.md')).code).toBe(0)
  })

  it('exits 2 with a clear message when nothing was checked, and 0 for a clean run that checked files', async () => {
    const empty = project({ 'notes.txt': 'nothing for Claude Code here\n' })
    expect(await cli(empty, 'validate')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'backend-team validate: nothing checked: no agent, skill, command, plugin or hooks file found in the working directory\n',
    })
    expect((await cli(empty, 'validate', '--no-error-on-unmatched-pattern')).code).toBe(0)
    expect((await cli(project({ 'agents/good.md': agent('good') }), 'validate')).code).toBe(0)
    // A hook that passes every staged file: files Claude Code never loads are skipped, and that is no failure.
    const hooked = project({ 'agents/good.md': agent('good'), 'src/main.go': 'package main\n' })
    expect(await cli(hooked, 'validate', 'src/main.go')).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('--output-file writes the report atomically, plain unless --color, and prints nothing', async () => {
    const root = project({ 'agents/bad.md': agent('bad', 'color: magenta\n') })
    const r = await cliWith({ cwd: root, isTTY: true }, 'validate', '--output-file', 'report.txt')
    expect(r).toMatchObject({ code: 1, stdout: '' })
    const text = readFileSync(join(root, 'report.txt'), 'utf8')
    expect(text).toContain('agents/bad.md\n  7:8  error')
    expect(text).not.toContain('\u001b[')
    await cliWith({ cwd: root, isTTY: false }, 'validate', '-o', 'report.txt', '--color')
    expect(readFileSync(join(root, 'report.txt'), 'utf8')).toContain('\u001b[31m')
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('--color and --no-color override the default; FORCE_COLOR and NO_COLOR set it', async () => {
    const root = project({ 'agents/bad.md': agent('bad', 'color: magenta\n') })
    expect((await cliWith({ cwd: root, isTTY: true }, 'validate')).stdout).toContain('\u001b[')
    expect((await cliWith({ cwd: root, isTTY: true }, 'validate', '--no-color')).stdout).not.toContain('\u001b[')
    expect((await cliWith({ cwd: root, isTTY: false }, 'validate', '--color')).stdout).toContain('\u001b[')
    expect(colorByDefault({}, true)).toBe(true)
    expect(colorByDefault({}, false)).toBe(false)
    expect(colorByDefault({ NO_COLOR: '1' }, true)).toBe(false)
    expect(colorByDefault({ NO_COLOR: '' }, true)).toBe(true)
    expect(colorByDefault({ FORCE_COLOR: '1' }, false)).toBe(true)
    expect(colorByDefault({ FORCE_COLOR: '' }, false)).toBe(true)
    expect(colorByDefault({ FORCE_COLOR: '0' }, true)).toBe(false)
    expect(colorByDefault({ FORCE_COLOR: 'false' }, true)).toBe(false)
    expect(colorByDefault({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true)
  })
})

describe('validate --stdin', () => {
  const checkStdinAs = (root: string, filename: string, text: string, ...args: string[]) =>
    cliWith({ cwd: root, readStdin: stdinOf(text) }, 'validate', '--stdin', '--stdin-filename', filename, ...args)

  it('checks the text as the named file in its project, reports it under that name and writes nothing', async () => {
    const root = project({
      'agents/a.md': agent('a'),
      'skills/helper/SKILL.md': '---\nname: helper\ndescription: "Use when helping."\n---\n\nHelp.\n',
    })
    const before = readFileSync(join(root, 'agents/a.md'), 'utf8')
    const edited = agent('a', 'skills:\n  - helper\n  - helpr\ncolor: magenta\n')
    const r = await checkStdinAs(root, 'agents/a.md', edited, '-f', 'json')
    expect(r.code).toBe(1)
    // The cross-file check sees the project's skills: `helper` is known, `helpr` is not.
    const found = JSON.parse(r.stdout).map((d: { file: string; ruleId: string; message: string }) => `${d.file} ${d.ruleId}`) as string[]
    expect(found.sort()).toEqual(['agents/a.md frontmatter/schema', 'agents/a.md refs/unknown-skill'])
    expect(r.stdout).toContain('`helpr`')
    expect(readFileSync(join(root, 'agents/a.md'), 'utf8')).toBe(before)
    const clean = await checkStdinAs(root, 'agents/a.md', agent('a'))
    expect(clean).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('refuses what it cannot honour, in one line, exit 2', async () => {
    const root = project({ 'agents/a.md': agent('a') })
    const io = { cwd: root, readStdin: stdinOf(agent('a')) }
    for (const args of [
      ['--stdin'],
      ['--stdin', '--stdin-filename', 'agents/a.md', '--fix'],
      ['--stdin', '--stdin-filename', 'agents/a.md', 'agents'],
      ['--stdin-filename', 'agents/a.md'],
    ]) {
      const r = await cliWith(io, 'validate', ...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/^backend-team validate: .+\n$/)
    }
  })

  it('bounds standard input like a file: more than 1 MiB is reported, not read', async () => {
    const root = project({ 'agents/a.md': agent('a') })
    const r = await checkStdinAs(root, 'agents/a.md', 'x'.repeat(1_048_577), '-f', 'json')
    expect(JSON.parse(r.stdout).map((d: { ruleId: string }) => d.ruleId)).toEqual(['file/too-large'])
  })

  it('reads standard input in the real CLI', () => {
    const root = project({ 'agents/a.md': agent('a') })
    const r = spawnSync(process.execPath, [bin, 'validate', '--stdin', '--stdin-filename', 'agents/a.md', '-f', 'json'], {
      cwd: root,
      input: agent('a', 'color: magenta\n'),
      encoding: 'utf8',
    })
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ file: 'agents/a.md', ruleId: 'frontmatter/schema' })
  })
})

describe('the real CLI on a pipe', () => {
  it('stops quietly when the reader closes the pipe (`rules | head -1`)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" rules | head -1; echo "exit=$?"`], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^[a-z-]+\/[a-z-]+ {2}\((error|warning)/)
    expect(r.stdout.trim().split('\n')).toHaveLength(2)
  })
})

describe('backend-team rules', () => {
  it('--help exits 0; a rule id prints that rule with its options and page', async () => {
    const help = await cli(process.cwd(), 'rules', '--help')
    expect(help).toMatchObject({ code: 0, stderr: '' })
    expect(help.stdout).toContain('Usage: backend-team rules [rule-id]')
    const one = await cli(process.cwd(), 'rules', 'budget/agent-body-lines')
    expect(one.code).toBe(0)
    expect(one.stdout).toMatch(/^budget\/agent-body-lines {2}\(warning\)\n/)
    expect(one.stdout).toContain('options: {"type":"object"')
    expect(one.stdout).toContain('docs: https://github.com/backend-team/backend-team/blob/main/docs/rules/budget/agent-body-lines.md')
    const json = JSON.parse((await cli(process.cwd(), 'rules', 'refs/unknown-tool', '-f', 'json')).stdout)
    expect(json).toMatchObject({
      id: 'refs/unknown-tool',
      defaultSeverity: 'error',
      url: expect.stringContaining('/docs/rules/refs/unknown-tool.md'),
    })
    expect(await cli(process.cwd(), 'rules', 'refs/unknown-tol')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'backend-team rules: unknown rule `refs/unknown-tol` (did you mean `refs/unknown-tool`?)\n',
    })
  })
})

describe('machine formats', () => {
  const validateReport = new Ajv2020({ allErrors: true, strict: true })
  addFormats.default(validateReport, ['uri'])
  const check = validateReport.compile(reportSchema)

  it('json keeps its shape and adds url, related and fix, as schemas/json-report.schema.json states', async () => {
    const root = project({
      'agents/one.md': agent('twin'),
      'agents/two.md': agent('twin'),
      'agents/colon.md': '---\nname: colon\ndescription: Use when: a colon breaks YAML\ntools:\n  - Read\nmodel: sonnet\n---\n\nBody.\n',
      'agents/bad.md': agent('bad', 'color: magenta\n'),
    })
    const out = JSON.parse((await cli(root, 'validate', '-f', 'json')).stdout) as Record<string, unknown>[]
    expect(check(out), JSON.stringify(check.errors)).toBe(true)
    expect(out.find((d) => d.related)).toMatchObject({
      related: [
        {
          file: expect.stringMatching(/^agents\/(one|two)\.md$/),
          line: expect.any(Number),
          column: expect.any(Number),
          message: expect.any(String),
        },
      ],
    })
    const fixable = out.find((d) => d.ruleId === 'frontmatter/yaml-strict')!
    expect(fixable.fix).toEqual([
      expect.objectContaining({
        start: expect.any(Number),
        end: expect.any(Number),
        text: expect.stringContaining('"Use when: a colon breaks YAML"'),
      }),
    ])
    expect(out.every((d) => typeof d.url === 'string' && d.url.endsWith(`/docs/rules/${d.ruleId as string}.md`))).toBe(true)
    // The schema is not a rubber stamp.
    expect(check([{ ...out[0], severity: 'info' }])).toBe(false)
    expect(check([{ ...out[0], extra: 1 }])).toBe(false)
  })

  it('sarif names the tool version and home page, and each rule its page and descriptions', async () => {
    const log = JSON.parse((await cli(project({ 'agents/bad.md': agent('bad', 'color: magenta\n') }), 'validate', '-f', 'sarif')).stdout)
    const driver = log.runs[0].tool.driver
    expect(driver).toMatchObject({
      name: 'backend-team',
      version: JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version,
      informationUri: 'https://github.com/backend-team/backend-team',
    })
    expect(driver.rules[0]).toMatchObject({
      id: 'frontmatter/schema',
      helpUri: 'https://github.com/backend-team/backend-team/blob/main/docs/rules/frontmatter/schema.md',
      shortDescription: { text: expect.any(String) },
      fullDescription: { text: expect.any(String) },
    })
  })

  it('reads the repository from package.json in its usual spellings', () => {
    expect(repositorySlug({ type: 'git', url: 'git+https://github.com/o/n.git' })).toBe('o/n')
    expect(repositorySlug('https://github.com/o/n')).toBe('o/n')
    expect(repositorySlug('github:o/n')).toBe('o/n')
    expect(repositorySlug('o/n')).toBe('o/n')
    expect(repositorySlug('git@github.com:o/n.git')).toBe('o/n')
    expect(repositorySlug(undefined)).toBe(null)
    expect(existsSync(join(repoRoot, 'schemas/json-report.schema.json'))).toBe(true)
  })
})

describe('documentation', () => {
  it("the README's validator section and --help document every validate flag, short ones included", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## The validator'), readme.indexOf('### Rules'))
    for (const [name, option] of Object.entries(validateOptions)) {
      const short = 'short' in option ? `\`-${option.short}\`` : null
      expect(section, name).toContain(`\`--${name}`)
      expect(validateUsage, name).toContain(`--${name}`)
      if (short) expect(section, name).toContain(short)
    }
    for (const word of ['FORCE_COLOR', 'NO_COLOR', 'backend-team-enable', 'reportUnusedDisableDirectives', 'json-report.schema.json'])
      expect(section).toContain(word)
  })
})
