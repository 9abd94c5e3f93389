// An interrupted run, at every point it could stop: a fault-injecting file system fails the k-th change (a write is
// torn: half its bytes reach the temporary sibling, the rename never happens). Afterwards every file is either as
// before or as planned, the lock agrees with the disk, and the next ordinary run finishes the job.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runInstall, runUninstall, runUpdate, type InstallDeps } from '../../scripts/lib/commands/install.ts'
import { realFileSystem, type FileSystem, type WriteOptions } from '../../scripts/lib/install/file-system.ts'
import { validatorFor } from '../../scripts/lib/model/schemas.ts'
import { agent, captureIO, makePack, sha, skill, snapshot, tempDir, write } from './helpers.ts'

const lockName = 'backend-team.lock.json'

class Crash extends Error {}

/** The real file system, except that the `failAt`-th change fails (0: none). Counts changes either way. */
function faultyFileSystem(failAt: number): FileSystem & { changes: number } {
  const faulty = {
    ...realFileSystem,
    changes: 0,
    step(): boolean {
      faulty.changes++
      return faulty.changes === failAt
    },
    writeFile(file: string, content: Buffer, options?: WriteOptions) {
      if (faulty.step()) {
        // Torn write: what atomic-write leaves when the process dies before its rename.
        fs.writeFileSync(
          path.join(path.dirname(file), `.${path.basename(file)}.${options?.tempTag}.tmp`),
          content.subarray(0, content.length >> 1),
        )
        throw new Crash(`injected failure writing ${file}`)
      }
      realFileSystem.writeFile(file, content, options)
    },
    mkdir(dir: string) {
      if (faulty.step()) throw new Crash(`injected failure creating ${dir}`)
      return realFileSystem.mkdir(dir)
    },
    unlink(file: string) {
      if (faulty.step()) throw new Crash(`injected failure deleting ${file}`)
      realFileSystem.unlink(file)
    },
    rmdirIfEmpty(dir: string) {
      if (faulty.step()) throw new Crash(`injected failure removing ${dir}`)
      return realFileSystem.rmdirIfEmpty(dir)
    },
    rename(from: string, to: string) {
      if (faulty.step()) throw new Crash(`injected failure renaming ${from}`)
      realFileSystem.rename(from, to)
    },
  }
  return faulty
}

type Run = typeof runInstall

interface Scenario {
  name: string
  command: Run
  /** Prepares pack and target; returns the .claude contents the command should produce. */
  setup(pack: string, target: string, deps: InstallDeps): Promise<void>
  after(pack: string): Record<string, string>
}

const packContents = (pack: string) => ({
  ...Object.fromEntries(Object.entries(snapshot(path.join(pack, 'agents'))).map(([k, v]) => [`agents/${k}`, v])),
  ...Object.fromEntries(Object.entries(snapshot(path.join(pack, 'skills'))).map(([k, v]) => [`skills/${k}`, v])),
})

const scenarios: Scenario[] = [
  { name: 'install into an empty repo', command: runInstall, setup: async () => {}, after: packContents },
  {
    name: 'update that writes, adds and removes',
    command: runUpdate,
    async setup(pack, target, deps) {
      await runInstall([], captureIO(target), deps)
      write(path.join(pack, 'agents', 'alpha.md'), agent('alpha', ' Newer.'))
      write(path.join(pack, 'skills', 'sk', 'SKILL.md'), skill('sk', 'newer'))
      write(path.join(pack, 'agents', 'gamma.md'), agent('gamma'))
      write(path.join(pack, 'skills', 'new', 'SKILL.md'), skill('new'))
      fs.rmSync(path.join(pack, 'skills', 'sk', 'references'), { recursive: true })
    },
    after: packContents,
  },
  {
    name: 'uninstall',
    command: runUninstall,
    async setup(_pack, target, deps) {
      await runInstall([], captureIO(target), deps)
    },
    after: () => ({}),
  },
]

