import { dirname, join } from 'node:path'
import type { Entry, FileSystem } from './file-system.ts'
import { sha256 } from './hash.ts'
import type { Lock, LockEntry } from './lock.ts'
import { scanDefinitions, sharedName, type Definition } from './names.ts'
import type { PackFile } from './pack.ts'

export type Command = 'install' | 'update' | 'uninstall'

/**
 * What happens to one file under `.claude/`:
 * create/update/remove change it; skip leaves it (already right, already gone, or kept on purpose); keep leaves a
 * file the user changed (reported); conflict blocks an install (nothing is written unless --force).
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
  /** A conflict --force cannot settle (a folder, a FIFO, a file it cannot read or back up): the user must move it. */
  hard?: boolean
  /** The file's entry in the lock after the step; null drops it. */
  entry: LockEntry | null
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
  /** Why the guard's hook cannot be merged into settings.json (see guard-settings.ts); --force does not settle it. */
  settingsConflict?: string
}

export interface PlanInput {
  command: Command
  fs: FileSystem
  /** The pack's files as they are written in this mode (see transform.ts). */
  files: PackFile[]
  packRoot: string
  definitions: Definition[]
  claudeDir: string
  /** The user's `~/.claude` when installing into a project; null when it is the target itself. */
  userClaudeDir: string | null
  /** Files the user-level install (`~/.claude/backend-team.lock.json`) owns: the pack's own, never a collision. */
  userOwned?: Set<string>
  lock: Lock | null
  force: boolean
  /** `update --keep`: files (inside `.claude/`) the user changed and keeps; the lock records them as kept. */
  keep?: Set<string>
}

/** No file the installer compares is this large; a larger one is different without being read. */
export const compareCapBytes = 16 * 1024 * 1024

type Disk = { kind: 'missing' } | { kind: 'file'; hash: string } | { kind: 'other'; what: string }

/** What is at a path, as a fact: anything that exists is never taken for "no file". */
export function diskState(fs: FileSystem, path: string): Disk {
  const entry: Entry = fs.inspect(path, compareCapBytes)
  if (entry.kind === 'missing') return { kind: 'missing' }
  if (entry.kind === 'directory') return { kind: 'other', what: 'a folder' }
  if (entry.kind === 'other') return { kind: 'other', what: entry.what }
  if (entry.content === null) return { kind: 'other', what: `a file that is ${entry.problem}` }
  return { kind: 'file', hash: sha256(entry.content) }
}

/** The first folder on the way to `rel` that exists but is not a folder, or null. */
function blockedFolder(fs: FileSystem, claudeDir: string, rel: string): string | null {
  const parts = rel.split('/').slice(0, -1)
  for (let i = 1; i <= parts.length; i++) {
    const folder = parts.slice(0, i).join('/')
    const state = fs.inspect(join(claudeDir, folder), 0)
    if (state.kind === 'missing') return null
    if (state.kind !== 'directory') return folder
  }
  return null
}

