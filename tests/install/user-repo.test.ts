// The installer as a user meets it (issue 11): the package packed with `npm pack`, installed into a fresh Go
// repository that already has an agent and settings of its own, then install, validate, generate, a customised file,
// update --keep, uninstall. Also the user-level install (`--user`) and a project install after it.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, readLockFile, snapshot, tempDir, write } from './helpers.ts'

const exec = promisify(execFile)
/** Each case runs a dozen CLI processes (npx among them) on a shared 2-core machine. */
const slow = { timeout: 180_000 }

let tarball: string
/** The unpacked package, for a repository without package.json: `node <bin>` instead of `npx`. */
let unpackedBin: string

beforeAll(async () => {
  const dest = tempDir('tarball')
  // --ignore-scripts: dist/ was built by the global setup; packing must not touch this repository's git hooks.
  const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dest], { cwd: REPO_ROOT })
  tarball = path.join(dest, stdout.trim().split('\n').pop()!)
  await exec('tar', ['-xzf', tarball, '-C', dest])
  unpackedBin = path.join(dest, 'package', 'bin', 'backend-team.js')
}, 120_000)

interface Result {
  code: number
  stdout: string
  stderr: string
}

async function sh(file: string, args: string[], cwd: string, home: string): Promise<Result> {
  try {
    const { stdout, stderr } = await exec(file, args, {
      cwd,
      env: { ...process.env, HOME: home, NO_COLOR: '1', npm_config_cache: path.join(home, '.npm'), npm_config_update_notifier: 'false' },
      timeout: 60_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string }
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout, stderr: e.stderr }
  }
}

const userAgent = `---
name: release-notes-writer
description: Use when release notes must be drafted from the merged pull requests since the last tag.
tools: Read, Grep, Glob
---

You draft release notes. Read the merged changes since the last tag and group them by area.
`

/** A Go service repository with its own agent and settings, committed. */
async function goRepo(home: string, withPackageJson: boolean): Promise<string> {
  const repo = tempDir('user-repo')
  await sh('git', ['init', '-q'], repo, home)
  write(path.join(repo, 'go.mod'), 'module example.com/orders\n\ngo 1.22\n')
  write(
    path.join(repo, 'internal', 'orders', 'handler.go'),
    'package orders\n\n// Handle cancels an order.\nfunc Handle() error { return nil }\n',
  )
  write(path.join(repo, '.claude', 'agents', 'release-notes-writer.md'), userAgent)
  write(path.join(repo, '.claude', 'settings.json'), '{\n  "permissions": { "allow": ["Bash(go test:*)"] }\n}\n')
  if (withPackageJson) write(path.join(repo, 'package.json'), '{\n  "name": "orders",\n  "private": true\n}\n')
  return repo
}

/** Every file of the repository but .git and node_modules: relative path → bytes as text. */
function repoBytes(repo: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot(repo)).filter(([rel]) => !rel.startsWith('.git/') && !rel.startsWith('node_modules/')))
}

const installedPackFiles = (repo: string) => Object.keys(readLockFile(repo).files).map((rel) => path.join(repo, '.claude', rel))
const bytesOf = (files: string[]) => Object.fromEntries(files.map((f) => [f, fs.readFileSync(f, 'utf8')]))

