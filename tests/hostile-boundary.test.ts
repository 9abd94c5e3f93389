/**
 * Issue 12, the project boundary and the loader: a repository someone else wrote must not make the validator block,
 * eat memory, read or quote files outside the project, or write there with `--fix`. Each case is a temp project;
 * cases that could hang run the built CLI with a timeout.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, lstatSync, statSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { cli } from './validator/helpers.ts'

const bin = fileURLToPath(new URL('../bin/backend-team.js', import.meta.url))
const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

/** A folder holding `project/` (the checked repository) and `outside/` (a stand-in for the user's other files). */
function layout(files: Record<string, string>, outsideFiles: Record<string, string> = {}): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'bt-boundary-'))
  temps.push(base)
  const root = join(base, 'project')
  const outside = join(base, 'outside')
  mkdirSync(root)
  mkdirSync(outside)
  for (const [dir, entries] of [
    [root, files],
    [outside, outsideFiles],
  ] as const) {
    for (const [path, content] of Object.entries(entries)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), content)
    }
  }
  return { root, outside }
}

/** Runs the built CLI; a hang is killed after `timeout` ms and shows as a null status. */
function run(cwd: string, args: string[], timeout = 30_000): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=300', bin, ...args], { cwd, encoding: 'utf8', timeout })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

const agent = (name: string, body = 'You do one small job.\n') =>
  `---\nname: ${name}\ndescription: "Use when ${name} is needed."\ntools: Read\n---\n\n${body}`
/** Text that stands for the user's private content: it must never appear in any output. */
const secret = 'PRIVATE-CONTENT-7f3a'
const regionReadme = '# Pack\n\n<!-- backend-team:index agreement -->\n<!-- /backend-team:index -->\n'

