import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs'
import { writeFileAtomic } from '../atomic-write.ts'

/**
 * Every file-system call the installer makes. The commands use `realFileSystem`; tests wrap it to fail part-way
 * through a run and check what an interruption leaves behind.
 */
export interface FileSystem {
  /** The file's bytes, or null when there is no regular file at `path`. */
  readFile(path: string): Buffer | null
  /** Replaces (or creates) a file atomically: a reader sees the old bytes or the new ones, never a mix. */
  writeFile(path: string, content: Buffer, executable?: boolean): void
  /** Creates one folder; its parent must exist. */
  mkdir(path: string): void
  /** Deletes a file. */
  unlink(path: string): void
  /** Deletes a folder if it is empty; returns whether it did. */
  rmdirIfEmpty(path: string): boolean
  /** Renames a file (used to move a colliding file aside as a backup). */
  rename(from: string, to: string): void
  exists(path: string): boolean
  isDirectory(path: string): boolean
  isExecutable(path: string): boolean
  /** Names in a folder, or [] when it is missing. */
  list(dir: string): { name: string; isFile: boolean; isDirectory: boolean }[]
  realpath(path: string): string
}

export const realFileSystem: FileSystem = {
  readFile(path) {
    try {
      if (!statSync(path).isFile()) return null
      return readFileSync(path)
    } catch {
      return null
    }
  },
  writeFile(path, content, executable) {
    writeFileAtomic(path, content)
    if (executable) chmodSync(path, 0o755)
  },
  mkdir(path) {
    mkdirSync(path)
  },
  unlink(path) {
    unlinkSync(path)
  },
  rmdirIfEmpty(path) {
    try {
      rmdirSync(path)
      return true
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOENT') return false
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
        if (d.isSymbolicLink()) {
          try {
            const s = statSync(`${dir}/${d.name}`)
            isFile = s.isFile()
            isDirectory = s.isDirectory()
          } catch {
            // A dangling link is neither.
          }
        }
        return { name: d.name, isFile, isDirectory }
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
