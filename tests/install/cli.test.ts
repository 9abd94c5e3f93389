// The built CLI (bin/backend-team.js → dist/cli.js) with the real pack: the package root is found from the bundle's
// own location, exit codes follow the validator's, and errors never print a stack trace.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, REPO_ROOT, readLockFile, tempDir } from './helpers.ts'

const exec = promisify(execFile)

async function cli(args: string[], cwd: string, home: string) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, HOME: home, NO_COLOR: '1' },
      timeout: 15_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string }
    return { code: e.code ?? -1, stdout: e.stdout, stderr: e.stderr }
  }
}

const packFiles = (): string[] => {
  const out: string[] = []
  for (const folder of ['agents', 'skills', 'commands']) {
    if (!fs.existsSync(path.join(REPO_ROOT, folder))) continue
    for (const entry of fs.readdirSync(path.join(REPO_ROOT, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && !entry.name.startsWith('.'))
        out.push(path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    }
  }
  return out.sort()
}

describe('backend-team install (built CLI, real pack)', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run bundle`')
  })

  it('installs the whole pack into a fresh git repo as it must read there, updates nothing, then uninstalls to nothing', async () => {
    const repo = tempDir('cli')
    const home = tempDir('home')
    await exec('git', ['init', '-q', repo])
    const installed = await cli(['install'], repo, home)
    expect(installed.stderr).toBe('')
    expect(installed.code).toBe(0)
    const schemas = ['catalog', 'orchestrator-result', 'progress-state', 'specialist-result'].map(
      (n) => `backend-team/schemas/${n}.schema.json`,
    )
    const guard = ['bash-guard.mjs', 'guard/policy.mjs', 'guard/shell.mjs'].map((n) => `backend-team/hooks/${n}`)
    const expected = [...packFiles(), ...schemas, ...guard].sort()
    expect(Object.keys(readLockFile(repo).files).sort()).toEqual(expected)
    // Byte for byte, except where the drop-in mode needs other names and paths.
    const transformed = new Set<string>()
    for (const rel of expected) {
      const source = rel.startsWith('backend-team/') ? rel.slice('backend-team/'.length) : rel
      // The guard's scripts are copied as they are; settings.json registers them (below).
      if (!fs.readFileSync(path.join(repo, '.claude', rel)).equals(fs.readFileSync(path.join(REPO_ROOT, source)))) transformed.add(rel)
    }
    for (const rel of transformed) expect(fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8'), rel).toMatch(/backend-team:|schemas\//)
    const orchestrator = fs.readFileSync(path.join(repo, '.claude', 'agents', 'backend-orchestrator.md'), 'utf8')
    expect(orchestrator).toMatch(/Agent\(backend-architect, backend-developer, /)
    expect(orchestrator.split('\n---')[0]).not.toContain('backend-team:')
    const command = fs.readFileSync(path.join(repo, '.claude', 'commands', 'backend.md'), 'utf8')
    expect(command.split('\n---')[0]).toContain('\nagent: backend-orchestrator')
    const settings = JSON.parse(fs.readFileSync(path.join(repo, '.claude', 'settings.json'), 'utf8'))
    expect(settings.hooks.PreToolUse[0].hooks[0].command).toBe('node "${CLAUDE_PROJECT_DIR}/.claude/backend-team/hooks/bash-guard.mjs"')
    const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version
    expect(readLockFile(repo).package.version).toBe(version)

    const again = await cli(['update'], repo, home)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(`${expected.length} unchanged`)

    const removed = await cli(['uninstall'], repo, home)
    expect(removed.code).toBe(0)
    expect(fs.existsSync(path.join(repo, '.claude'))).toBe(false)
  })

  it('two install processes at once: the run lock serialises them, both exit 0, the lock agrees with the disk', async () => {
    const repo = tempDir('cli')
    const home = tempDir('home')
    await exec('git', ['init', '-q', repo])
    const [a, b] = await Promise.all([cli(['install'], repo, home), cli(['install'], repo, home)])
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0])
    expect([a.stdout, b.stdout].some((o) => /: 0 created, /.test(o))).toBe(true)
    const lock = readLockFile(repo)
    for (const [rel, { sha256 }] of Object.entries(lock.files)) {
      expect(
        createHash('sha256')
          .update(fs.readFileSync(path.join(repo, '.claude', rel)))
          .digest('hex'),
        rel,
      ).toBe(sha256)
    }
    expect(fs.existsSync(path.join(repo, '.claude', 'backend-team.running'))).toBe(false)
  })

  it('exit codes: 1 for conflicts, 2 for usage errors, never a stack trace', async () => {
    const repo = tempDir('cli')
    const home = tempDir('home')
    fs.mkdirSync(path.join(repo, '.claude', 'agents'), { recursive: true })
    fs.writeFileSync(path.join(repo, '.claude', 'agents', 'backend-orchestrator.md'), 'mine\n')
    const conflict = await cli(['install', repo], tempDir('elsewhere'), home)
    expect(conflict.code).toBe(1)
    expect(conflict.stderr).toMatch(/\.claude\/agents\/backend-orchestrator\.md\s+exists and was not installed by backend-team/)
    expect(fs.readFileSync(path.join(repo, '.claude', 'agents', 'backend-orchestrator.md'), 'utf8')).toBe('mine\n')

    for (const args of [
      ['install', '--bogus'],
      ['install', 'a', 'b'],
      ['uninstall', '--force'],
      ['install', path.join(repo, 'nope')],
    ]) {
      const r = await cli(args, repo, home)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/^backend-team (install|uninstall): /)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
    // This repository is the package: installing into it is refused (its .claude/agents links to agents/).
    const self = await cli(['install'], REPO_ROOT, home)
    expect(self.code).toBe(2)
    expect(self.stderr).toContain('is the backend-team package itself')

    const help = await cli(['install', '--help'], repo, home)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: backend-team install [target] [--user] [--dry-run] [--force]')
  })
})
