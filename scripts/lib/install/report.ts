import { homedir } from 'node:os'
import { relative, sep } from 'node:path'
import type { ApplyResult } from './apply.ts'
import { settingsFileName, type SettingsChange } from './guard-settings.ts'
import type { InstallMode } from './lock.ts'
import type { Action, NameCollision, Plan, Step } from './plan.ts'

export interface ReportContext {
  target: string
  claudeDir: string
  home: string
  mode: InstallMode
}

/** A path as the user would type it: in a project relative to it, in the home folder (and for --user) as `~/…`. */
export function showPath(path: string, ctx: ReportContext): string {
  const inTarget = relative(ctx.target, path)
  if (ctx.mode === 'project' && !inTarget.startsWith('..') && inTarget !== '') return inTarget.split(sep).join('/')
  const inHome = relative(ctx.home || homedir(), path)
  if (!inHome.startsWith('..')) return `~/${inHome.split(sep).join('/')}`
  return path
}

function stepPath(step: Step, ctx: ReportContext): string {
  return showPath(`${ctx.claudeDir}${sep}${step.rel.split('/').join(sep)}`, ctx)
}

function collisionLine(c: NameCollision, ctx: ReportContext): string {
  const effect =
    c.scope === 'user'
      ? `in this project the pack's ${c.kind} replaces yours`
      : c.kind === 'agent'
        ? 'Claude Code would load only one of the two, unpredictably'
        : 'both would be listed to Claude under the same name'
  const force = c.moveAside ? '; moved aside (--force)' : ''
  return `${showPath(c.path, ctx)}  defines ${c.kind} \`${c.name}\`, the name of the pack's ${c.packRel} (${effect})${force}`
}

const order: Action[] = ['conflict', 'keep', 'create', 'update', 'remove', 'skip']

function settingsPath(ctx: ReportContext): string {
  return showPath(`${ctx.claudeDir}${sep}${settingsFileName}`, ctx)
}

/** The plan, one line per file: what --dry-run prints. */
export function formatPlan(plan: Plan, ctx: ReportContext, settings?: SettingsChange): string {
  const lines = [`${plan.command} plan for ${ctx.target} (dry run: nothing is written)`]
  const width = Math.max(0, ...plan.steps.map((s) => stepPath(s, ctx).length))
  for (const action of order) {
    for (const step of plan.steps.filter((s) => s.action === action)) {
      lines.push(`  ${action.padEnd(8)} ${stepPath(step, ctx).padEnd(width)}  ${step.reason}`)
    }
  }
  if (settings && settings.action !== 'skip')
    lines.push(`  ${settings.action.padEnd(8)} ${settingsPath(ctx).padEnd(width)}  ${settings.reason}`)
  for (const c of plan.collisions) lines.push(`  ${'conflict'.padEnd(8)} ${collisionLine(c, ctx)}`)
  lines.push(summary(plan))
  return `${lines.join('\n')}\n`
}

export function summary(plan: Plan): string {
  const count = (a: Action) => plan.steps.filter((s) => s.action === a).length
  const parts = [
    `${count('create')} to create`,
    `${count('update')} to update`,
    `${count('remove')} to remove`,
    `${count('skip')} unchanged`,
  ]
  const kept = count('keep')
  if (kept) parts.push(`${kept} changed by you, left alone`)
  const pinned = plan.steps.filter((s) => s.entry?.kept && s.action === 'skip').length
  if (pinned) parts.push(`${pinned} kept by you`)
  const conflicts = count('conflict') + plan.collisions.length + (plan.settingsConflict === undefined ? 0 : 1)
  if (conflicts) parts.push(`${conflicts} conflict${conflicts === 1 ? '' : 's'}`)
  return parts.join(', ')
}

/** Why nothing was written: every colliding file and the reason. */
export function formatConflicts(plan: Plan, ctx: ReportContext): string {
  const fileConflicts = plan.steps.filter((s) => s.action === 'conflict')
  const total = fileConflicts.length + plan.collisions.length + (plan.settingsConflict === undefined ? 0 : 1)
  const lines = [`backend-team ${plan.command}: ${total} conflict${total === 1 ? '' : 's'} in ${ctx.target}; nothing was written.`]
  if (plan.settingsConflict !== undefined)
    lines.push('', `The settings the guard's hook goes into:`, `  ${settingsPath(ctx)}  ${plan.settingsConflict}`)
  if (fileConflicts.length > 0) {
    lines.push('', 'Files the pack would overwrite:')
    for (const s of fileConflicts) lines.push(`  ${stepPath(s, ctx)}  ${s.reason}`)
  }
  if (plan.collisions.length > 0) {
    lines.push('', 'Agents and skills with the same name as one in the pack:')
    for (const c of plan.collisions) lines.push(`  ${collisionLine(c, ctx)}`)
  }
  const hard = fileConflicts.filter((s) => s.hard).length
  if (fileConflicts.length + plan.collisions.length === 0) {
    lines.push(
      '',
      `Fix it and run again. \`npx backend-team ${plan.command}${ctx.mode === 'user' ? ' --user' : ''} --dry-run\` shows the whole plan.`,
    )
    return `${lines.join('\n')}\n`
  }
  lines.push(
    '',
    ctx.mode === 'user'
      ? 'Move or rename these files, or run again with --force: each colliding file in ~/.claude is backed up first'
      : 'Move or rename these files, or run again with --force: each colliding file in the project is backed up first',
    `(<file>.backup-<time>)${ctx.mode === 'user' ? '' : '; files under ~/.claude are never changed'}.${hard ? ` --force does not replace folders, links or files it cannot read (${hard} here).` : ''} \`npx backend-team ${plan.command}${ctx.mode === 'user' ? ' --user' : ''} --dry-run\` shows the whole plan.`,
  )
  return `${lines.join('\n')}\n`
}

/** What a run did, and what it left alone. */
export function formatResult(plan: Plan, result: ApplyResult, ctx: ReportContext, settings?: SettingsChange): string {
  const count = (a: Action) => plan.steps.filter((s) => s.action === a).length
  const verb = { install: 'Installed', update: 'Updated', uninstall: 'Uninstalled' }[plan.command]
  const counts =
    plan.command === 'uninstall'
      ? `${count('remove')} removed`
      : `${count('create')} created, ${count('update')} updated, ${count('remove')} removed, ${count('skip')} unchanged`
  const pinned = plan.steps.filter((s) => s.entry?.kept && s.action === 'skip').length
  const lines = [`${verb} backend-team in ${showPath(ctx.claudeDir, ctx)}: ${counts}${pinned ? ` (${pinned} kept by you)` : ''}.`]
  if (settings && settings.action !== 'skip') {
    const verbs = { create: 'created', update: 'updated', remove: 'removed', conflict: 'not changed' }
    lines.push(`  ${verbs[settings.action]} ${settingsPath(ctx)}: ${settings.reason}`)
  }
  for (const b of result.backups) lines.push(`  backed up ${showPath(b.path, ctx)} → ${showPath(b.backup, ctx)}`)
  for (const c of plan.collisions.filter((x) => x.scope === 'user')) lines.push(`  note: ${collisionLine(c, ctx)}`)
  const kept = plan.steps.filter((s) => s.action === 'keep')
  if (kept.length > 0) {
    lines.push(`Left alone (${kept.length}):`)
    for (const s of kept) lines.push(`  ${stepPath(s, ctx)}  ${s.reason}`)
  }
  if (result.lockRemoved) lines.push('Removed the lock file; nothing installed by backend-team remains.')
  return `${lines.join('\n')}\n`
}
