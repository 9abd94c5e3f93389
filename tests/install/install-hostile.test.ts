// The installer in a repository someone else wrote: links and locks that point out of the project, things on disk
// that are not what a pack file would be, names that look like the installer's own, and a second run at once.
// Each case failed at commit 040a2d3 (issue 12); every one must now leave what is outside the project untouched.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { runInstall, runUninstall, runUpdate, type InstallDeps } from '../../scripts/lib/commands/install.ts'
import { UsageError } from '../../scripts/lib/commands/io.ts'
import { realFileSystem, type FileSystem } from '../../scripts/lib/install/file-system.ts'
import { runLockName } from '../../scripts/lib/install/run-lock.ts'
import { agent, captureIO, makePack, readLockFile, sha, snapshot, tempDir, write } from './helpers.ts'

let pack: string
let base: string
let home: string
let deps: InstallDeps

beforeEach(() => {
  pack = makePack()
  base = tempDir('hostile')
  home = path.join(base, 'home')
  fs.mkdirSync(home)
  deps = { packageRoot: pack, home, now: () => new Date('2026-01-02T03:04:05Z'), waitMs: 300 }
})

/** A git work tree at `rel` under the temporary base. */
function repo(rel: string): string {
  const dir = path.join(base, rel)
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true })
  return dir
}

function lockWith(target: string, files: Record<string, string>, directories: string[] = []): void {
  write(
    path.join(target, '.claude', 'backend-team.lock.json'),
    JSON.stringify({
      lockVersion: 1,
      package: { name: 'backend-team', version: '1.0.0' },
      updated: '2026-01-01T00:00:00Z',
      files: Object.fromEntries(Object.entries(files).map(([rel, content]) => [rel, { sha256: sha(content) }])),
      directories,
    }),
  )
}

async function run(command: typeof runInstall, target: string, args: string[] = [], d: InstallDeps = deps) {
  const io = captureIO(target)
  try {
    return { code: await command(args, io, d), out: io.out, err: io.err, error: null as Error | null }
  } catch (error) {
    return { code: 2, out: io.out, err: io.err, error: error as Error }
  }
}

