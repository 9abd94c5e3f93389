import { basename, dirname, join } from 'node:path'
import { describeErrors, validatorFor } from '../model/schemas.ts'
import type { FileSystem } from './file-system.ts'
import { sha256 } from './hash.ts'

export const lockFileName = 'backend-team.lock.json'
export const lockSchemaId = 'install-lock.schema.json'
/** A lock larger than this is not one the installer wrote. */
const maxLockBytes = 16 * 1024 * 1024

/** One change in flight: the file at `path` goes from hash `from` to hash `to` (null: no file). */
export interface JournalOperation {
  path: string
  from: string | null
  to: string | null
}

export interface Journal {
  command: 'install' | 'update' | 'uninstall'
  started: string
  /** Names this run's temporary files (`.<name>.bt-<run>.tmp`), so the next run deletes those and nothing else. */
  run?: string
  operations: JournalOperation[]
  /** Folders (relative to `.claude/`) the run may create. */
  directories: string[]
}

export interface LockEntry {
  sha256: string
  /** The user changed the file and chose to keep it (`update --keep`): update and uninstall leave it alone. */
  kept?: true
}

/** Where the pack was installed: a project's `.claude/` or the user's `~/.claude/`. */
export type InstallMode = 'project' | 'user'

/**
 * `<target>/.claude/backend-team.lock.json`. Paths are relative to `.claude/` with `/` separators.
 * `files` is what the installer put on disk and still owns; `journal`, present only while a run is in flight
 * (or after one was interrupted), says what that run was changing.
 */
export interface Lock {
  lockVersion: 1
  package: { name: string; version: string }
  updated: string
  mode?: InstallMode
  /** What the installer changed in the pack's files for this mode (see transform.ts). */
  transforms?: string[]
  /** Keyed by paths from a file: always a null-prototype object, so `constructor` or `__proto__` are plain keys. */
  files: Record<string, LockEntry>
  /** Folders the installer created (`.` is `.claude` itself); uninstall removes them when empty. */
  directories: string[]
  /** The installer's merge into `settings.json` (the Bash guard's hook), when it made one. */
  settings?: SettingsRecord
  journal?: Journal
}

/** What the lock keeps about the merge into settings.json. */
export interface SettingsRecord {
  /** The file's hash right after the installer wrote it. */
  sha256: string
  /** There was no settings.json before: uninstall deletes the file while it is still as written. */
  created: boolean
  /** Turns the written file back into the one before (one replaced span); absent when the installer cannot know it. */
  undo?: { offset: number; length: number; text: string }
}

export function lockPath(claudeDir: string): string {
  return join(claudeDir, lockFileName)
}

export class LockError extends Error {}

export function entriesOf(files: Record<string, LockEntry>): Record<string, LockEntry> {
  return Object.assign(Object.create(null) as Record<string, LockEntry>, files)
}

/** Reads and schema-checks the lock; null when there is none. */
export function readLock(fs: FileSystem, claudeDir: string): Lock | null {
  const path = lockPath(claudeDir)
  const entry = fs.inspect(path, maxLockBytes)
  if (entry.kind === 'missing') return null
  if (entry.kind !== 'file')
    throw new LockError(`${path} is ${entry.kind === 'directory' ? 'a folder' : entry.what}, not a lock file; move it away to start over`)
  if (entry.content === null) throw new LockError(`${path} is ${entry.problem}; move it away to start over`)
  let data: unknown
  try {
    data = JSON.parse(entry.content.toString('utf8'))
  } catch (error) {
    throw new LockError(`${path} is not valid JSON (${(error as Error).message}); fix it or remove it to start over`)
  }
  const validate = validatorFor(lockSchemaId)
  if (!validate(data)) {
    const problems = describeErrors(validate.errors, data)
      .map((p) => p.message)
      .join('; ')
    throw new LockError(`${path} does not match ${lockSchemaId}: ${problems}; fix it or remove it to start over`)
  }
  const lock = data as Lock
  return { ...lock, files: entriesOf(lock.files) }
}

/**
 * Settles an interrupted run: each journal operation took effect if the disk now holds its `to` content, and did not
 * if it holds anything else. Returns the lock without a journal, and whether there was one.
 */
export function settleJournal(fs: FileSystem, claudeDir: string, lock: Lock): { lock: Lock; settled: number; run: string | null } {
  const journal = lock.journal
  if (!journal) return { lock, settled: 0, run: null }
  const files = entriesOf(lock.files)
  let settled = 0
  for (const op of journal.operations) {
    const entry = fs.inspect(join(claudeDir, op.path), maxLockBytes)
    const onDisk = entry.kind === 'file' && entry.content !== null ? sha256(entry.content) : null
    if (onDisk !== op.to || (op.to === null && entry.kind !== 'missing')) continue
    settled++
    if (op.to === null) delete files[op.path]
    else files[op.path] = { sha256: op.to }
  }
  const directories = [...new Set([...lock.directories, ...journal.directories.filter((d) => fs.isDirectory(join(claudeDir, d)))])].sort()
  const { journal: _journal, ...rest } = lock
  return { lock: { ...rest, files, directories }, settled, run: journal.run ?? null }
}

export function serializeLock(lock: Lock): Buffer {
  const files = Object.fromEntries(
    Object.keys(lock.files)
      .sort()
      .map((k) => [k, lock.files[k]!]),
  )
  return Buffer.from(`${JSON.stringify({ ...lock, files }, null, 2)}\n`, 'utf8')
}

/** The temporary-file tag of a run: `bt-<run>`. */
export const tempTagOf = (run: string) => `bt-${run}`

export function writeLock(fs: FileSystem, claudeDir: string, lock: Lock, run: string): void {
  fs.writeFile(lockPath(claudeDir), serializeLock(lock), { tempTag: tempTagOf(run) })
}

/**
 * Deletes what an atomic write of `path` by run `run` leaves when the process dies before its rename: the sibling
 * `.<name>.bt-<run>.tmp`. Only a regular file with exactly that name goes; a user's file never has it by chance.
 */
export function removeStaleTemp(fs: FileSystem, path: string, run: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${tempTagOf(run)}.tmp`)
  if (fs.inspect(temp, 0).kind === 'file') fs.unlink(temp)
}

/** Left-overs of the lock's own writes by any run: `.backend-team.lock.json.bt-<hex>.tmp`, a name only we use. */
export function removeStaleLockTemps(fs: FileSystem, claudeDir: string): void {
  const pattern = new RegExp(`^\\.${lockFileName.replace(/\./g, '\\.')}\\.bt-[0-9a-f]{16}\\.tmp$`)
  for (const entry of fs.list(claudeDir)) {
    if (entry.isFile && !entry.isLink && pattern.test(entry.name)) fs.unlink(join(claudeDir, entry.name))
  }
}