export function makePlan(input: PlanInput): Plan {
  const { command, fs, files, claudeDir, lock, force } = input
  const owned: Record<string, LockEntry> = lock?.files ?? (Object.create(null) as Record<string, LockEntry>)
  const recordOf = (rel: string): LockEntry | undefined => (Object.hasOwn(owned, rel) ? owned[rel] : undefined)
  const steps: Step[] = []
  const packRels = new Set(files.map((f) => f.rel))

  if (command !== 'uninstall') {
    for (const file of files) {
      const disk = diskState(fs, join(claudeDir, file.rel))
      const record = recordOf(file.rel)
      const recorded = record?.sha256
      const ours = { sha256: file.sha256 }
      const base = { rel: file.rel, from: disk.kind === 'file' ? disk.hash : null, to: file.sha256, source: file }
      const keepIt = input.keep?.has(file.rel) ?? false
      if (disk.kind === 'other') {
        const why = `is ${disk.what}, where the pack has a file; move it away`
        if (command === 'install') steps.push({ ...base, to: null, action: 'conflict', reason: why, hard: true, entry: record ?? null })
        else steps.push({ ...base, to: null, action: 'keep', reason: `${why}; left alone`, entry: record ?? null })
      } else if (disk.kind === 'file' && disk.hash === file.sha256) {
        steps.push({ ...base, action: 'skip', reason: 'up to date', entry: ours })
      } else if (record?.kept && disk.kind === 'file') {
        steps.push({ ...base, to: disk.hash, action: 'skip', reason: 'kept as you changed it (update --keep)', entry: record })
      } else if (disk.kind === 'missing') {
        const folder = blockedFolder(fs, claudeDir, file.rel)
        if (folder !== null) {
          const why = `needs the folder .claude/${folder}, which is a file or link; move it away`
          steps.push({ ...base, to: null, action: command === 'install' ? 'conflict' : 'keep', reason: why, hard: true, entry: null })
        } else if (command === 'update' && recorded && !record?.kept) {
          steps.push({
            ...base,
            to: null,
            action: 'keep',
            reason: 'you deleted it since it was installed; not restored (run `npx backend-team install` to restore it)',
            entry: null,
          })
        } else {
          steps.push({ ...base, action: 'create', reason: recorded ? 'restores a deleted file' : 'new file', entry: ours })
        }
      } else if (recorded && disk.hash === recorded && !keepIt) {
        steps.push({ ...base, action: 'update', reason: 'unchanged since installed; the pack has a newer version', entry: ours })
      } else if (keepIt && recorded) {
        steps.push({
          ...base,
          to: disk.hash,
          action: 'skip',
          reason: 'kept as you changed it (--keep)',
          entry: { sha256: recorded, kept: true },
        })
      } else {
        const why = recorded
          ? 'changed since backend-team installed it (its sha256 differs from the lock)'
          : 'exists and was not installed by backend-team'
        if (force) steps.push({ ...base, action: 'update', reason: `${why}; backed up first (--force)`, backup: true, entry: ours })
        else if (command === 'install') steps.push({ ...base, action: 'conflict', reason: why, entry: record ?? null })
        else
          steps.push({
            ...base,
            to: disk.hash,
            action: 'keep',
            reason: `${why}; left alone${recorded ? ' (`npx backend-team update --keep <file>` keeps it for good)' : ''}`,
            entry: record ?? null,
          })
      }
    }
  }

  // Files the lock owns that are not (or no longer) in the pack: uninstall removes them all, install and update
  // remove those that left the pack.
  for (const rel of Object.keys(owned)) {
    if (command !== 'uninstall' && packRels.has(rel)) continue
    const record = owned[rel]!
    const disk = diskState(fs, join(claudeDir, rel))
    const base = { rel, from: disk.kind === 'file' ? disk.hash : null }
    const gone = command === 'uninstall' ? 'installed by backend-team' : 'no longer in the pack'
    if (disk.kind === 'missing') steps.push({ ...base, to: null, action: 'skip', reason: 'already deleted', entry: null })
    else if (record.kept)
      steps.push({ ...base, to: base.from, action: 'skip', reason: 'kept as you changed it; it is yours now', entry: null })
    else if (disk.kind === 'file' && disk.hash === record.sha256)
      steps.push({ ...base, to: null, action: 'remove', reason: `${gone}, unchanged`, entry: null })
    else
      steps.push({
        ...base,
        to: base.from,
        action: 'keep',
        reason: `${gone}, but ${disk.kind === 'other' ? `now ${disk.what}` : 'changed since installed'}; left alone`,
        entry: record,
      })
  }
  steps.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))

  const collisions = command === 'uninstall' ? [] : nameCollisions(input, steps)
  return { command, steps, collisions, force }
}

/**
 * Agents and skills already defined in the project's `.claude/` (outside the pack's own paths) or in `~/.claude/`
 * (outside a user-level install of the pack) that share a name with one the run would add. Update checks only the
 * definitions it creates.
 */
function nameCollisions(input: PlanInput, steps: Step[]): NameCollision[] {
  const { fs, files, packRoot, definitions, claudeDir, userClaudeDir, lock, force, command } = input
  const ours = new Set([...files.map((f) => join(claudeDir, f.rel)), ...Object.keys(lock?.files ?? {}).map((r) => join(claudeDir, r))])
  const created = new Set(steps.filter((s) => s.action === 'create').map((s) => s.rel))
  const packDefs = definitions.filter((d) => command === 'install' || created.has(relInPack(packRoot, d)))
  const scopes: { scope: 'project' | 'user'; dir: string }[] = [{ scope: 'project', dir: claudeDir }]
  if (userClaudeDir !== null && fs.realpath(userClaudeDir) !== fs.realpath(claudeDir)) scopes.push({ scope: 'user', dir: userClaudeDir })
  const collisions: NameCollision[] = []
  for (const { scope, dir } of scopes) {
    const existing = scanDefinitions(fs, dir).filter((d) => !ours.has(d.path) && !(scope === 'user' && input.userOwned?.has(d.path)))
    for (const theirs of existing) {
      for (const mine of packDefs) {
        const name = sharedName(mine, theirs)
        if (name === null) continue
        collisions.push({
          path: theirs.path,
          scope,
          kind: theirs.kind,
          name,
          packRel: relInPack(packRoot, mine),
          moveAside: force && scope === 'project',
        })
        break
      }
    }
  }
  return collisions
}

function relInPack(root: string, def: Definition): string {
  return def.path
    .slice(root.length + 1)
    .split('\\')
    .join('/')
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
  return (
    plan.settingsConflict !== undefined ||
    plan.steps.some((s) => s.action === 'conflict' && (s.hard || !plan.force)) ||
    (!plan.force && plan.collisions.length > 0)
  )
}

/** The exit code of a plan, the same for `--dry-run` and the real run: 1 when blocked or when something is left alone. */
export function exitCode(plan: Plan): 0 | 1 {
  return blocked(plan) || plan.steps.some((s) => s.action === 'keep') ? 1 : 0
}
