import { basename, dirname, join } from 'node:path'
import { describeErrors, validatorFor } from '../schemas.ts'
import type { FileSystem } from './file-system.ts'
import { sha256 } from './hash.ts'

export const lockFileName = 'backend-team.lock.json'
export const lockSchemaId = 'install-lock.schema.json'

/** One change in flight: the file at `path` goes from hash `from` to hash `to` (null: no file). */
export interface JournalOperation {
  path: string
  from: string | null
  to: string | null
}

export interface Journal {
  command: 'install' | 'update' | 'uninstall'
  started: string
  operations: JournalOperation[]
  /** Folders (relative to `.claude/`) the run may create. */
  directories: string[]
}

/**
 * `<target>/.claude/backend-team.lock.json`. Paths are relative to `.claude/` with `/` separators.
 * `files` is what the installer put on disk and still owns; `journal`, present only while a run is in flight
 * (or after one was interrupted), says what that run was changing.
 */
export interface Lock {
  lockVersion: 1
  package: { name: string; version: string }
  updated: string
  files: Record<string, { sha256: string }>
  /** Folders the installer created (`.` is `.claude` itself); uninstall removes them when empty. */
  directories: string[]
  journal?: Journal
}

export function lockPath(claudeDir: string): string {
  return join(claudeDir, lockFileName)
}

export class LockError extends Error {}

/** Reads and schema-checks the lock; null when there is none. */
export function readLock(fs: FileSystem, claudeDir: string): Lock | null {
  const path = lockPath(claudeDir)
  const content = fs.readFile(path)
  if (content === null) return null
  let data: unknown
  try {
    data = JSON.parse(content.toString('utf8'))
  } catch (error) {
    throw new LockError(`${path} is not valid JSON (${(error as Error).message}); fix it or remove it to start over`)
  }
  const validate = validatorFor(lockSchemaId)
  if (!validate(data)) {
    const problems = describeErrors(validate.errors, data).map((p) => p.message).join('; ')
    throw new LockError(`${path} does not match ${lockSchemaId}: ${problems}; fix it or remove it to start over`)
  }
  return data as Lock
}

/**
 * Settles an interrupted run: each journal operation took effect if the disk now holds its `to` content, and did not
 * if it holds anything else. Returns the lock without a journal, and whether there was one.
 */
export function settleJournal(fs: FileSystem, claudeDir: string, lock: Lock): { lock: Lock; settled: number } {
  const journal = lock.journal
  if (!journal) return { lock, settled: 0 }
  const files = { ...lock.files }
  let settled = 0
  for (const op of journal.operations) {
    const content = fs.readFile(join(claudeDir, op.path))
    const onDisk = content === null ? null : sha256(content)
    if (onDisk !== op.to) continue
    settled++
    if (op.to === null) delete files[op.path]
    else files[op.path] = { sha256: op.to }
  }
  const directories = [...new Set([...lock.directories, ...journal.directories.filter((d) => fs.isDirectory(join(claudeDir, d)))])].sort()
  const { journal: _journal, ...rest } = lock
  return { lock: { ...rest, files, directories }, settled }
}

export function serializeLock(lock: Lock): Buffer {
  const files = Object.fromEntries(Object.keys(lock.files).sort().map((k) => [k, lock.files[k]!]))
  return Buffer.from(`${JSON.stringify({ ...lock, files }, null, 2)}\n`, 'utf8')
}

export function writeLock(fs: FileSystem, claudeDir: string, lock: Lock): void {
  fs.writeFile(lockPath(claudeDir), serializeLock(lock))
}

/**
 * Deletes what an atomic write of `path` leaves when the process dies before its rename: a sibling
 * `.<name>.<pid>.<time>.tmp` (see atomic-write.ts). The target itself is never half-written.
 */
export function removeStaleTemps(fs: FileSystem, path: string): void {
  const prefix = `.${basename(path)}.`
  for (const entry of fs.list(dirname(path))) {
    if (entry.isFile && entry.name.startsWith(prefix) && /^\d+\.[0-9a-z]+\.tmp$/.test(entry.name.slice(prefix.length))) {
      fs.unlink(join(dirname(path), entry.name))
    }
  }
}
