import { dirname, join } from 'node:path'
import type { FileSystem } from './file-system.ts'
import { lockPath, removeStaleTemps, writeLock, type Lock } from './lock.ts'
import { foldersToCreate, type Plan } from './plan.ts'

export interface ApplyInput {
  fs: FileSystem
  plan: Plan
  claudeDir: string
  /** The lock as read (journal settled), or null on a first install. */
  lock: Lock | null
  packageName: string
  packageVersion: string
  now: Date
  /** The lock on disk still holds a settled journal: write it even when nothing else changes. */
  rewriteLock?: boolean
}

export interface ApplyResult {
  /** Backups made by --force: original path → backup path. */
  backups: { path: string; backup: string }[]
  /** Folders removed by uninstall (relative to `.claude/`). */
  removedFolders: string[]
  lockRemoved: boolean
}

/** `20260102T030405Z`: sorts by time and is safe in file names on every platform. */
export function backupStamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')
}

function backupPath(fs: FileSystem, path: string, stamp: string): string {
  let candidate = `${path}.backup-${stamp}`
  for (let i = 1; fs.exists(candidate); i++) candidate = `${path}.backup-${stamp}-${i}`
  return candidate
}

/**
 * Carries out a plan. The lock doubles as a journal, so an interruption at any point leaves every file either as it
 * was or as planned (each write is an atomic rename) and a lock that says which:
 *   1. create `.claude/` if needed, then write the lock with a `journal` of every planned change (from-hash → to-hash);
 *   2. make folders, back up (--force), write and delete files;
 *   3. write the lock again with the new `files` and no journal (or delete it when it owns nothing).
 * The next run settles a left-over journal by the hashes it finds on disk (see settleJournal).
 */
export function applyPlan(input: ApplyInput): ApplyResult {
  const { fs, plan, claudeDir, packageName, packageVersion, now } = input
  const stamp = backupStamp(now)
  const result: ApplyResult = { backups: [], removedFolders: [], lockRemoved: false }
  const changes = plan.steps.filter((s) => s.action === 'create' || s.action === 'update' || s.action === 'remove')
  const folders = foldersToCreate(fs, claudeDir, plan)
  const base: Lock = input.lock ?? { lockVersion: 1, package: { name: packageName, version: packageVersion }, updated: now.toISOString(), files: {}, directories: [] }

  // Name collisions in the project under --force: move the other definition aside so only the pack's loads.
  for (const c of plan.collisions) {
    if (!c.moveAside || !fs.exists(c.path)) continue
    const backup = backupPath(fs, c.path, stamp)
    fs.rename(c.path, backup)
    result.backups.push({ path: c.path, backup })
  }

  const needsJournal = changes.length > 0 || folders.length > 0
  // Left-overs of an interrupted earlier run's atomic writes.
  removeStaleTemps(fs, lockPath(claudeDir))
  for (const step of plan.steps) removeStaleTemps(fs, join(claudeDir, step.rel))
  if (needsJournal) {
    if (folders[0] === '.') fs.mkdir(claudeDir)
    writeLock(fs, claudeDir, {
      ...base,
      journal: {
        command: plan.command,
        started: now.toISOString(),
        operations: changes.map((s) => ({ path: s.rel, from: s.from, to: s.to })),
        directories: folders,
      },
    })
    for (const folder of folders) if (folder !== '.') fs.mkdir(join(claudeDir, folder))
  }

  for (const step of changes) {
    const path = join(claudeDir, step.rel)
    if (step.backup) {
      const content = fs.readFile(path)
      if (content !== null) {
        const backup = backupPath(fs, path, stamp)
        fs.writeFile(backup, content)
        result.backups.push({ path, backup })
      }
    }
    if (step.action === 'remove') fs.unlink(path)
    else fs.writeFile(path, step.source!.content, step.source!.executable)
  }

  const files: Lock['files'] = {}
  const previous = input.lock?.files ?? {}
  for (const step of plan.steps) {
    if (!step.owned) continue
    if (step.action === 'keep') {
      if (previous[step.rel]) files[step.rel] = previous[step.rel]!
    } else if (step.to !== null) {
      files[step.rel] = { sha256: step.to }
    }
  }
  let directories = [...new Set([...base.directories, ...folders])]

  if (plan.command === 'uninstall' && Object.keys(files).length === 0) {
    // Folders deepest first, `.claude` itself last, after the lock is gone.
    const byDepth = directories.filter((d) => d !== '.').sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? 1 : -1))
    for (const folder of byDepth) if (fs.rmdirIfEmpty(join(claudeDir, folder))) result.removedFolders.push(folder)
    fs.unlink(lockPath(claudeDir))
    result.lockRemoved = true
    if (directories.includes('.') && fs.rmdirIfEmpty(claudeDir)) result.removedFolders.push('.')
    return result
  }
  if (plan.command === 'uninstall') {
    // Something the user changed stays: remove only folders that emptied, keep the rest on record.
    const byDepth = directories.filter((d) => d !== '.').sort((a, b) => b.split('/').length - a.split('/').length)
    for (const folder of byDepth) if (fs.rmdirIfEmpty(join(claudeDir, folder))) result.removedFolders.push(folder)
    directories = directories.filter((d) => !result.removedFolders.includes(d))
  }
  if (!needsJournal && !input.rewriteLock && input.lock && sameFiles(input.lock.files, files) && input.lock.package.version === packageVersion) return result
  if (!fs.isDirectory(dirname(lockPath(claudeDir)))) fs.mkdir(claudeDir)
  writeLock(fs, claudeDir, { lockVersion: 1, package: { name: packageName, version: packageVersion }, updated: now.toISOString(), files, directories: directories.sort() })
  return result
}

function sameFiles(a: Lock['files'], b: Lock['files']): boolean {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => b[k]?.sha256 === a[k]!.sha256)
}