describe('links and locks that leave the target are errors, never instructions', () => {
  it('uninstall with .claude/agents -> ../../.. and a lock claiming agents/.bashrc does not delete ~/.bashrc', async () => {
    const bashrc = '# ~/.bashrc: executed by bash(1) for non-login shells.\n'
    write(path.join(home, '.bashrc'), bashrc)
    const target = repo('home/work/proj')
    fs.mkdirSync(path.join(target, '.claude'))
    fs.symlinkSync('../../..', path.join(target, '.claude', 'agents'))
    expect(fs.realpathSync(path.join(target, '.claude', 'agents'))).toBe(fs.realpathSync(home))
    lockWith(target, { 'agents/.bashrc': bashrc })
    for (const args of [['--dry-run'], []]) {
      const r = await run(runUninstall, target, args)
      expect(r.code).toBe(2)
      expect(r.error?.message).toMatch(/refusing to read .*\.claude\/agents\/\.bashrc: a link takes it to .*, outside .*\.claude/)
      expect(fs.readFileSync(path.join(home, '.bashrc'), 'utf8')).toBe(bashrc)
    }
    // The same layout for install and update: nothing is written beside ~/.bashrc.
    const before = fs.readdirSync(home).sort()
    for (const command of [runInstall, runUpdate]) expect((await run(command, target)).code).toBe(2)
    expect(fs.readdirSync(home).sort()).toEqual(before)
  })

  it('update with .claude/agents -> ../../outside and a lock carrying the hash of the user file there leaves it alone', async () => {
    const outside = path.join(base, 'outside')
    const mine = 'my own notes, not an agent\n'
    write(path.join(outside, 'alpha.md'), mine)
    const target = repo('proj')
    fs.mkdirSync(path.join(target, '.claude'))
    fs.symlinkSync('../../outside', path.join(target, '.claude', 'agents'))
    lockWith(target, { 'agents/alpha.md': mine })
    for (const command of [runUpdate, runInstall]) {
      for (const args of [[], ['--force'], ['--dry-run']]) {
        const r = await run(command, target, args)
        expect(r.code, args.join(' ') + r.err + r.out).toBe(2)
        expect(r.error?.message).toMatch(/outside .*\.claude; nothing was changed/)
      }
    }
    expect(snapshot(outside)).toEqual({ 'alpha.md': mine })
  })

  it('install with .claude/agents -> ~/.claude/agents writes nothing into ~/.claude', async () => {
    write(path.join(home, '.claude', 'agents', 'mine.md'), agent('mine'))
    const target = repo('work/proj')
    fs.mkdirSync(path.join(target, '.claude'))
    fs.symlinkSync(path.join(home, '.claude', 'agents'), path.join(target, '.claude', 'agents'))
    const r = await run(runInstall, target, ['--force'])
    expect(r.code).toBe(2)
    expect(snapshot(path.join(home, '.claude'))).toEqual({ 'agents/mine.md': agent('mine') })
    expect(fs.existsSync(path.join(target, '.claude', 'skills'))).toBe(false)
  })

  it('a .claude that is itself a link out of the project is refused', async () => {
    const outside = path.join(base, 'elsewhere')
    fs.mkdirSync(outside)
    const target = repo('work/proj')
    fs.symlinkSync(outside, path.join(target, '.claude'))
    const r = await run(runInstall, target)
    expect(r.code).toBe(2)
    expect(r.error?.message).toMatch(/is a link to .*elsewhere, outside the project/)
    expect(fs.readdirSync(outside)).toEqual([])
  })

  it('a .claude that links to the project folder itself is refused, so the pack never lands among its files', async () => {
    const target = repo('work/proj')
    fs.symlinkSync('.', path.join(target, '.claude'))
    for (const command of [runInstall, runUpdate]) {
      const r = await run(command, target, ['--force'])
      expect(r.code).toBe(2)
      expect(r.error?.message).toMatch(/\.claude is a link to the project folder itself; nothing was changed/)
    }
    expect(fs.readdirSync(target).sort()).toEqual(['.claude', '.git'])
  })

  it('a .claude that is a dangling link or a file is a clear usage error, not an internal one', async () => {
    const target = repo('work/proj')
    fs.symlinkSync('no-such-folder', path.join(target, '.claude'))
    const dangling = await run(runInstall, target)
    expect(dangling.code).toBe(2)
    expect(dangling.error).toBeInstanceOf(UsageError)
    expect(dangling.error?.message).toMatch(/\.claude is not a folder \(a file, or a link to something missing\); move it aside/)
    fs.unlinkSync(path.join(target, '.claude'))
    write(path.join(target, '.claude'), 'not a folder\n')
    const file = await run(runUninstall, target)
    expect(file.error).toBeInstanceOf(UsageError)
    expect(fs.readFileSync(path.join(target, '.claude'), 'utf8')).toBe('not a folder\n')
    expect(fs.readdirSync(target).sort()).toEqual(['.claude', '.git'])
  })

  it('a link to a file outside (an installed file replaced by a link) is neither read, overwritten nor deleted', async () => {
    const target = repo('work/proj')
    expect((await run(runInstall, target)).code).toBe(0)
    const secret = path.join(base, 'secret.md')
    write(secret, agent('alpha'))
    const alpha = path.join(target, '.claude', 'agents', 'alpha.md')
    fs.rmSync(alpha)
    fs.symlinkSync(secret, alpha)
    for (const command of [runUninstall, runUpdate]) expect((await run(command, target)).code).toBe(2)
    expect(fs.readFileSync(secret, 'utf8')).toBe(agent('alpha'))
    expect(fs.lstatSync(alpha).isSymbolicLink()).toBe(true)
  })

  it('a lock entry with `..` or an absolute path is a corrupt lock (exit 2), not a path to follow', async () => {
    const target = repo('work/proj')
    write(path.join(base, 'victim'), 'keep me\n')
    for (const rel of ['../../victim', '/etc/hostname', 'agents/../../../victim']) {
      lockWith(target, { [rel]: 'keep me\n' })
      const r = await run(runUninstall, target)
      expect(r.code, rel).toBe(2)
      expect(r.error?.message).toMatch(/does not match install-lock\.schema\.json/)
    }
    expect(fs.readFileSync(path.join(base, 'victim'), 'utf8')).toBe('keep me\n')
  })
})

