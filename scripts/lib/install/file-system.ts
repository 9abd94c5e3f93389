import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  type Stats,
} from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from '../write/atomic-write.ts'

/**
 * What is at a path, as facts: only `missing` means there is nothing there. A file's bytes are read only when it is
 * no larger than the cap the caller gives, so a 3 GiB file is never read and a FIFO is never opened.
 */
export type Entry =
  | { kind: 'missing' }
  | { kind: 'file'; size: number; content: Buffer | null; problem?: string }
  | { kind: 'directory' }
  | { kind: 'other'; what: string }

export interface WriteOptions {
  executable?: boolean
  /** Names the temporary sibling of an atomic write (`.<name>.<tempTag>.tmp`), so only this run's left-overs are ever deleted. */
  tempTag?: string
}

/**
 * Every file-system call the installer makes. The commands use `realFileSystem` wrapped by `confine` (boundary.ts);
 * tests wrap it to fail part-way through a run, or to report facts a root user cannot produce (an unreadable file).
 */
export interface FileSystem {
  /** What is at `path` (links followed), reading a regular file's bytes only up to `maxBytes`. */
  inspect(path: string, maxBytes: number): Entry
  /** A trusted file's bytes (the package's own), or null when there is no regular file at `path`. */
  readFile(path: string): Buffer | null
  /** Replaces (or creates) a file atomically: a reader sees the old bytes or the new ones, never a mix. */
  writeFile(path: string, content: Buffer, options?: WriteOptions): void
  /** Creates one folder; its parent must exist. False when another run created it first. */
  mkdir(path: string): boolean
  /** Deletes a file (a link itself, never what it points at). */
  unlink(path: string): void
  /** Deletes a real, empty folder; returns whether it did. A link, a file or a full folder is left alone. */
  rmdirIfEmpty(path: string): boolean
  /** Renames a file (used to move a colliding file aside as a backup). */
  rename(from: string, to: string): void
  /** Whether anything is at `path`, a dangling link included. */
  exists(path: string): boolean
  isDirectory(path: string): boolean
  isExecutable(path: string): boolean
  /** Names in a folder, or [] when it is missing. Links are followed for their type; `isLink` says one was. */
  list(dir: string): ListEntry[]
  realpath(path: string): string
}

export interface ListEntry {
  name: string
  isFile: boolean
  isDirectory: boolean
  isLink: boolean
}

function describeSpecial(s: Stats): string {
  if (s.isFIFO()) return 'a named pipe (FIFO)'
  if (s.isSocket()) return 'a socket'
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device'
  return 'not a regular file'
}

/** Reads at most `size` bytes through one descriptor, so the check and the read see the same file. */
function readUpTo(path: string, size: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(size)
    let read = 0
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read)
      if (n === 0) break
      read += n
    }
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

export const realFileSystem: FileSystem = {
  inspect(path, maxBytes) {
    let s: Stats
    try {
      s = statSync(path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        try {
          if (lstatSync(path).isSymbolicLink()) return { kind: 'other', what: 'a link to a file that does not exist' }
        } catch {
          // nothing there at all
        }
        return { kind: 'missing' }
      }
      if (code === 'ELOOP') return { kind: 'other', what: 'a link that loops' }
      return { kind: 'other', what: `unreadable (${code ?? 'error'})` }
    }
    if (s.isDirectory()) return { kind: 'directory' }
    if (!s.isFile()) return { kind: 'other', what: describeSpecial(s) }
    if (s.size > maxBytes) return { kind: 'file', size: s.size, content: null, problem: `${s.size} bytes, too large to compare` }
    try {
      return { kind: 'file', size: s.size, content: readUpTo(path, s.size) }
    } catch (error) {
      return { kind: 'file', size: s.size, content: null, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }
    }
  },
  readFile(path) {
    const entry = realFileSystem.inspect(path, 64 * 1024 * 1024)
    return entry.kind === 'file' ? entry.content : null
  },
  writeFile(path, content, options = {}) {
    writeFileAtomic(path, content, options.tempTag === undefined ? {} : { tempTag: options.tempTag })
    if (options.executable) chmodSync(path, 0o755)
  },
  mkdir(path) {
    try {
      mkdirSync(path)
      return true
    } catch (error) {
      // Two runs starting at once both create `.claude/` before either holds the run lock: a folder is a folder.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && lstatSync(path).isDirectory()) return false
      throw error
    }
  },
  unlink(path) {
    unlinkSync(path)
  },
  rmdirIfEmpty(path) {
    try {
      if (!lstatSync(path).isDirectory()) return false
      rmdirSync(path)
      return true
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOENT' || code === 'ENOTDIR') return false
      throw error
    }
  },
  rename(from, to) {
    renameSync(from, to)
  },
  exists(path) {
    try {
      lstatSync(path)
      return true
    } catch {
      return false
    }
  },
  isDirectory(path) {
    try {
      return statSync(path).isDirectory()
    } catch {
      return false
    }
  },
  isExecutable(path) {
    try {
      return (statSync(path).mode & 0o111) !== 0
    } catch {
      return false
    }
  },
  list(dir) {
    try {
      return readdirSync(dir, { withFileTypes: true }).map((d) => {
        // Follow symbolic links, as Claude Code does when it reads .claude/agents.
        let isFile = d.isFile()
        let isDirectory = d.isDirectory()
        const isLink = d.isSymbolicLink()
        if (isLink) {
          try {
            const s = statSync(`${dir}/${d.name}`)
            isFile = s.isFile()
            isDirectory = s.isDirectory()
          } catch {
            // A dangling or looping link is neither.
          }
        }
        return { name: d.name, isFile, isDirectory, isLink }
      })
    } catch {
      return []
    }
  },
  realpath(path) {
    try {
      return realpathSync(path)
    } catch {
      return path
    }
  },
}

/**
 * Calls `visit` for every regular file under `dir`, entering each real folder once, so two links to `.` cost one
 * visit instead of 2^depth.
 */
export function walkFiles(
  fs: FileSystem,
  dir: string,
  visit: (path: string) => void,
  options: { dotFiles?: boolean } = {},
  seen = new Set<string>(),
): void {
  const real = fs.realpath(dir)
  if (seen.has(real) || seen.size > 10_000) return
  seen.add(real)
  for (const entry of fs.list(dir)) {
    if (!options.dotFiles && entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory) walkFiles(fs, path, visit, options, seen)
    else if (entry.isFile) visit(path)
  }
}
