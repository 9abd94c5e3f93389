import { readdirSync, statSync } from 'node:fs'
import type { ProjectBoundary } from './boundary.ts'
import { readSource, type ReadResult } from './read-source.ts'

/** What a path is, seen from inside the project; `outside` when it, links resolved, leaves the project. */
export type PathKind = 'file' | 'folder' | 'outside' | null

/**
 * The only way checks and the project model learn about paths beyond the loaded files (a linked script, a plugin's
 * component folder, a link target, an imported memory file). Every question is answered inside the project's
 * boundary: a path that leaves it, through `..` or a link, is `outside` and is never stat'ed, listed or read.
 * Answers are cached, so a thousand files asking about one folder cost one system call.
 */
export class ProjectDisk {
  private readonly kinds = new Map<string, PathKind>()

  constructor(private readonly boundary: ProjectBoundary) {}

  /** A path may be bytes: a link's percent-decoded target need not be UTF-8. */
  kindOf(path: string | Buffer): PathKind {
    const key = typeof path === 'string' ? path : `bytes:${path.toString('hex')}`
    let kind = this.kinds.get(key)
    if (kind === undefined) this.kinds.set(key, (kind = this.probe(path)))
    return kind
  }

  /** True only when the path is inside the project and nothing is there: a checker may then say it is missing. */
  missing(path: string | Buffer): boolean {
    return this.kindOf(path) === null
  }

  /** True when the path is inside the project and something is there. */
  exists(path: string): boolean {
    const kind = this.kindOf(path)
    return kind === 'file' || kind === 'folder'
  }

  isFile(path: string): boolean {
    return this.kindOf(path) === 'file'
  }

  isFolder(path: string): boolean {
    return this.kindOf(path) === 'folder'
  }

  /** The names in a folder of the project; none for a folder outside it or one that cannot be listed. */
  list(dir: string): string[] {
    if (!this.isFolder(dir)) return []
    try {
      return readdirSync(dir)
    } catch {
      return []
    }
  }

  /** A file of the project, read with readSource's limits; null for anything else. */
  read(path: string): ReadResult | null {
    return this.isFile(path) ? readSource(path) : null
  }

  private probe(path: string | Buffer): PathKind {
    // Bytes that are not UTF-8 sit in the last part of the path only, so their Latin-1 reading has the same folders.
    if (!this.boundary.contains(typeof path === 'string' ? path : path.toString('latin1'))) return 'outside'
    try {
      return statSync(path).isDirectory() ? 'folder' : 'file'
    } catch {
      return null
    }
  }
}