describe('what is on disk is a fact, not an assumption', () => {
  let target: string
  beforeEach(() => {
    target = repo('proj')
  })
  const claude = (...p: string[]) => path.join(target, '.claude', ...p)

  it('a file it cannot read is a conflict, never a new file, even with --force', async () => {
    write(claude('agents', 'alpha.md'), 'my secret agent\n')
    // Tests run as root, where mode 000 still reads: a file system that answers as for a non-root user.
    const unreadable: FileSystem = {
      ...realFileSystem,
      inspect: (p, max) =>
        p === claude('agents', 'alpha.md')
          ? { kind: 'file', size: 16, content: null, problem: 'cannot be read (EACCES)' }
          : realFileSystem.inspect(p, max),
    }
    for (const args of [[], ['--force'], ['--dry-run']]) {
      const r = await run(runInstall, target, args, { ...deps, fs: unreadable })
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.err + r.out).toMatch(/\.claude\/agents\/alpha\.md\s+is a file that is cannot be read \(EACCES\)/)
    }
    expect(fs.readFileSync(claude('agents', 'alpha.md'), 'utf8')).toBe('my secret agent\n')
    expect(fs.existsSync(claude('backend-team.lock.json'))).toBe(false)
  })

  it('a 3 GiB file is compared by size, never read, and never replaced', async () => {
    fs.mkdirSync(claude('agents'), { recursive: true })
    const big = claude('agents', 'alpha.md')
    const fd = fs.openSync(big, 'w')
    fs.ftruncateSync(fd, 3 * 1024 ** 3) // sparse: no disk used
    fs.closeSync(fd)
    let biggestRead = 0
    const counting: FileSystem = {
      ...realFileSystem,
      inspect(p, max) {
        const e = realFileSystem.inspect(p, max)
        if (e.kind === 'file' && e.content) biggestRead = Math.max(biggestRead, e.content.length)
        return e
      },
    }
    const r = await run(runInstall, target, ['--force'], { ...deps, fs: counting })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/alpha\.md\s+is a file that is 3221225472 bytes, too large to compare/)
    expect(fs.statSync(big).size).toBe(3 * 1024 ** 3)
    expect(biggestRead).toBeLessThan(1024 * 1024)
  })

  it('a folder, a FIFO or a dangling link where a pack file goes is a conflict (exit 1), not an internal error', async () => {
    fs.mkdirSync(claude('agents', 'alpha.md'), { recursive: true })
    spawnSync('mkfifo', [claude('agents', 'beta.md')])
    fs.symlinkSync('nowhere.md', claude('agents', 'catalog.json'))
    const r = await run(runInstall, target, ['--force'])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/agents\/alpha\.md\s+is a folder, where the pack has a file/)
    expect(r.err).toMatch(/agents\/beta\.md\s+is a named pipe \(FIFO\)/)
    expect(r.err).toMatch(/agents\/catalog\.json\s+is a link to a file that does not exist/)
    expect(r.err).toContain('--force does not replace folders, links or files it cannot read')
    expect(fs.statSync(claude('agents', 'alpha.md')).isDirectory()).toBe(true)
  })

  it('a file where the pack needs a folder is a conflict', async () => {
    write(claude('skills', 'sk'), 'a file named like a skill folder\n')
    const r = await run(runInstall, target)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/skills\/sk\/SKILL\.md\s+needs the folder \.claude\/skills\/sk, which is a file or link/)
    expect(fs.readFileSync(claude('skills', 'sk'), 'utf8')).toBe('a file named like a skill folder\n')
  })

  it('a user file named like an old temporary file survives install, update and an interrupted-run clean-up', async () => {
    const lookalikes = ['.alpha.md.4242.lq8x2c.tmp', '.alpha.md.bt-0123456789abcdef.tmp', '.backend-team.lock.json.99.zz.tmp']
    for (const name of lookalikes) write(claude('agents', name), 'mine\n')
    write(claude('.backend-team.lock.json.99.zz.tmp'), 'mine too\n')
    expect((await run(runInstall, target)).code).toBe(0)
    expect((await run(runUpdate, target)).code).toBe(0)
    for (const name of lookalikes) expect(fs.readFileSync(claude('agents', name), 'utf8')).toBe('mine\n')
    expect(fs.readFileSync(claude('.backend-team.lock.json.99.zz.tmp'), 'utf8')).toBe('mine too\n')
  })

  it('two links to `.` in .claude/agents cost one visit each, not 2^20', async () => {
    fs.mkdirSync(claude('agents'), { recursive: true })
    fs.symlinkSync('.', claude('agents', 'a'))
    fs.symlinkSync('.', claude('agents', 'b'))
    let lists = 0
    const counting: FileSystem = { ...realFileSystem, list: (d) => (lists++, realFileSystem.list(d)) }
    const r = await run(runInstall, target, ['--dry-run'], { ...deps, fs: counting })
    expect(r.code).toBe(0)
    expect(lists).toBeLessThan(50)
  })

  it('a lock listing `agents` as created while .claude/agents is now a link: uninstall finishes, and again', async () => {
    expect((await run(runInstall, target)).code).toBe(0)
    fs.renameSync(claude('agents'), claude('moved'))
    fs.symlinkSync('moved', claude('agents'))
    fs.rmSync(claude('moved', 'alpha.md'))
    const first = await run(runUninstall, target)
    expect(first.error).toBeNull()
    expect(first.code).toBe(0)
    expect(fs.lstatSync(claude('agents')).isSymbolicLink()).toBe(true)
    expect(fs.existsSync(claude('backend-team.lock.json'))).toBe(false)
    expect((await run(runUninstall, target)).code).toBe(0)
  })

  it('lock paths named like Object.prototype members are plain paths', async () => {
    lockWith(target, { constructor: 'x', __proto__: 'y', toString: 'z', 'agents/hasOwnProperty': 'w' })
    const r = await run(runUninstall, target)
    expect(r.error).toBeNull()
    expect(r.code).toBe(0)
    expect(r.out).toContain('0 removed')
  })
})

