import { join, sep } from 'node:path'
import { BoundaryError, confine } from './boundary.ts'
import { realFileSystem } from './file-system.ts'
import { sha256 } from './hash.ts'
import { LockError, readLock } from './lock.ts'
import { compareCapBytes } from './plan.ts'

/**
 * The files `backend-team install` put in `<projectRoot>/.claude/` that still hold the bytes it wrote (absolute
 * paths). They are the pack's, not the user's: `generate` and `validate --fix` leave them alone, and their generated
 * tables are correct as shipped. Files the user changed, or kept with `update --keep`, are not in the set. Reads
 * only inside `.claude/` (links out of it are not followed); a missing or broken lock gives an empty set.
 */
export function installedPackFiles(projectRoot: string): Set<string> {
  const claudeDir = join(projectRoot, '.claude')
  const fs = confine(realFileSystem, [{ root: claudeDir, writable: false }])
  const out = new Set<string>()
  try {
    const lock = readLock(fs, claudeDir)
    if (!lock || lock.journal) return out
    for (const [rel, entry] of Object.entries(lock.files)) {
      if (entry.kept) continue
      const path = join(claudeDir, ...rel.split('/'))
      const file = fs.inspect(path, compareCapBytes)
      if (file.kind === 'file' && file.content !== null && sha256(file.content) === entry.sha256) out.add(path)
    }
  } catch (error) {
    // A lock the installer would refuse, or one pointing out of `.claude/`, protects nothing.
    if (error instanceof LockError || error instanceof BoundaryError) return new Set()
    throw error
  }
  return out
}

/** The project a path under some `.claude/` belongs to (the folder holding that `.claude`), or null. */
export function projectRootOf(path: string): string | null {
  const marker = `${sep}.claude${sep}`
  const at = path.lastIndexOf(marker)
  return at < 0 ? null : path.slice(0, at) || sep
}

/** Those of `paths` that are installed, unchanged pack files (see installedPackFiles). */
export function installedAmong(paths: Iterable<string>): Set<string> {
  const byRoot = new Map<string, Set<string>>()
  const out = new Set<string>()
  for (const path of paths) {
    const root = projectRootOf(path)
    if (root === null) continue
    if (!byRoot.has(root)) byRoot.set(root, installedPackFiles(root))
    if (byRoot.get(root)!.has(path)) out.add(path)
  }
  return out
}