describe('special files are never waited on or read whole', () => {
  it('`mkfifo package.json` does not block', () => {
    const { root } = layout({ 'agents/helper.md': agent('helper') })
    execFileSync('mkfifo', [join(root, 'package.json')])
    const r = run(root, ['validate'])
    // Not a configuration file (it cannot be read as one), so the run goes on without it.
    expect(r.status).toBe(0)
  })

  it('`package.json -> /dev/zero` does not eat memory', () => {
    const { root } = layout({ 'agents/helper.md': agent('helper') })
    symlinkSync('/dev/zero', join(root, 'package.json'))
    const r = run(root, ['validate'])
    expect(r.status).toBe(0)
  })

  for (const [name, make] of [
    ['a FIFO', (path: string) => execFileSync('mkfifo', [path])],
    ['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path)],
  ] as const) {
    it(`a region data file that is ${name} gives a diagnostic`, () => {
      const { root } = layout({ 'README.md': regionReadme, 'agents/helper.md': agent('helper') })
      mkdirSync(join(root, 'docs', 'runtime'), { recursive: true })
      make(join(root, 'docs', 'runtime', 'agreement.json'))
      const r = run(root, ['validate'])
      expect(r.status).not.toBeNull()
      expect(r.out).toMatch(
        /README\.md[\s\S]*3:1 +(?:error|warning) +.*docs\/runtime\/agreement\.json.*(?:not a regular file|outside the project)/,
      )
    })
  }

  it('a region data file linked outside the project is not read or quoted', () => {
    const { root, outside } = layout(
      { 'README.md': regionReadme, 'agents/helper.md': agent('helper') },
      { 'data.json': `${secret} not json` },
    )
    mkdirSync(join(root, 'docs', 'runtime'), { recursive: true })
    symlinkSync(join(outside, 'data.json'), join(root, 'docs', 'runtime', 'agreement.json'))
    const r = run(root, ['validate'])
    expect(r.status).not.toBeNull()
    expect(r.out).toContain('outside the project')
    expect(r.out).not.toContain(secret.slice(0, 4))
  })
})

describe('links that leave the project are reported, never followed', () => {
  const outsideSkill = {
    's1/SKILL.md': `---\nname: s1\ndescription: ${secret}\n${secret}-key: 1\n---\n\nSee [x](${secret}.md) and the \`${secret}\` skill.\n`,
  }

  for (const [name, link, target] of [
    ['`skills -> ../outside`', 'skills', (o: string) => o],
    ['`.claude -> outside`', '.claude', (o: string) => join(o, 'claude')],
    ['`.claude/skills -> outside`', '.claude/skills', (o: string) => o],
  ] as const) {
    it(name, () => {
      const { root, outside } = layout(
        { 'agents/helper.md': agent('helper'), '.git/HEAD': '' },
        { ...outsideSkill, 'claude/skills/s1/SKILL.md': outsideSkill['s1/SKILL.md'] },
      )
      mkdirSync(dirname(join(root, link)), { recursive: true })
      symlinkSync(target(outside), join(root, link))
      const r = run(root, ['validate'])
      expect(r.out).toContain('symbolic link to a place outside the project; not followed')
      expect(r.out).not.toContain(secret)
      expect(r.status).toBe(1)
    })
  }

  it('a plugin.json agent path that is a link', () => {
    const { root, outside } = layout(
      {
        '.claude-plugin/plugin.json': JSON.stringify({ name: 'p', agents: ['./agents/helper.md'] }),
      },
      { 'helper.md': agent('helper', `${secret}\n`).replace('name: helper', `name: helper\n${secret}: 1`) },
    )
    mkdirSync(join(root, 'agents'))
    symlinkSync(join(outside, 'helper.md'), join(root, 'agents', 'helper.md'))
    const r = run(root, ['validate'])
    expect(r.out).toContain('agents/helper.md')
    expect(r.out).toContain('outside the project')
    expect(r.out).not.toContain(secret)
  })

  it('a configuration file that is a link', () => {
    const { root, outside } = layout({ 'agents/helper.md': agent('helper') }, { 'config.json': `{"${secret}": ` })
    symlinkSync(join(outside, 'config.json'), join(root, 'backend-team.config.json'))
    const r = run(root, ['validate'])
    expect(r.status).toBe(2)
    expect(r.out).toContain('outside the project')
    expect(r.out).not.toContain(secret)
  })

  it('a configuration file with bad JSON is reported without quoting it', async () => {
    const { root } = layout({ 'agents/helper.md': agent('helper'), 'backend-team.config.json': `${secret}` })
    const r = await cli(root, 'validate')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('invalid JSON')
    expect(r.stderr).not.toContain(secret)
  })

  it('a memory import linked outside the project is not read', async () => {
    // Four levels in, `link.md` leads outside; were it read, its own import of `deep.md` (a fifth level) would be
    // reported by memory/import-depth.
    const { root, outside } = layout(
      { 'CLAUDE.md': '# Memory\n\n@a.md\n', 'a.md': '@b.md\n', 'b.md': '@c.md\n', 'c.md': '@link.md\n', 'deep.md': 'Deep.\n' },
      { 'o.md': '@deep.md\n' },
    )
    symlinkSync(join(outside, 'o.md'), join(root, 'link.md'))
    const r = await cli(root, 'validate', '--format', 'json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([])
  })

  it('"did you mean" never lists a folder outside the project', async () => {
    const { root, outside } = layout(
      { 'agents/helper.md': agent('helper', 'Read [the notes](../docs/note.md).\n') },
      { [`${secret.toLowerCase()}-note.md`]: 'x', 'notes.md': 'x' },
    )
    symlinkSync(outside, join(root, 'docs'))
    const r = await cli(root, 'validate')
    expect(r.stdout).toContain('refs/broken-link')
    expect(r.stdout).toContain('that a symbolic link takes out of the project')
    expect(r.stdout).not.toContain('did you mean')
    expect(r.stdout).not.toContain('notes.md')
  })
})

describe('`validate --fix` writes only inside the project, and keeps links links', () => {
  const unquoted = '---\nname: helper\ndescription: Use when: a colon breaks it\ntools: Read\n---\n\nBody.\n'

  it('never rewrites a file outside the project', async () => {
    const skill = unquoted.replace('name: helper', 'name: s1')
    const { root, outside } = layout({ 'agents/helper.md': agent('helper'), '.git/HEAD': '' }, { 's1/SKILL.md': skill })
    symlinkSync(outside, join(root, 'skills'))
    await cli(root, 'validate', '--fix')
    expect(readFileSync(join(outside, 's1', 'SKILL.md'), 'utf8')).toBe(skill)
  })

  it('never replaces a link to an outside file with a regular file', async () => {
    const { root, outside } = layout({ '.git/HEAD': '' }, { 'helper.md': unquoted })
    mkdirSync(join(root, 'agents'))
    symlinkSync(join(outside, 'helper.md'), join(root, 'agents', 'helper.md'))
    await cli(root, 'validate', '--fix')
    expect(readFileSync(join(outside, 'helper.md'), 'utf8')).toBe(unquoted)
    expect(lstatSync(join(root, 'agents', 'helper.md')).isSymbolicLink()).toBe(true)
  })

  it('writes through a link to a file inside the project, and the link stays', async () => {
    const { root } = layout({ 'docs/helper.md': unquoted, '.git/HEAD': '' })
    mkdirSync(join(root, 'agents'))
    symlinkSync('../docs/helper.md', join(root, 'agents', 'helper.md'))
    const r = await cli(root, 'validate', '--fix')
    expect(lstatSync(join(root, 'agents', 'helper.md')).isSymbolicLink()).toBe(true)
    expect(readFileSync(join(root, 'docs', 'helper.md'), 'utf8')).toContain('description: "Use when: a colon breaks it"')
    expect(r.stdout).not.toContain('frontmatter/yaml-syntax')
  })
})

describe('names from files used as keys', () => {
  it('`tools: toString, constructor, __proto__` are unknown tools; a `valueOf:` key prints no code', async () => {
    const { root } = layout({
      'agents/helper.md':
        '---\nname: helper\ndescription: "Use when x."\ntools: Read, toString, constructor, __proto__\nvalueOf: 1\n---\n\nBody.\n',
    })
    const r = await cli(root, 'validate')
    for (const name of ['toString', 'constructor', '__proto__']) expect(r.stdout).toContain(`Unexpected unknown tool \`${name}\``)
    expect(r.stdout).toContain('Unexpected key `valueOf`')
    expect(r.stdout).not.toContain('native code')
  })

  for (const name of ['constructor', 'toString', '__proto__']) {
    it(`a README marker \`${name}\` is an unknown region for validate and generate, not an internal error`, async () => {
      const { root } = layout({ 'README.md': `# R\n\n<!-- backend-team:index ${name} -->\n<!-- /backend-team:index -->\n` })
      for (const command of ['validate', 'generate']) {
        const r = await cli(root, command)
        expect(r.code).not.toBe(2)
        expect(r.stdout).toContain(`Unexpected index region \`${name}\``)
      }
    })
  }
})

describe('small things a hostile repository can do', () => {
  it('`validate agents/b.md` where `b.md -> a.md` reports on a.md', async () => {
    const { root } = layout({ 'agents/a.md': '---\nname: a\ndescription: "Use when a."\ntools: Read\nbogus: 1\n---\n\nBody.\n' })
    symlinkSync('a.md', join(root, 'agents', 'b.md'))
    const r = await cli(root, 'validate', 'agents/b.md')
    expect(r.stdout).toContain('Unexpected key `bogus`')
  })

  it('a `? [a, b]` key prints no Node warning', () => {
    const { root } = layout({
      'agents/helper.md': '---\nname: helper\ndescription: "Use when x."\ntools: Read\n? [a, b]\n: 1\n---\n\nBody.\n',
    })
    const r = spawnSync(process.execPath, [bin, 'validate'], { cwd: root, encoding: 'utf8', timeout: 30_000 })
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('frontmatter/unknown-key')
  })

  it('a link to a file whose name is not UTF-8 is not broken', async () => {
    const { root } = layout({ 'agents/helper.md': agent('helper', 'Read [the café notes](caf%E9.md).\n') })
    writeFileSync(Buffer.concat([Buffer.from(join(root, 'agents') + '/caf'), Buffer.from([0xe9]), Buffer.from('.md')]), 'notes')
    const r = await cli(root, 'validate')
    expect(r.stdout).not.toContain('refs/broken-link')
  })

  it.skipIf(process.getuid?.() === 0 && !hasNobody())('an unreadable folder is reported, not skipped in silence', () => {
    const { root } = layout({ 'agents/helper.md': agent('helper'), 'agents/locked/inner.md': agent('inner'), '.git/HEAD': '' })
    chmodSync(join(root, 'agents', 'locked'), 0o000)
    // The other user must reach the project: every folder above it is opened for traversal for the run.
    const above: [string, number][] = []
    for (let dir = dirname(root); dir !== dirname(dir); dir = dirname(dir)) above.push([dir, statSync(dir).mode & 0o7777])
    for (const [dir, mode] of above) chmodSync(dir, mode | 0o111)
    chmodSync(root, 0o755)
    try {
      const asUser =
        process.getuid?.() === 0 ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath] : [process.execPath]
      const r = spawnSync(asUser[0]!, [...asUser.slice(1), bin, 'validate'], { cwd: root, encoding: 'utf8', timeout: 30_000 })
      expect(r.stderr).toBe('')
      expect(r.stdout).toMatch(/agents\/locked\n(?: .*\n)* +1:1 +error +Unexpected unreadable file \(permission denied\)/)
    } finally {
      chmodSync(join(root, 'agents', 'locked'), 0o755)
      for (const [dir, mode] of above) chmodSync(dir, mode)
    }
  })
})

function hasNobody(): boolean {
  return spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'true']).status === 0
}
