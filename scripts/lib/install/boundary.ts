import { realpathSync } from 'node:fs'
import { basename, dirname, join, resolve, sep } from 'node:path'
import { UsageError } from '../commands/io.ts'
import type { FileSystem } from './file-system.ts'

/**
 * The installer's project boundary, in one place. Every path an installer command reads, writes or deletes goes
 * through `confine`, which resolves it (links included) and refuses it unless its real location is inside the zone
 * the path names: the target's `.claude/` (read and write), the user's `~/.claude/` and the package (read only).
 * A link such as `.claude/agents -> ../../..` therefore stops the run instead of steering a write or a delete.
 */
export interface Zone {
  /** The folder as the installer names it (lexically): `<target>/.claude`, `~/.claude`, the package root. */
  root: string
  writable: boolean
  /** Where its real paths must stay; defaults to the real path of `root` itself. */
  within?: string
}

/** A path that leaves its zone: exit 2 with this message, nothing touched. */
export class BoundaryError extends UsageError {}

/** The real path of `path`: the deepest existing ancestor resolved (links and all), the rest appended. */
export function realLocation(path: string): string {
  const rest: string[] = []
  let current = resolve(path)
  for (;;) {
    try {
      return join(realpathSync.native(current), ...rest)
    } catch {
      const parent = dirname(current)
      if (parent === current) return resolve(path)
      rest.unshift(basename(current))
      current = parent
    }
  }
}

export function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep)
}

interface ResolvedZone extends Zone {
  real: string
}

export interface Confined extends FileSystem {
  /** Throws BoundaryError unless `path` may be written (used for files the installer creates by other means). */
  assertWritable(path: string): void
}

export function confine(fs: FileSystem, zones: Zone[]): Confined {
  const resolved: ResolvedZone[] = zones
    .map((z) => ({ ...z, root: resolve(z.root), real: realLocation(z.within ?? z.root) }))
    .sort((a, b) => b.root.length - a.root.length)

  const zoneOf = (path: string): ResolvedZone => {
    const lexical = resolve(path)
    const zone = resolved.find((z) => isInside(lexical, z.root))
    if (!zone) throw new BoundaryError(`refusing to touch ${path}: it is outside ${resolved.map((z) => z.root).join(' and ')}`)
    return zone
  }
  const check = (path: string, write: boolean): void => {
    const zone = zoneOf(path)
    if (write && !zone.writable) throw new BoundaryError(`refusing to change ${path}: backend-team only reads ${zone.root}`)
    const real = realLocation(path)
    if (!isInside(real, zone.real)) {
      throw new BoundaryError(
        `refusing to ${write ? 'change' : 'read'} ${path}: a link takes it to ${real}, outside ${zone.root}; nothing was changed. Replace the link with a folder, or remove it.`,
      )
    }
  }
  /** For what a path names itself (a link, not its target): its folder must be inside, and the path in a zone. */
  const checkPlace = (path: string, write: boolean): void => {
    if (resolved.some((z) => z.root === resolve(path))) return check(path, write)
    zoneOf(path)
    check(dirname(path), write)
  }
  /** For a link entry in a listing: whether following it stays inside the zone. */
  const staysInside = (path: string): boolean => {
    try {
      check(path, false)
      return true
    } catch (error) {
      if (error instanceof BoundaryError) return false
      throw error
    }
  }

  return {
    inspect: (path, maxBytes) => (check(path, false), fs.inspect(path, maxBytes)),
    readFile: (path) => (check(path, false), fs.readFile(path)),
    writeFile: (path, content, options) => (check(path, true), fs.writeFile(path, content, options)),
    mkdir: (path) => (check(path, true), fs.mkdir(path)),
    // A link being deleted is checked where it lives (its folder), not where it points.
    unlink: (path) => (checkPlace(path, true), fs.unlink(path)),
    rmdirIfEmpty: (path) => (check(path, true), fs.rmdirIfEmpty(path)),
    rename: (from, to) => (check(from, true), check(to, true), fs.rename(from, to)),
    exists: (path) => (checkPlace(path, false), fs.exists(path)),
    isDirectory: (path) => (check(path, false), fs.isDirectory(path)),
    isExecutable: (path) => (check(path, false), fs.isExecutable(path)),
    list(dir) {
      check(dir, false)
      // A link out of the zone is listed as what it is, a link, and never followed.
      return fs.list(dir).map((e) => (e.isLink && !staysInside(join(dir, e.name)) ? { ...e, isFile: false, isDirectory: false } : e))
    },
    realpath: (path) => (check(path, false), fs.realpath(path)),
    assertWritable: (path) => check(path, true),
  }
}
