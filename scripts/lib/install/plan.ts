import { dirname, join } from 'node:path'
import type { FileSystem } from './file-system.ts'
import { sha256 } from './hash.ts'
import type { Lock } from './lock.ts'
import { scanDefinitions, sharedName, type Definition } from './names.ts'
import type { Pack, PackFile } from './pack.ts'

export type Command = 'install' | 'update' | 'uninstall'

/**
 * What happens to one file under `.claude/`:
 * create/update/remove change it; skip leaves it (already right, or already gone); keep leaves a file the user
 * changed (reported); conflict blocks an install (nothing is written unless --force).
 */
export type Action = 'create' | 'update' | 'remove' | 'skip' | 'keep' | 'conflict'

export interface Step {
  /** Path inside `.claude/`. */
  rel: string
  action: Action
  /** Why, in words, for the plan and the report. */
  reason: string
  /** Hash on disk now (null: no file) and after the step. */
  from: string | null
  to: string | null
  source?: PackFile
  /** --force: copy the file to `<file>.backup-<time>` before overwriting it. */
  backup?: boolean
  /** Whether the lock owns the file after the step (false drops it from the lock). */
  owned: boolean
}

/** A name collision: a definition outside the pack's own paths with the name of one of the pack's agents or skills. */
export interface NameCollision {
  path: string
  scope: 'project' | 'user'
  kind: 'agent' | 'skill'
  name: string
  packRel: string
  /** --force moves a project file aside (renamed to a backup, so Claude Code no longer loads it); user files are never touched. */
  moveAside: boolean
}

export interface Plan {
  command: Command
  steps: Step[]
  collisions: NameCollision[]
  force: boolean
}

export interface PlanInput {
  command: Command
  fs: FileSystem
  pack: Pack
  claudeDir: string
  /** The user's `~/.claude`. */
  userClaudeDir: string
  lock: Lock | null
  force: boolean
}

function diskHash(fs: FileSystem, path: string): string | null {
  const content = fs.readFile(path)
  return content === null ? null : sha256(content)
}

export function makePlan(input: PlanInput): Plan {
  const { command, fs, pack, claudeDir, lock, force } = input
  const owned = lock?.files ?? {}
  const steps: Step[] = []
  const packRels = new Set(pack.files.map((f) => f.rel))

  if (command !== 'uninstall') {
    for (const file of pack.files) {
      const onDisk = diskHash(fs, join(claudeDir, file.rel))
      const recorded = owned[file.rel]?.sha256
      const base = { rel: file.rel, from: onDisk, to: file.sha256, source: file }
      if (onDisk === file.sha256) {
        steps.push({ ...base, action: 'skip', reason: 'up to date', owned: true })
      } else if (onDisk === null) {
        if (command === 'update' && recorded) steps.push({ ...base, to: null, action: 'keep', reason: 'you deleted it since it was installed; not restored (run install to restore it)', owned: false })
        else steps.push({ ...base, action: 'create', reason: recorded ? 'restores a deleted file' : 'new file', owned: true })
      } else if (recorded && onDisk === recorded) {
        steps.push({ ...base, action: 'update', reason: 'unchanged since installed; the pack has a newer version', owned: true })
      } else {
        const why = recorded ? 'changed since backend-team installed it (its sha256 differs from the lock)' : 'exists and was not installed by backend-team'
        if (force) steps.push({ ...base, action: 'update', reason: `${why}; backed up first (--force)`, backup: true, owned: true })
        else if (command === 'install') steps.push({ ...base, action: 'conflict', reason: why, owned: Boolean(recorded) })
        else steps.push({ ...base, to: onDisk, action: 'keep', reason: `${why}; left alone`, owned: Boolean(recorded) })
      }
    }
  }

  // Files the lock owns that are not (or no longer) in the pack: uninstall removes them all, install and update
  // remove those that left the pack.
  for (const [rel, { sha256: recorded }] of Object.entries(owned)) {
    if (command !== 'uninstall' && packRels.has(rel)) continue
    const onDisk = diskHash(fs, join(claudeDir, rel))
    const base = { rel, from: onDisk }
    const gone = command === 'uninstall' ? 'installed by backend-team' : 'no longer in the pack'
    if (onDisk === null) steps.push({ ...base, to: null, action: 'skip', reason: 'already deleted', owned: false })
    else if (onDisk === recorded) steps.push({ ...base, to: null, action: 'remove', reason: `${gone}, unchanged`, owned: false })
    else steps.push({ ...base, to: onDisk, action: 'keep', reason: `${gone}, but changed since installed; left alone`, owned: true })
  }
  steps.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))

  const collisions = command === 'uninstall' ? [] : nameCollisions(input, steps)
  return { command, steps, collisions, force }
}

/**
 * Agents and skills already defined in the project's `.claude/` (outside the pack's own paths) or in `~/.claude/`
 * that share a name with one the run would add. Update checks only the definitions it creates.
 */
function nameCollisions(input: PlanInput, steps: Step[]): NameCollision[] {
  const { fs, pack, claudeDir, userClaudeDir, lock, force, command } = input
  const ours = new Set([...pack.files.map((f) => join(claudeDir, f.rel)), ...Object.keys(lock?.files ?? {}).map((r) => join(claudeDir, r))])
  const created = new Set(steps.filter((s) => s.action === 'create').map((s) => s.rel))
  const packDefs = pack.definitions.filter((d) => command === 'install' || created.has(relInPack(pack.root, d)))
  const scopes: { scope: 'project' | 'user'; dir: string }[] = [{ scope: 'project', dir: claudeDir }]
  if (fs.realpath(userClaudeDir) !== fs.realpath(claudeDir)) scopes.push({ scope: 'user', dir: userClaudeDir })
  const collisions: NameCollision[] = []
  for (const { scope, dir } of scopes) {
    const existing = scanDefinitions(fs, dir).filter((d) => !ours.has(d.path))
    for (const theirs of existing) {
      for (const mine of packDefs) {
        const name = sharedName(mine, theirs)
        if (name === null) continue
        collisions.push({ path: theirs.path, scope, kind: theirs.kind, name, packRel: relInPack(pack.root, mine), moveAside: force && scope === 'project' })
        break
      }
    }
  }
  return collisions
}

function relInPack(root: string, def: Definition): string {
  return def.path.slice(root.length + 1).split('\\').join('/')
}

/** Folders (relative to `.claude/`, `.` for itself) that writing the plan's files needs and that do not exist yet. */
export function foldersToCreate(fs: FileSystem, claudeDir: string, plan: Plan): string[] {
  const needed = new Set<string>()
  for (const step of plan.steps) {
    if (step.action !== 'create' && step.action !== 'update') continue
    let rel = dirname(step.rel)
    for (;;) {
      const key = rel === '' ? '.' : rel
      if (needed.has(key)) break
      if (fs.isDirectory(join(claudeDir, rel))) break
      needed.add(key)
      if (key === '.') break
      rel = dirname(rel) === '.' ? '' : dirname(rel)
    }
  }
  // Parents first.
  return [...needed].sort((a, b) => (a === '.' ? -1 : b === '.' ? 1 : a.split('/').length - b.split('/').length || (a < b ? -1 : 1)))
}

export function blocked(plan: Plan): boolean {
  if (plan.force) return false
  return plan.steps.some((s) => s.action === 'conflict') || plan.collisions.length > 0
}
