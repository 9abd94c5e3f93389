import { realpathSync } from 'node:fs'
import { dirname, resolve, sep } from 'node:path'

/**
 * The project boundary: the folders a run was pointed at, with every symbolic link resolved. Whatever the CLI reads for
 * checking, or writes with `--fix`, must lie inside; a link that leaves is reported, never followed. One place decides
 * this so that the walk, the loader and the fixer cannot disagree.
 */
export class ProjectBoundary {
  private readonly roots: string[]

  constructor(roots: readonly string[]) {
    this.roots = roots.map((root) => realPathOf(root) ?? resolve(root))
  }

  /**
   * True when `path`, links resolved, lies inside a root. A path that does not exist (a broken link, a file not written
   * yet) is judged by its nearest existing folder, so a dangling link to `../outside/x` is still outside.
   */
  contains(path: string): boolean {
    const real = realPathOrParent(resolve(path))
    return this.roots.some((root) => isWithin(root, real))
  }
}

/** The real path, or null when the path (or a link on the way) does not resolve. */
export function realPathOf(path: string): string | null {
  try {
    return realpathSync.native(path)
  } catch {
    return null
  }
}

function realPathOrParent(path: string): string {
  const suffix: string[] = []
  for (let at = path; ; at = dirname(at)) {
    const real = realPathOf(at)
    if (real !== null) return suffix.length > 0 ? resolve(real, ...suffix.reverse()) : real
    if (dirname(at) === at) return path
    suffix.push(at.slice(dirname(at).length).replace(/^[\\/]/, ''))
  }
}

/** `path` is `root` or below it (both real, absolute). */
export function isWithin(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)
}
