import { basename, join } from 'node:path'
import { splitFrontmatter } from '../load/frontmatter.ts'
import { walkFiles, type FileSystem } from './file-system.ts'

/** Claude Code reads agent and skill files up to 1 MiB; a larger one defines nothing. */
const maxDefinitionBytes = 1024 * 1024

/** An agent or skill definition and the names Claude Code may know it by. */
export interface Definition {
  kind: 'agent' | 'skill'
  /** Absolute path of the agent file or the skill's SKILL.md. */
  path: string
  /** An agent: its frontmatter `name` (or file stem). A skill: its folder name and its frontmatter `name`. */
  names: string[]
}

/** Claude Code finds agents case- and separator-insensitively, so `Backend_Developer` collides with `backend-developer`. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
}

function frontmatterName(content: Buffer): string | null {
  const text = content.toString('utf8').replace(/^\uFEFF/, '')
  try {
    const name = splitFrontmatter(text).frontmatter?.data?.name
    return typeof name === 'string' && name.trim() !== '' ? name.trim() : null
  } catch {
    return null
  }
}

/**
 * The agents (`agents/**\/*.md`) and skills (`skills/<dir>/SKILL.md`) under a folder laid out like `.claude/`:
 * a project's `.claude`, the user's `~/.claude`, or the package root.
 */
export function scanDefinitions(fs: FileSystem, root: string): Definition[] {
  const found: Definition[] = []
  walkFiles(
    fs,
    join(root, 'agents'),
    (path) => {
      if (!path.endsWith('.md')) return
      const entry = fs.inspect(path, maxDefinitionBytes)
      if (entry.kind !== 'file' || entry.content === null) return
      const name = frontmatterName(entry.content) ?? basename(path, '.md')
      found.push({ kind: 'agent', path, names: [name] })
    },
    { dotFiles: true },
  )
  for (const entry of fs.list(join(root, 'skills'))) {
    if (!entry.isDirectory) continue
    const path = join(root, 'skills', entry.name, 'SKILL.md')
    const file = fs.inspect(path, maxDefinitionBytes)
    if (file.kind !== 'file' || file.content === null) continue
    const name = frontmatterName(file.content)
    found.push({ kind: 'skill', path, names: name && name !== entry.name ? [entry.name, name] : [entry.name] })
  }
  return found
}

/** The name of `other` that Claude Code would confuse with one of `mine` (same kind), or null. */
export function sharedName(mine: Definition, other: Definition): string | null {
  if (mine.kind !== other.kind) return null
  const keys = new Set(mine.names.map(nameKey))
  return other.names.find((n) => keys.has(nameKey(n))) ?? null
}
