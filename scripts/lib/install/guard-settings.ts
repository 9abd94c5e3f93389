import { join } from 'node:path'
import { findNodeAtLocation, getNodeValue, parseTree } from 'jsonc-parser'
import { removeJsonValue, setJsonValue } from '../write/json-edit.ts'
import type { FileSystem } from './file-system.ts'
import { sha256 } from './hash.ts'
import type { InstallMode, SettingsRecord } from './lock.ts'
import type { Command } from './plan.ts'

/**
 * The pack's Bash guard in a copied install. A plugin registers its hooks in `hooks/hooks.json`; in `.claude/` (and
 * `~/.claude/`) Claude Code reads hooks only from `settings.json`. So install copies the hook scripts to
 * `.claude/backend-team/hooks/` (see transform.ts) and merges hooks.json's entries into the settings file in place,
 * with `${CLAUDE_PLUGIN_ROOT}/hooks/` read as that folder. The lock records the merge, so uninstall gives back the
 * file's exact bytes when nobody touched it since, and otherwise removes only the pack's entries.
 */
export const guardHooksFolder = 'backend-team/hooks'
export const settingsFileName = 'settings.json'

/** Hook entries by event, as `hooks` in settings.json holds them. */
export type HookEntries = Record<string, unknown[]>

export interface SettingsChange {
  action: 'create' | 'update' | 'remove' | 'skip' | 'conflict'
  reason: string
  /** The new content (create and update). */
  text?: string
  /** What the lock records afterwards; undefined when the pack no longer touches the file. */
  record?: SettingsRecord
}

/** The marker that tells the pack's entries from the user's: a command that runs a script in the installed hooks folder. */
const marker = `.claude/${guardHooksFolder}/`

/** hooks.json's entries for a copy: `${CLAUDE_PLUGIN_ROOT}/hooks/` becomes the installed folder, through a variable the hook's shell has. */
export function copiedHookEntries(hooksJson: string, mode: InstallMode): HookEntries | null {
  let data: unknown
  try {
    data = JSON.parse(hooksJson)
  } catch {
    return null
  }
  const hooks = (data as { hooks?: unknown } | null)?.hooks
  if (!isObject(hooks)) return null
  const root = mode === 'user' ? '${HOME}' : '${CLAUDE_PROJECT_DIR}'
  const rewritten = JSON.stringify(hooks).replaceAll('${CLAUDE_PLUGIN_ROOT}/hooks/', `${root}/${marker}`)
  return JSON.parse(rewritten) as HookEntries
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isOurs(entry: unknown): boolean {
  const hooks = isObject(entry) ? entry.hooks : undefined
  return Array.isArray(hooks) && hooks.some((h) => isObject(h) && typeof h.command === 'string' && h.command.includes(marker))
}

function hasOurs(settings: Record<string, unknown>): boolean {
  return Object.values(isObject(settings.hooks) ? settings.hooks : {}).some((list) => (list as unknown[]).some(isOurs))
}

type Parsed = { ok: true; settings: Record<string, unknown> } | { ok: false; problem: string }

function parseSettings(text: string): Parsed {
  let settings: unknown
  try {
    // Strict JSON, as Claude Code reads it: a file it skips would not run the guard either.
    settings = JSON.parse(text)
  } catch {
    return { ok: false, problem: 'is not valid JSON, so Claude Code skips it (`backend-team validate` shows where)' }
  }
  if (!isObject(settings)) return { ok: false, problem: 'is not a JSON object' }
  if (settings.hooks !== undefined && !isObject(settings.hooks)) return { ok: false, problem: 'has a `hooks` that is not an object' }
  for (const [event, list] of Object.entries(isObject(settings.hooks) ? settings.hooks : {}))
    if (!Array.isArray(list)) return { ok: false, problem: `has a \`hooks.${event}\` that is not a list` }
  return { ok: true, settings }
}

/** `text` with the pack's entries as `wanted` says: outdated ones removed, missing ones appended, the user's untouched. */
function withEntries(text: string, settings: Record<string, unknown>, wanted: HookEntries): string {
  let out = text
  const hooks = isObject(settings.hooks) ? (settings.hooks as Record<string, unknown[]>) : {}
  for (const event of Object.keys(hooks)) {
    const list = hooks[event]!
    const want = wanted[event] ?? []
    const ours = list.flatMap((e, i) => (isOurs(e) ? [i] : []))
    const upToDate = ours.length === want.length && ours.every((i, k) => JSON.stringify(list[i]) === JSON.stringify(want[k]))
    if (upToDate) continue
    for (const i of ours.reverse()) out = removeJsonValue(out, ['hooks', event, i])
  }
  for (const [event, entries] of Object.entries(wanted)) {
    const tree = parseTree(out)
    const list = tree ? findNodeAtLocation(tree, ['hooks', event]) : undefined
    const present = list ? (getNodeValue(list) as unknown[]) : undefined
    if (present?.some(isOurs)) continue
    if (present) for (const [k, entry] of entries.entries()) out = setJsonValue(out, ['hooks', event, present.length + k], entry)
    else if (tree && findNodeAtLocation(tree, ['hooks'])) out = setJsonValue(out, ['hooks', event], entries)
    else out = setJsonValue(out, ['hooks'], { [event]: entries })
  }
  return out
}

/** The one span in which `after` differs from `before`, as the edit that turns `after` back into `before`. */
function undoOf(before: string, after: string): NonNullable<SettingsRecord['undo']> {
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start++
  let endB = before.length
  let endA = after.length
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--
    endA--
  }
  return { offset: start, length: endA - start, text: before.slice(start, endB) }
}

