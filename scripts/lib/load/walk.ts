import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs'
import { join, relative, sep } from 'node:path'
import picomatch from 'picomatch'
import type { ProjectBoundary } from './boundary.ts'

/**
 * A file found by the walk; `outside` marks a link whose target leaves the project (or, without a boundary, the walked
 * root): it is reported and never read. A folder link that leaves the project is listed the same way, so the user
 * learns why its files are missing, and is never descended into.
 */
export interface Found {
  path: string
  outside: boolean
  /** Reached through a symbolic link, so its real path may differ from `path`. */
  viaLink: boolean
}

const alwaysSkipped = new Set(['node_modules', '.git'])

/**
 * Lists files under `root` whose root-relative path matches `patterns` (case-insensitively, so the checks can
 * report `skill.md` and `.MD` names Claude Code ignores). Unlike glob libraries it keeps broken and looping
 * links, so they are reported as unreadable instead of vanishing, and it never follows a link out of `root`.
 * With a `boundary`, a link out of `root` but inside the project is followed for files, and `root` itself may not
 * leave the project (`.claude -> ../elsewhere`).
 */
/** A predicate on absolute paths: true for a file or folder the configuration ignores. */
export type Ignored = (absPath: string) => boolean

export function walk(root: string, patterns: string[], ignored: Ignored = () => false, boundary?: ProjectBoundary): Found[] {
  const match = picomatch(patterns, { dot: true, nocase: true })
  // Only descend into folders a pattern can reach: `agents/**/*.md` never needs `skills/`, and a pattern with no `/`
  // and no `**` (`README.md`, `settings.json`) matches only in `root` itself.
  const bases = patterns.filter((p) => p.includes('/') || p.includes('**')).map(staticBase)
  const mayContain = (rel: string) => {
    const dir = rel.toLowerCase()
    return bases.some((b) => b === '' || dir === b || dir.startsWith(`${b}/`) || b.startsWith(`${dir}/`))
  }
  const searchesEverywhere = patterns.some((p) => p.startsWith('**'))
  const found: Found[] = []
  let realRoot: string
  try {
    realRoot = realpathSync(root)
  } catch {
    return found
  }
  if (boundary && !boundary.contains(realRoot)) return [{ path: root, outside: true, viaLink: true }]
  const visited = new Set<string>([realRoot])
  const inside = (real: string) => real === realRoot || real.startsWith(realRoot + sep)
  const inProject = (real: string) => (boundary ? boundary.contains(real) : inside(real))
  const visit = (dir: string, viaLink: boolean) => {
    let entries: Dirent[]
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      // An unreadable folder is listed like an unreadable file, so the loader reports why its files are missing;
      // not by a search of the whole tree (`**/…`), which would take any such folder for what it looks for.
      if (!searchesEverywhere) found.push({ path: dir, outside: false, viaLink })
      return
    }
    for (const entry of entries) {
      if (alwaysSkipped.has(entry.name)) continue
      const path = join(dir, entry.name)
      const rel = relative(root, path).split(sep).join('/')
      if (ignored(path)) continue
      let isDir = entry.isDirectory()
      let outside = false
      const link = viaLink || entry.isSymbolicLink()
      if (entry.isSymbolicLink()) {
        try {
          const real = realpathSync(path)
          isDir = statSync(real).isDirectory()
          outside = isDir ? !inside(real) : !inProject(real)
          if (isDir && outside && boundary && !boundary.contains(real)) {
            if (mayContain(rel)) found.push({ path, outside: true, viaLink: true })
            continue
          }
          // A link to the folder it sits in, or to one above it, would be walked again and again.
          if (isDir && (outside || visited.has(real) || isAncestor(real, dir))) continue
          if (isDir) visited.add(real)
        } catch {
          isDir = false // broken or looping link: listed as a file so reading it reports why
        }
      }
      if (isDir) {
        if (mayContain(rel)) visit(path, link)
      } else if (match(rel)) {
        found.push({ path, outside, viaLink: link })
      }
    }
  }
  // A root reached through a link (`.claude/skills -> ../skills`) yields paths whose real location differs.
  visit(root, realRoot !== root)
  return found
}

// The folder part of a pattern before its first glob character, lower-cased (for agents/**/*.md: agents).
function staticBase(pattern: string): string {
  const parts = pattern.split('/')
  const base: string[] = []
  for (const part of parts.slice(0, -1)) {
    if (/[*?[\]{}()!]/.test(part)) break
    base.push(part)
  }
  return base.join('/').toLowerCase()
}

function isAncestor(real: string, dir: string): boolean {
  const here = realpathSync(dir)
  return here === real || here.startsWith(real + sep)
}
