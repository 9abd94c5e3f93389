import { existsSync, realpathSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { configFileName } from '../config.ts'
import { readSource } from './read-source.ts'
import { walk, type Found } from './walk.ts'

/** What Claude Code would take a file for. */
export type FileKind =
  | 'agent'
  | 'skill'
  | 'command'
  | 'plugin-manifest'
  | 'marketplace'
  | 'hooks'
  | 'catalog'
  | 'markdown'
  /** `.claude/settings.json` and `.claude/settings.local.json`: loaded as plain JSON, read by the security checks. */
  | 'settings'

/** Where a set of files comes from: agents and skills are named per scope (plugins namespace theirs). */
export interface Scope {
  kind: 'project' | 'plugin' | 'folder'
  root: string
  /** Plugin name (from plugin.json, or the marketplace entry), for namespaced ids `plugin:name`. */
  pluginName?: string
}

export interface Candidate {
  path: string
  kind: FileKind
  scope: Scope
  /** A symbolic link whose target is outside the root it was found in: reported, never read. */
  outside?: boolean
}

export interface Discovery {
  candidates: Candidate[]
  /** Roots that were discovered (for config lookup and relative paths). */
  roots: string[]
  /** Explicit file paths to report on; null means report on everything. */
  reportOnly: Set<string> | null
  /** Paths given on the command line that do not exist. */
  missing: string[]
}

function glob(root: string, patterns: string[], ignore: string[]): Found[] {
  if (patterns.length === 0 || !existsSync(root)) return []
  return walk(root, patterns, ignore)
}

/** Finds every Claude Code file under each target: a plugin, a marketplace, a project, a folder, or single files. */
export function discover(targets: string[], cwd: string, ignore: string[] = []): Discovery {
  const seen = new Map<string, Candidate>()
  const roots: string[] = []
  const missing: string[] = []
  let reportOnly: Set<string> | null = null
  const add: Add = (file, kind, scope) => {
    const { path, outside, viaLink } = typeof file === 'string' ? { path: file, outside: false, viaLink: true } : file
    // Real paths are looked up only where a link was crossed: the same file reached twice (a `.claude/agents` link
    // to `agents/`) is loaded once, and the common case costs no system call.
    const key = viaLink ? realOrSelf(path) : path
    if (!seen.has(key)) seen.set(key, { path, kind, scope, ...(outside ? { outside } : {}) })
  }
  const addRoot = (root: string) => {
    if (roots.includes(root)) return
    roots.push(root)
    discoverRoot(root, add, ignore)
  }
  for (const target of targets.length > 0 ? targets : ['.']) {
    const abs = isAbsolute(target) ? target : resolve(cwd, target)
    let stat
    try {
      stat = statSync(abs)
    } catch {
      missing.push(target)
      continue
    }
    if (stat.isDirectory()) {
      addRoot(abs)
    } else {
      // A single file (lint-staged): load its whole project so cross-file checks see everything.
      ;(reportOnly ??= new Set()).add(abs)
      addRoot(projectRootOf(abs, cwd))
      if (!seen.has(abs) && !seen.has(realOrSelf(abs))) add(abs, kindOfLooseFile(abs), { kind: 'folder', root: dirname(abs) })
    }
  }
  const candidates = [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { candidates, roots, reportOnly, missing }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

/**
 * The folder a single file's project starts at: the nearest folder above it with `.claude-plugin`, `.claude`,
 * `.git`, a configuration file or package.json; else the working directory when the file is inside it.
 */
export function projectRootOf(file: string, cwd: string): string {
  const markers = ['.claude-plugin', '.claude', '.git', configFileName, 'package.json']
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (markers.some((m) => existsSync(join(dir, m)))) return dir
    if (dirname(dir) === dir) break
  }
  const rel = relative(cwd, file)
  return rel.startsWith('..') || isAbsolute(rel) ? dirname(file) : cwd
}

function kindOfLooseFile(path: string): FileKind {
  const name = basename(path)
  if (name === 'plugin.json') return 'plugin-manifest'
  if (name === 'marketplace.json') return 'marketplace'
  if (name === 'hooks.json') return 'hooks'
  if (name.toLowerCase() === 'skill.md') return 'skill'
  const parts = path.split(sep)
  if (parts.includes('commands')) return 'command'
  if (parts.includes('agents')) return 'agent'
  return 'markdown'
}

type Add = (file: string | Found, kind: FileKind, scope: Scope) => void

function discoverRoot(root: string, add: Add, ignore: string[]): void {
  const marketplace = join(root, '.claude-plugin', 'marketplace.json')
  const manifest = join(root, '.claude-plugin', 'plugin.json')
  const pluginRoots = new Set<string>()
  if (existsSync(marketplace)) {
    add(marketplace, 'marketplace', { kind: 'folder', root })
    for (const entry of localMarketplaceEntries(marketplace, root)) {
      pluginRoots.add(entry.dir)
      discoverPlugin(entry.dir, entry.name, add, ignore)
    }
  }
  if (existsSync(manifest) && !pluginRoots.has(root)) {
    discoverPlugin(root, undefined, add, ignore)
    pluginRoots.add(root)
  }
  const claudeDir = join(root, '.claude')
  if (existsSync(claudeDir)) {
    const scope: Scope = { kind: 'project', root }
    for (const p of glob(claudeDir, ['agents/**/*.md'], ignore)) add(p, 'agent', scope)
    addSkillFolder(join(claudeDir, 'skills'), false, add, scope, ignore)
    for (const p of glob(claudeDir, ['commands/**/*.md'], ignore)) add(p, basename(p.path) === 'SKILL.md' ? 'skill' : 'command', scope)
    for (const p of glob(claudeDir, ['settings.json', 'settings.local.json'], ignore)) add(p, 'settings', scope)
  }
  if (!pluginRoots.has(root)) {
    // A pack without a manifest (or a plain folder of agents and skills).
    const scope: Scope = { kind: 'folder', root }
    const agentsDir = existsSync(join(root, 'agents')) ? ['agents/**/*.md'] : []
    for (const p of glob(root, agentsDir, ignore)) add(p, 'agent', scope)
    addSkillFolder(join(root, 'skills'), false, add, scope, ignore)
    if (agentsDir.length === 0 && !existsSync(claudeDir) && !existsSync(join(root, 'skills'))) {
      // Pointed straight at an agents or skills folder.
      const inside = basename(root).toLowerCase() === 'skills'
      for (const p of glob(root, inside ? ['*/*.md'] : ['**/*.md'], ignore)) {
        if (inside || basename(p.path).toLowerCase() === 'skill.md') addSkillOrReference(p, add, scope)
        else add(p, 'agent', scope)
      }
    }
  }
  for (const p of glob(root, ['agents/catalog.json', 'skills/catalog.json'], ignore)) add(p, 'catalog', { kind: 'folder', root })
  for (const p of glob(root, ['README.md'], ignore)) add(p, 'markdown', { kind: 'folder', root })
}

/**
 * One walk over a folder of skills: `<name>/SKILL.md` files and their `references/`. With `rootSkill`, a `SKILL.md`
 * directly in the folder counts too (a manifest `skills` path pointing at a single skill).
 */
function addSkillFolder(dir: string, rootSkill: boolean, add: Add, scope: Scope, ignore: string[]): void {
  for (const p of glob(dir, ['*/*.md', '*/references/**/*.md', ...(rootSkill ? ['*.md'] : [])], ignore)) {
    const depth = relative(dir, p.path).split(sep).length
    if (depth <= 2) addSkillOrReference(p, add, scope)
    else add(p, 'markdown', scope)
  }
}

/** `SKILL.md` (and `skill.md`, reported as a file Claude Code never loads) is a skill; other files are its resources. */
function addSkillOrReference(file: Found, add: Add, scope: Scope): void {
  add(file, basename(file.path).toLowerCase() === 'skill.md' ? 'skill' : 'markdown', scope)
}

function discoverPlugin(root: string, entryName: string | undefined, add: Add, ignore: string[]): void {
  const manifestPath = join(root, '.claude-plugin', 'plugin.json')
  const manifest = readJson(manifestPath)
  const name = typeof manifest?.name === 'string' ? manifest.name : entryName ?? basename(root)
  const scope: Scope = { kind: 'plugin', root, pluginName: name }
  if (existsSync(manifestPath)) add(manifestPath, 'plugin-manifest', scope)
  const agentPaths = pathList(manifest?.agents)
  if (agentPaths) {
    for (const p of agentPaths) {
      const abs = insideRoot(root, p)
      if (abs && existsSync(abs) && statSync(abs).isFile()) add(abs, 'agent', scope)
    }
  } else {
    for (const p of glob(root, ['agents/**/*.md'], ignore)) add(p, 'agent', scope)
  }
  const skillDirs = ['skills', ...(manifest?.skills === '.' ? ['.'] : pathList(manifest?.skills) ?? [])]
  for (const dir of skillDirs) {
    const abs = insideRoot(root, dir)
    if (!abs) continue
    addSkillFolder(abs, dir !== 'skills', add, scope, ignore)
  }
  const commandPaths = pathList(manifest?.commands) ?? ['commands']
  for (const p of commandPaths) {
    const abs = insideRoot(root, p)
    if (!abs || !existsSync(abs)) continue
    if (statSync(abs).isFile()) add(abs, 'command', scope)
    else for (const f of glob(abs, ['**/*.md'], ignore)) add(f, basename(f.path) === 'SKILL.md' ? 'skill' : 'command', scope)
  }
  const hooks = join(root, 'hooks', 'hooks.json')
  if (existsSync(hooks)) add(hooks, 'hooks', scope)
}

function localMarketplaceEntries(path: string, root: string): { dir: string; name: string | undefined }[] {
  const data = readJson(path)
  if (!Array.isArray(data?.plugins)) return []
  const out: { dir: string; name: string | undefined }[] = []
  for (const entry of data.plugins as unknown[]) {
    const e = entry as { source?: unknown; name?: unknown }
    if (typeof e?.source !== 'string' || !e.source.startsWith('./')) continue
    const dir = insideRoot(root, e.source)
    // plugin/paths reports a source that is missing or not a folder; only real folders are walked as plugins.
    if (dir && existsSync(dir) && statSync(dir).isDirectory()) out.push({ dir, name: typeof e.name === 'string' ? e.name : undefined })
  }
  return out
}

/** Resolves a manifest path; null when it would leave the root (the plugin checks report those). */
export function insideRoot(root: string, path: string): string | null {
  const abs = resolve(root, path)
  const rel = relative(root, abs)
  return rel.startsWith('..') || isAbsolute(rel) ? null : abs
}

function pathList(value: unknown): string[] | null {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return null
}

/** Reads a manifest through readSource, so a huge file, a FIFO or a link loop costs a stat and never blocks. */
function readJson(path: string): Record<string, unknown> | null {
  const read = readSource(path)
  if (!read.ok) return null
  try {
    const value: unknown = JSON.parse(read.text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}
