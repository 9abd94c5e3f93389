// A user's journey from the packed tarball: install, the README's quick start as written, init, and commits checked
// by each hook recipe that runs offline. (The pre-commit framework needs the registry: pre-commit-framework.ci.test.ts.)
import { execFileSync } from 'node:child_process'
import { copyFileSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { brokenAgent, brokenMessage, goodAgent, revisedAgent, userRepo, type UserRepo } from './user.ts'

const tarball = inject('tarball')
// Each test runs npm, git and the CLI a dozen times as separate processes: generous limits for a shared machine.
const repos: UserRepo[] = []
afterEach(() => {
  for (const r of repos.splice(0)) r.remove()
})
const newRepo = (packageJson: boolean) => {
  const repo = userRepo({ packageJson })
  repos.push(repo)
  return repo
}

/** The commands of the README's `sh quick-start` block, one per line, comments dropped. */
function quickStart(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const block = /^```sh quick-start\n([\s\S]*?)^```$/m.exec(readme)
  if (!block) throw new Error('README.md has no ```sh quick-start block')
  return block[1]!
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean)
}

/** A staged broken agent with a fixed working copy is refused, with the diagnostic; the reverse is committed. */
function commitsAreCheckedAsStaged(repo: UserRepo): void {
  repo.write('.claude/agents/go-reviewer.md', brokenAgent)
  repo.sh('git add .claude/agents/go-reviewer.md')
  repo.write('.claude/agents/go-reviewer.md', goodAgent)
  const refused = repo.sh('git commit -qm "Review agent: colour"')
  expect(refused.status).not.toBe(0)
  expect(refused.output).toContain('.claude/agents/go-reviewer.md')
  expect(refused.output).toContain(brokenMessage)

  repo.write('.claude/agents/go-reviewer.md', revisedAgent)
  repo.sh('git add .claude/agents/go-reviewer.md')
  repo.write('.claude/agents/go-reviewer.md', brokenAgent)
  const landed = repo.sh('git commit -qm "Review agent: reads and greps"')
  expect(landed.status, landed.output).toBe(0)
  repo.write('.claude/agents/go-reviewer.md', goodAgent)

  // Go code and ordinary docs never block, even a doc with a link to nowhere under internal/agents/.
  repo.write('internal/agents/agents.go', 'package agents\n\nfunc Route() {}\n')
  repo.write('internal/agents/README.md', '# Sales agents\n\n[Broken](nowhere.md)\n')
  const code = repo.sh('git add -A && git commit -qm "Route orders"')
  expect(code.status, code.output).toBe(0)
  expect(code.output).not.toMatch(/agents\.go|README\.md/)
}

describe('the packed package', { timeout: 180_000 }, () => {
  it('ships the bundle and no install script, and its bin runs', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n')
    expect(files).toContain('package/dist/cli.js')
    expect(files).toContain('package/bin/backend-team.js')
    expect(files.filter((f) => f.startsWith('package/dist/'))).toEqual(['package/dist/cli.js'])
    const pkg = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }))
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'postpack'])
      expect(pkg.scripts?.[script], script).toBeUndefined()
    expect(pkg.dependencies ?? {}).toEqual({})

    const repo = newRepo(true)
    const install = repo.sh(`npm install --save-dev ${tarball}`)
    expect(install.status, install.output).toBe(0)
    expect(install.output).not.toMatch(/install-scripts|prepare/)
    expect(repo.sh('npx --no-install backend-team --version').output).toMatch(/^backend-team \d+\.\d+\.\d+/)
    // The installed package is the plugin (claude --plugin-dir node_modules/backend-team), and it is valid as shipped.
    expect(repo.sh('node_modules/.bin/backend-team validate node_modules/backend-team')).toEqual({ status: 0, output: '' })
  })
})

describe('installed from git', { timeout: 180_000 }, () => {
  it('a clone (as a plugin installed from git is) runs its bin, and npm installs it from a git URL at a tag', () => {
    const repo = newRepo(true)
    const clone = join(repo.root, '..', 'backend-team')
    execFileSync('git', ['clone', '--quiet', '--no-local', join(import.meta.dirname, '..', '..'), clone])
    execFileSync('git', ['tag', '-f', 'v-journey'], { cwd: clone })
    const bin = repo.sh(`node ${join(clone, 'bin', 'backend-team.js')} --version`)
    expect(bin, bin.output).toMatchObject({ status: 0, output: expect.stringMatching(/^backend-team \d/) })
    const install = repo.sh(`npm install --save-dev git+file://${clone}#v-journey`)
    expect(install.status, install.output).toBe(0)
    expect(install.output).not.toMatch(/install-scripts|prepare/)
    expect(repo.sh('node_modules/.bin/backend-team validate').status).toBe(0)
  })
})

describe('a repository with package.json', { timeout: 180_000 }, () => {
  it('the README quick start, run as written, works', () => {
    const repo = newRepo(true)
    copyFileSync(tarball, join(repo.root, basename(tarball)))
    const lines = quickStart()
    expect(lines[0]).toContain(basename(tarball))
    for (const line of lines) {
      const r = repo.sh(line)
      expect(r.status, `${line}\n${r.output}`).toBe(0)
    }
  })

  it('init --hook git: commits are checked as staged, and Go code and docs never block', () => {
    const repo = newRepo(true)
    expect(repo.sh(`npm install --save-dev ${tarball}`).status).toBe(0)
    expect(repo.sh('node_modules/.bin/backend-team init --hook git').status).toBe(0)
    commitsAreCheckedAsStaged(repo)
  })

  it('init --hook lint-staged: lint-staged refuses a staged broken agent and passes a good one, never naming Go files or docs', () => {
    const repo = newRepo(true)
    expect(repo.sh(`npm install --save-dev ${tarball}`).status).toBe(0)
    expect(repo.sh('node_modules/.bin/backend-team init --hook lint-staged').status).toBe(0)
    // lint-staged from this repository's pinned copy, as the user's pre-commit hook would run it.
    const lintStaged = join(dirname(createRequire(import.meta.url).resolve('lint-staged/package.json')), 'bin', 'lint-staged.js')
    repo.write('.claude/agents/go-reviewer.md', brokenAgent)
    repo.write('internal/agents/README.md', '# Sales agents\n\n[Broken](nowhere.md)\n')
    repo.write('internal/agents/agents.go', 'package agents\n\nfunc Route() {}\n')
    repo.sh('git add -A')
    const refused = repo.sh(`node ${lintStaged}`)
    expect(refused.status).not.toBe(0)
    expect(refused.output).toContain(brokenMessage)
    expect(refused.output).not.toMatch(/agents\.go|internal\/agents\/README\.md/)
    repo.write('.claude/agents/go-reviewer.md', goodAgent)
    repo.sh('git add -A')
    const passed = repo.sh(`node ${lintStaged}`)
    expect(passed.status, passed.output).toBe(0)
  })
})

describe('a repository without package.json', { timeout: 180_000 }, () => {
  it('a global install and init --hook git: commits are checked as staged', () => {
    const repo = newRepo(false)
    const install = repo.sh(`npm install --global ${tarball}`)
    expect(install.status, install.output).toBe(0)
    const init = repo.sh('backend-team init --claude-hook')
    expect(init.status, init.output).toBe(0)
    expect(repo.sh('test -e package.json').status).not.toBe(0)
    expect(repo.sh('backend-team validate').status).toBe(0)
    commitsAreCheckedAsStaged(repo)
  })
})