function applyUndo(text: string, undo: NonNullable<SettingsRecord['undo']>): string {
  return text.slice(0, undo.offset) + undo.text + text.slice(undo.offset + undo.length)
}

type Current = { kind: 'missing' } | { kind: 'text'; text: string } | { kind: 'other'; what: string }

function readCurrent(fs: FileSystem, path: string): Current {
  const entry = fs.inspect(path, 4 * 1024 * 1024)
  if (entry.kind === 'missing') return { kind: 'missing' }
  if (entry.kind === 'directory') return { kind: 'other', what: 'a folder' }
  if (entry.kind !== 'file') return { kind: 'other', what: entry.what }
  if (entry.content === null) return { kind: 'other', what: entry.problem ?? 'too large to read' }
  return { kind: 'text', text: entry.content.toString('utf8') }
}

export interface SettingsPlanInput {
  fs: FileSystem
  claudeDir: string
  command: Command
  /** The entries the pack registers in this mode; null when the pack ships no hooks. */
  wanted: HookEntries | null
  /** The lock's record of an earlier merge. */
  record: SettingsRecord | undefined
}

/** What install, update or uninstall does to settings.json, without writing anything. */
export function planSettings(input: SettingsPlanInput): SettingsChange {
  const { fs, claudeDir, command, record } = input
  const wanted = command === 'uninstall' ? null : input.wanted
  const current = readCurrent(fs, join(claudeDir, settingsFileName))
  const guard = 'the PreToolUse hook of the Bash guard'
  if (current.kind === 'other')
    return wanted
      ? { action: 'conflict', reason: `is ${current.what}; move it away so ${guard} can be added` }
      : { action: 'skip', reason: `is ${current.what}; left alone` }
  const unchangedSince = current.kind === 'text' && record !== undefined && sha256(current.text) === record.sha256
  // The file as it was before the pack touched it, when that is known exactly.
  const original = unchangedSince
    ? record.created
      ? null
      : record.undo
        ? applyUndo(current.text, record.undo)
        : current.text
    : current.kind === 'text'
      ? current.text
      : null

  if (!wanted) {
    if (current.kind === 'missing') return { action: 'skip', reason: 'already gone' }
    if (unchangedSince && original === null) return { action: 'remove', reason: `created for ${guard}` }
    if (unchangedSince && record.undo)
      return { action: 'update', reason: `${guard} removed, back to its bytes before install`, text: original! }
    const parsed = parseSettings(current.text)
    if (!parsed.ok || !hasOurs(parsed.settings)) return { action: 'skip', reason: `holds no entry of the pack` }
    return { action: 'update', reason: `${guard} removed; the rest as you left it`, text: withEntries(current.text, parsed.settings, {}) }
  }

  if (original === null) {
    const text = `${JSON.stringify({ hooks: wanted }, null, 2)}\n`
    if (current.kind === 'text' && current.text === text) return { action: 'skip', reason: guard, record }
    return { action: 'create', reason: guard, text, record: { sha256: sha256(text), created: true } }
  }
  const parsed = parseSettings(original)
  if (!parsed.ok) return { action: 'conflict', reason: `${parsed.problem}; fix it so ${guard} can be added` }
  const text = withEntries(original, parsed.settings, wanted)
  const next: SettingsRecord = { sha256: sha256(text), created: false }
  // An exact undo only from a file with none of the pack's entries: one from an older install would bring them back.
  if (text !== original && !hasOurs(parsed.settings)) next.undo = undoOf(original, text)
  if (current.kind === 'text' && text === current.text) return { action: 'skip', reason: guard, record: unchangedSince ? record : next }
  return { action: 'update', reason: guard, text, record: next }
}

/** Writes the planned change (atomically, through the confined file system). */
export function applySettings(fs: FileSystem, claudeDir: string, change: SettingsChange, tempTag: string): void {
  const path = join(claudeDir, settingsFileName)
  if (change.action === 'remove') fs.unlink(path)
  else if (change.text !== undefined && (change.action === 'create' || change.action === 'update'))
    fs.writeFile(path, Buffer.from(change.text, 'utf8'), { tempTag })
}