/** Whether the lock on disk agrees with the files: each owned file has its recorded hash, or the one its journal entry is moving it to. */
function expectLockAgreesWithDisk(claudeDir: string, paths: string[]) {
  const lockFile = path.join(claudeDir, lockName)
  if (!fs.existsSync(lockFile)) return false
  const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'))
  expect(validatorFor('install-lock.schema.json')(lock), JSON.stringify(lock)).toBe(true)
  for (const rel of new Set([...paths, ...Object.keys(lock.files)])) {
    const abs = path.join(claudeDir, rel)
    const onDisk = fs.existsSync(abs) ? sha(fs.readFileSync(abs)) : null
    const recorded = lock.files[rel]?.sha256 ?? null
    const inFlight = (lock.journal?.operations ?? [])
      .filter((op: { path: string }) => op.path === rel)
      .map((op: { to: string | null }) => op.to)
    expect([recorded, ...inFlight], `${rel} on disk is ${onDisk}`).toContain(onDisk)
  }
  return true
}

describe('an interrupted run', () => {
  for (const scenario of scenarios) {
    it(`${scenario.name}: at every failure point, each file is old or new, the lock agrees, and a re-run completes`, async () => {
      const deps = (pack: string, home: string, fileSystem?: FileSystem): InstallDeps => ({
        packageRoot: pack,
        home,
        now: () => new Date('2026-01-02T03:04:05Z'),
        ...(fileSystem ? { fs: fileSystem } : {}),
      })
      const prepare = async () => {
        const pack = makePack()
        const target = tempDir('crash')
        const home = tempDir('home')
        await scenario.setup(pack, target, deps(pack, home))
        return { pack, target, home, claudeDir: path.join(target, '.claude') }
      }

      // Count the changes of an uninterrupted run.
      const counting = faultyFileSystem(0)
      const dry = await prepare()
      const before0 = snapshot(dry.claudeDir)
      expect(await scenario.command([], captureIO(dry.target), deps(dry.pack, dry.home, counting))).toBe(0)
      const total = counting.changes
      expect(total).toBeGreaterThan(3)
      const after = scenario.after(dry.pack)
      const { [lockName]: _lock, ...finalFiles } = snapshot(dry.claudeDir)
      expect(finalFiles).toEqual(after)

      for (let k = 1; k <= total; k++) {
        const { pack, target, home, claudeDir } = await prepare()
        const { [lockName]: _l, ...before } = snapshot(claudeDir)
        expect(before).toEqual(Object.fromEntries(Object.entries(before0).filter(([p]) => p !== lockName)))
        await expect(
          scenario.command([], captureIO(target), deps(pack, home, faultyFileSystem(k))),
          `failure at change ${k}`,
        ).rejects.toThrow(/Stopped part-way/)

        const { [lockName]: _l2, ...now } = snapshot(claudeDir)
        const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])]
        for (const rel of paths) expect([before[rel], after[rel]], `${rel} after a failure at change ${k}`).toContain(now[rel])
        const others = Object.keys(now).filter((rel) => !paths.includes(rel))
        expect(
          others.every((rel) => /(^|\/)\.[^/]+\.bt-[0-9a-f]{16}\.tmp$/.test(rel)),
          `unexpected files ${others.join(', ')}`,
        ).toBe(true)
        const hasLock = expectLockAgreesWithDisk(claudeDir, paths)
        if (!hasLock) {
          // No lock: stopped before the journal reached the disk (nothing changed yet), or uninstall stopped after
          // deleting the lock (everything it owned is gone).
          const unchanged = paths.every((rel) => now[rel] === before[rel])
          const done = paths.every((rel) => now[rel] === after[rel])
          expect(unchanged || done, `files after a failure at change ${k} without a lock`).toBe(true)
        }

        // The next ordinary run settles the journal and finishes.
        const io = captureIO(target)
        expect(await scenario.command([], io, deps(pack, home)), io.err + io.out).toBe(0)
        const { [lockName]: lockText, ...settled } = snapshot(claudeDir)
        expect(settled, `after re-running from a failure at change ${k}`).toEqual(after)
        if (lockText !== undefined) {
          const lock = JSON.parse(lockText)
          expect(lock.journal).toBeUndefined()
          expect(Object.fromEntries(Object.entries(lock.files).map(([rel, v]) => [rel, (v as { sha256: string }).sha256]))).toEqual(
            Object.fromEntries(Object.entries(after).map(([rel, c]) => [rel, sha(c)])),
          )
        } else {
          expect(Object.keys(after)).toEqual([])
          // Gone, or (stopped between deleting the lock and removing `.claude`) an empty folder.
          expect(!fs.existsSync(claudeDir) || fs.readdirSync(claudeDir).length === 0).toBe(true)
        }
      }
    })
  }
})
