import { dirname, join } from 'node:path'
import type { FileSystem } from './file-system.ts'
import {
  entriesOf,
  lockPath,
  removeStaleLockTemps,
  removeStaleTemp,
  tempTagOf,
  writeLock,
  type InstallMode,
  type Lock,
  type SettingsRecord,
} from './lock.ts'
import { foldersToCreate, type Plan } from './plan.ts'

export interface ApplyInput {
  fs: FileSystem
  plan: Plan
  claudeDir: string
  /** The lock as read (journal settled), or null on a first install. */
  lock: Lock | null
  packageName: string
  packageVersion: string
  mode: InstallMode
  transforms: string[]
  now: Date
  /** This run's id: names its temporary files and goes in the journal. */
  run: string
  /** The interrupted run whose temporary files may be left over, if any. */
  staleRun?: string | null
  /** This run created `.claude` itself (to hold its run lock): record it as the installer's folder. */
  createdClaudeDir?: boolean
  /** The lock on disk still holds a settled journal: write it even when nothing else changes. */
  rewriteLock?: boolean
  /** What the lock records about the merge into settings.json after this run (see guard-settings.ts). */
  settings?: SettingsRecord
}

export interface ApplyResult {
  /** Backups made by --force: original path → backup path. */
  backups: { path: string; backup: string }[]
  /** Folders removed by uninstall (relative to `.claude/`). */
  removedFolders: string[]
  lockRemoved: boolean
  /** Uninstall emptied what the installer owned and `.claude` was its folder: remove it once the run lock is gone. */
  removeClaudeDir: boolean
}

/** `20260102T030405Z`: sorts by time and is safe in file names on every platform. */
export function backupStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')
}

function backupPath(fs: FileSystem, path: string, stamp: string): string {
  let candidate = `${path}.backup-${stamp}`
  for (let i = 1; fs.exists(candidate); i++) candidate = `${path}.backup-${stamp}-${i}`
  return candidate
}

const byDepthDeepestFirst = (a: string, b: string) => b.split('/').length - a.split('/').length || (a < b ? 1 : -1)

/**
 * Carries out a plan. The lock doubles as a journal, so an interruption at any point leaves every file either as it
 * was or as planned (each write is an atomic rename) and a lock that says which:
 *   1. write the lock with a `journal` of every planned change (from-hash → to-hash);
 *   2. make folders, back up (--force), write and delete files;
 *   3. write the lock again with the new `files` and no journal (or delete it when it owns nothing).
 * The next run settles a left-over journal by the hashes it finds on disk (see settleJournal).
 */
export function applyPlan(input: ApplyInput): ApplyResult {
  const { fs, plan, claudeDir, packageName, packageVersion, now, run } = input
  const stamp = backupStamp(now)
  const tempTag = tempTagOf(run)
  const result: ApplyResult = { backups: [], removedFolders: [], lockRemoved: false, removeClaudeDir: false }
  const changes = plan.steps.filter((s) => s.action === 'create' || s.action === 'update' || s.action === 'remove')
  const folders = [...(input.createdClaudeDir ? ['.'] : []), ...foldersToCreate(fs, claudeDir, plan)]
  const header = {
    lockVersion: 1 as const,
    package: { name: packageName, version: packageVersion },
    mode: input.mode,
    transforms: input.transforms,
  }
  const base: Lock = input.lock ?? { ...header, updated: now.toISOString(), files: entriesOf({}), directories: [] }

  // Name collisions in the project under --force: move the other definition aside so only the pack's loads.
  for (const c of plan.collisions) {
    if (!c.moveAside || !fs.exists(c.path)) continue
    const backup = backupPath(fs, c.path, stamp)
    fs.rename(c.path, backup)
    result.backups.push({ path: c.path, backup })
  }

  const needsJournal = changes.length > 0 || folders.length > 0
  // Left-overs of an interrupted earlier run's atomic writes: only that run's, by name.
  removeStaleLockTemps(fs, claudeDir)
  if (input.staleRun) for (const step of plan.steps) removeStaleTemp(fs, join(claudeDir, step.rel), input.staleRun)
  if (needsJournal) {
    if (folders[0] === '.' && !fs.isDirectory(claudeDir)) fs.mkdir(claudeDir)
    writeLock(
      fs,
      claudeDir,
      {
        ...base,
        journal: {
          command: plan.command,
          started: now.toISOString(),
          run,
          operations: changes.map((s) => ({ path: s.rel, from: s.from, to: s.to })),
          directories: folders,
        },
      },
      run,
    )
    for (const folder of folders) if (folder !== '.') fs.mkdir(join(claudeDir, folder))
  }

  for (const step of changes) {
    const path = join(claudeDir, step.rel)
    if (step.backup) {
      const content = fs.readFile(path)
      if (content !== null) {
        const backup = backupPath(fs, path, stamp)
        fs.writeFile(backup, content, { tempTag })
        result.backups.push({ path, backup })
      }
    }
    if (step.action === 'remove') fs.unlink(path)
    else fs.writeFile(path, step.source!.content, { executable: step.source!.executable, tempTag })
  }

  const files = entriesOf({})
  for (const step of plan.steps) if (step.entry) files[step.rel] = step.entry
  let directories = [...new Set([...base.directories, ...folders])]

  if (plan.command === 'uninstall') {
    // Folders deepest first; `.claude` itself only after the lock (and the run lock) are gone.
    for (const folder of directories.filter((d) => d !== '.').sort(byDepthDeepestFirst)) {
      if (fs.rmdirIfEmpty(join(claudeDir, folder))) result.removedFolders.push(folder)
      // A folder that is no longer a folder (replaced by a link, say) is not the installer's any more.
      else if (!fs.exists(join(claudeDir, folder)) || !fs.isDirectory(join(claudeDir, folder))) result.removedFolders.push(folder)
    }
    directories = directories.filter((d) => !result.removedFolders.includes(d))
    if (Object.keys(files).length === 0) {
      fs.unlink(lockPath(claudeDir))
      result.lockRemoved = true
      result.removeClaudeDir = directories.includes('.')
      return result
    }
  }
  const sameAsBefore =
    !needsJournal &&
    !input.rewriteLock &&
    input.lock &&
    sameFiles(input.lock.files, files) &&
    input.lock.package.version === packageVersion &&
    input.lock.mode === input.mode &&
    JSON.stringify(input.lock.settings) === JSON.stringify(input.settings)
  if (sameAsBefore) return result
  if (!fs.isDirectory(dirname(lockPath(claudeDir)))) fs.mkdir(claudeDir)
  const settings = input.settings ? { settings: input.settings } : {}
  writeLock(fs, claudeDir, { ...header, updated: now.toISOString(), files, directories: directories.sort(), ...settings }, run)
  return result
}

function sameFiles(a: Lock['files'], b: Lock['files']): boolean {
  const ka = Object.keys(a)
  return (
    ka.length === Object.keys(b).length &&
    ka.every((k) => Object.hasOwn(b, k) && b[k]!.sha256 === a[k]!.sha256 && b[k]!.kept === a[k]!.kept)
  )
}