describe('a user repository, from the packed tarball', () => {
  it(
    'with package.json: install, validate clean, generate and --fix change nothing, keep a customised file, uninstall to the bytes before',
    slow,
    async () => {
      const home = tempDir('home')
      const repo = await goRepo(home, true)
      const npm = await sh('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], repo, home)
      expect(npm.code, npm.stderr).toBe(0)
      const npx = (...args: string[]) => sh('npx', ['--offline', 'backend-team', ...args], repo, home)
      const before = repoBytes(repo)

      const plan = await npx('install', '--dry-run')
      const installed = await npx('install')
      expect(installed.stderr).toBe('')
      expect([plan.code, installed.code]).toEqual([0, 0])

      // The pack is valid where it landed: no diagnostics at all, the user's agent included.
      const validated = await npx('validate')
      expect(validated.stdout + validated.stderr).toBe('')
      expect(validated.code).toBe(0)

      // The orchestrator names the specialists as they are known here, and its roster stays the pack's nine.
      const orchestrator = fs.readFileSync(path.join(repo, '.claude', 'agents', 'backend-orchestrator.md'), 'utf8')
      expect(orchestrator).toMatch(/^ {2}- Agent\(backend-architect, backend-developer, backend-unit-test-engineer, [a-z, -]+\)$/m)
      expect(orchestrator).not.toContain('release-notes-writer')
      // The schemas the prompts point at are there.
      for (const name of ['specialist-result', 'orchestrator-result', 'progress-state']) {
        expect(fs.existsSync(path.join(repo, '.claude', 'backend-team', 'schemas', `${name}.schema.json`)), name).toBe(true)
      }

      const pack = bytesOf(installedPackFiles(repo))
      for (const args of [['generate'], ['validate', '--fix']]) {
        const r = await npx(...args)
        expect(r.code, args.join(' ') + r.stdout).toBe(0)
        expect(bytesOf(installedPackFiles(repo)), args.join(' ')).toEqual(pack)
      }

      // A file customised on purpose: update reports it (exit 1, dry run too) until it is kept.
      const skill = path.join(repo, '.claude', 'skills', 'gateway-backend', 'SKILL.md')
      fs.appendFileSync(skill, '\nOur services also use Step Functions.\n')
      expect((await npx('update', '--dry-run')).code).toBe(1)
      const reported = await npx('update')
      expect(reported.code).toBe(1)
      expect(reported.stdout).toContain('npx backend-team update --keep <file>')
      const kept = await npx('update', '--keep', '.claude/skills/gateway-backend/SKILL.md')
      expect(kept.code, kept.stdout + kept.stderr).toBe(0)
      expect(readLockFile(repo).files['skills/gateway-backend/SKILL.md']).toMatchObject({ kept: true })
      expect((await npx('update', '--dry-run')).code).toBe(0)
      expect((await npx('update')).code).toBe(0)

      // Uninstall: back to the bytes before install, except the file the user changed and kept.
      const removed = await npx('uninstall')
      expect(removed.code, removed.stdout + removed.stderr).toBe(0)
      const after = repoBytes(repo)
      const { '.claude/skills/gateway-backend/SKILL.md': customised, ...rest } = after
      expect(customised).toContain('Step Functions')
      expect(rest).toEqual(before)
    },
  )

  it('without package.json (the bin run directly): install and validate clean', slow, async () => {
    const home = tempDir('home')
    const repo = await goRepo(home, false)
    const before = repoBytes(repo)
    const installed = await sh(process.execPath, [unpackedBin, 'install'], repo, home)
    expect(installed.code, installed.stderr).toBe(0)
    const validated = await sh(process.execPath, [unpackedBin, 'validate'], repo, home)
    expect(validated.stdout + validated.stderr).toBe('')
    expect(validated.code).toBe(0)
    expect((await sh(process.execPath, [unpackedBin, 'uninstall'], repo, home)).code).toBe(0)
    expect(repoBytes(repo)).toEqual(before)
  })

  it('user level: install --user, then a project install reports no conflict with it; each validates clean', slow, async () => {
    const home = tempDir('home')
    write(path.join(home, '.claude', 'agents', 'mine.md'), userAgent.replace('release-notes-writer', 'mine'))
    const user = await sh(process.execPath, [unpackedBin, 'install', '--user'], home, home)
    expect(user.code, user.stderr).toBe(0)
    expect(fs.existsSync(path.join(home, '.claude', 'backend-team.lock.json'))).toBe(true)
    const skill = fs.readFileSync(path.join(home, '.claude', 'skills', 'orchestrating-multi-agent-workflows', 'SKILL.md'), 'utf8')
    expect(skill).toContain('`~/.claude/backend-team/schemas/specialist-result.schema.json`')
    const validatedUser = await sh(process.execPath, [unpackedBin, 'validate'], home, home)
    expect(validatedUser.stdout + validatedUser.stderr).toBe('')

    const repo = await goRepo(home, false)
    const project = await sh(process.execPath, [unpackedBin, 'install'], repo, home)
    expect(project.stderr).toBe('')
    expect(project.code).toBe(0)
    expect(project.stdout).not.toMatch(/conflict|note:/)
    const validated = await sh(process.execPath, [unpackedBin, 'validate'], repo, home)
    expect(validated.stdout + validated.stderr).toBe('')

    // Each lock is its own: the project update and the user uninstall do not mix them up.
    expect((await sh(process.execPath, [unpackedBin, 'update'], repo, home)).code).toBe(0)
    expect((await sh(process.execPath, [unpackedBin, 'uninstall', '--user'], repo, home)).code).toBe(0)
    expect(snapshot(path.join(home, '.claude'))).toEqual({ 'agents/mine.md': userAgent.replace('release-notes-writer', 'mine') })
    expect(readLockFile(repo).mode).toBe('project')
  })
})