describe('concurrent runs are serialised by .claude/backend-team.running', () => {
  it('a second run waits for a live holder, then exits 1 and says who holds it', async () => {
    const target = repo('proj')
    write(
      path.join(target, '.claude', runLockName),
      JSON.stringify({ pid: process.ppid, host: (await import('node:os')).hostname(), started: '2026-01-01T00:00:00Z', run: 'x' }),
    )
    const r = await run(runInstall, target)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(new RegExp(`another backend-team run \\(process ${process.ppid} on .*\\) is changing .*; nothing was written`))
    expect(fs.readdirSync(path.join(target, '.claude'))).toEqual([runLockName])
  })

  it('a run lock left by a process that died is taken over', async () => {
    const target = repo('proj')
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
    write(
      path.join(target, '.claude', runLockName),
      JSON.stringify({ pid: Number(dead), host: (await import('node:os')).hostname(), started: '2026-01-01T00:00:00Z', run: 'x' }),
    )
    const r = await run(runInstall, target)
    expect(r.code).toBe(0)
    expect(fs.existsSync(path.join(target, '.claude', runLockName))).toBe(false)
  })

  it('two installs started together both succeed, one after the other, and the lock agrees with the disk', async () => {
    const target = repo('proj')
    const [a, b] = await Promise.all([
      run(runInstall, target, [], { ...deps, waitMs: 5000 }),
      run(runInstall, target, [], { ...deps, waitMs: 5000 }),
    ])
    expect([a.code, b.code]).toEqual([0, 0])
    const lock = readLockFile(target)
    for (const [rel, { sha256 }] of Object.entries(lock.files)) expect(sha(fs.readFileSync(path.join(target, '.claude', rel)))).toBe(sha256)
    expect(fs.existsSync(path.join(target, '.claude', runLockName))).toBe(false)
  })
})
