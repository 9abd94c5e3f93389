import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ProjectBoundary } from './boundary.ts'
import { readSource } from './read-source.ts'
import { findProjectRoot, isRootLike } from './project-root.ts'
import picomatch from 'picomatch'
import { walk, type Found, type Ignored } from './walk.ts'

/** What Claude Code would take a file for. */
export type FileKind =
  | 'agent'
  | 'skill'
  | 'command'
  | 'plugin-manifest'
  | 'marketplace'
  | 'hooks'
  | 'catalog'
  /** A skill's resource file (`skills/<name>/*.md`, `references/**`): read by the model when the skill says so. */
  | 'markdown'
  /** The root README.md: Claude Code never loads it; only generated index regions and contract examples are checked. */
  | 'readme'
  /** `.claude/settings.json`, `.claude/settings.local.json`, and managed or user settings when asked for by name. */
  | 'settings'
  /** `.mcp.json` (project or plugin root) and the file a plugin manifest's `mcpServers` names. */
  | 'mcp'
  /** A plugin's `monitors/monitors.json`, or the file its manifest's `monitors` (or `experimental.monitors`) names. */
  | 'monitors'
  /** A plugin's `.lsp.json`, and the `.json` files its manifest's `lspServers` names: LSP servers by name. */
  | 'lsp'
  /** Memory: CLAUDE.md, CLAUDE.local.md, .claude/CLAUDE.md, .claude/rules/**\/*.md, and AGENTS.md when there is no CLAUDE.md. */
  | 'memory'
  /** An output style: `.claude/output-styles/*.md`, or a plugin's `output-styles/` or manifest `outputStyles`. */
  | 'output-style'

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
  /** Found without crossing a symbolic link under its root, so its real path is inside: the boundary need not look. */
  linkFree?: boolean
}

/** One project: a root and every Claude Code file under it, checked with its own name index. */
export interface ProjectDiscovery {
  root: string
  candidates: Candidate[]
  /** Files or folders to report on; null means the whole project. */
  reportOnly: ReportFilter | null
}

export interface ReportFilter {
  files: Set<string>
  folders: string[]
}

/** A root to discover and what of it to report, before anything is read. */
export interface ProjectPlan {
  root: string
  /** Null: the whole project. */
  filter: ReportFilter | null
  /** Settings files checked on their own (managed settings, `~/.claude/settings.json`): nothing else is walked. */
  settingsFiles?: string[]
}

export interface TargetPlan {
  projects: ProjectPlan[]
  /** Paths given on the command line that do not exist. */
  missing: string[]
}

/**
 * Groups the targets into projects, the way Claude Code sees them:
 * - no targets: the project around the working directory, whole, so every subfolder gives the same result;
 * - a folder that is a root itself (a plugin, a marketplace, a project): that root, as its own project;
 * - any other folder or file: the project around it, reporting only what lies in that folder or is that file.
 */
export function planTargets(targets: string[], cwd: string): TargetPlan {
  const byRoot = new Map<string, { filter: ReportFilter | null; whole: boolean }>()
  const standalone: ProjectPlan[] = []
  const missing: string[] = []
  const want = (root: string, what: { file?: string; folder?: string } | null) => {
    const entry = byRoot.get(root) ?? { filter: null, whole: false }
    byRoot.set(root, entry)
    if (!what) {
      entry.whole = true
      return
    }
    entry.filter ??= { files: new Set(), folders: [] }
    if (what.file) entry.filter.files.add(what.file)
    if (what.folder) entry.filter.folders.push(what.folder)
  }
  if (targets.length === 0) want(findProjectRoot(cwd), null)
  for (const target of targets) {
    const abs = isAbsolute(target) ? target : resolve(cwd, target)
    let stat
    try {
      stat = statSync(abs)
    } catch {
      missing.push(target)
      continue
    }
    if (stat.isDirectory()) {
      if (isRootLike(abs)) want(abs, null)
      else want(findProjectRoot(abs), { folder: abs })
    } else if (isManagedSettings(abs)) {
      standalone.push(settingsOnlyPlan(abs))
    } else {
      want(findProjectRoot(dirname(abs)), { file: abs })
    }
  }
  const projects = [...byRoot].map(([root, w]) => ({ root, filter: w.whole ? null : w.filter }))
  return { projects: [...projects, ...standalone], missing }
}

/** `managed-settings.json` or a drop-in of `managed-settings.d/`: checked only when given by name, never found by a walk. */
function isManagedSettings(path: string): boolean {
  return basename(path) === 'managed-settings.json' || (basename(dirname(path)) === 'managed-settings.d' && path.endsWith('.json'))
}

function settingsOnlyPlan(path: string): ProjectPlan {
  return { root: dirname(path), filter: null, settingsFiles: [path] }
}

/** `~/.claude/settings.json`, for `validate --user`; null when there is none. */
export function userSettingsPlan(home: string): ProjectPlan | null {
  const path = join(home, '.claude', 'settings.json')
  return existsSync(path) ? settingsOnlyPlan(path) : null
}

/**
 * Every Claude Code file of a planned project. An explicit file that Claude Code would not load as anything (a Go
 * file, a document) is dropped from the filter and returned in `skipped`: it is not checked and nothing is said.
 */
export function discoverProject(
  plan: ProjectPlan,
  ignore: string[] = [],
  ignoreBase = plan.root,
): { project: ProjectDiscovery; skipped: string[] } {
  if (plan.settingsFiles) {
    const candidates = plan.settingsFiles.map((path): Candidate => ({
      path,
      kind: 'settings',
      scope: { kind: 'project', root: plan.root },
    }))
    return { project: { root: plan.root, candidates, reportOnly: null }, skipped: [] }
  }
  const candidates = discoverRoot(plan.root, ignoredBy(ignore, ignoreBase))
  const skipped: string[] = []
  let reportOnly: ReportFilter | null = null
  if (plan.filter) {
    const paths = new Set(candidates.map((c) => c.path))
    // Real paths are resolved only when a given file is not itself a candidate: one system call per candidate, once.
    let byReal: Map<string, string> | null = null
    const files = new Set<string>()
    for (const file of plan.filter.files) {
      if (paths.has(file) && !isLink(file)) {
        files.add(file)
        continue
      }
      byReal ??= new Map(candidates.map((c) => [realOrSelf(c.path), c.path]))
      // A link to a file already loaded (`b.md -> a.md`) reports on the file it names.
      const named = byReal.get(realOrSelf(file))
      if (!named && !paths.has(file)) {
        skipped.push(file)
        continue
      }
      files.add(file)
      if (named) files.add(named)
    }
    reportOnly = { files, folders: plan.filter.folders }
  }
  return { project: { root: plan.root, candidates, reportOnly }, skipped }
}

/** True when the report filter of a project admits the file. */
export function isReported(filter: ReportFilter | null, path: string): boolean {
  if (!filter) return true
  if (filter.files.has(path)) return true
  return filter.folders.some((folder) => path === folder || path.startsWith(folder + sep))
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

/** Configuration `ignore` patterns, matched against paths relative to the configuration's folder. */
export function ignoredBy(patterns: string[], base: string): Ignored {
  if (patterns.length === 0) return () => false
  const match = picomatch(patterns, { dot: true })
  return (absPath) => {
    const rel = relative(base, absPath).split(sep).join('/')
    return !rel.startsWith('../') && rel !== '..' && match(rel)
  }
}

type Add = (file: string | Found, kind: FileKind, scope: Scope) => void

/** What every walk of one root shares: the configured ignores and the project boundary links may not leave. */
interface WalkLimits {
  ignored: Ignored
  boundary: ProjectBoundary
}

function glob(root: string, patterns: string[], limits: WalkLimits): Found[] {
  if (patterns.length === 0 || !existsSync(root)) return []
  return walk(root, patterns, limits.ignored, limits.boundary)
}

/** Every file of one root that Claude Code would load, sorted by path. */
export function discoverRoot(root: string, ignore: Ignored): Candidate[] {
  const limits: WalkLimits = { ignored: ignore, boundary: new ProjectBoundary([root]) }
  const seen = new Map<string, Candidate>()
  const add: Add = (file, kind, scope) => {
    const { path, outside, viaLink } = typeof file === 'string' ? { path: file, outside: false, viaLink: true } : file
    // Real paths are looked up only where a link was crossed: the same file reached twice (a `.claude/agents` link
    // to `agents/`) is loaded once, and the common case costs no system call.
    const key = viaLink ? realOrSelf(path) : path
    if (!seen.has(key)) seen.set(key, { path, kind, scope, ...(outside ? { outside } : {}), ...(viaLink ? {} : { linkFree: true }) })
  }
  const marketplace = join(root, '.claude-plugin', 'marketplace.json')
  const manifest = join(root, '.claude-plugin', 'plugin.json')
  const claudeDir = join(root, '.claude')
  const pluginRoots = new Set<string>()
  if (existsSync(marketplace)) {
    add(marketplace, 'marketplace', { kind: 'folder', root })
    for (const entry of localMarketplaceEntries(marketplace, root, limits.boundary)) {
      pluginRoots.add(entry.dir)
      discoverPlugin(entry.dir, entry, add, limits)
    }
  }
  if (existsSync(manifest) && !pluginRoots.has(root)) {
    discoverPlugin(root, null, add, limits)
    pluginRoots.add(root)
  }
  if (existsSync(claudeDir)) {
    const scope: Scope = { kind: 'project', root }
    for (const p of glob(claudeDir, ['agents/**/*.md'], limits)) add(p, 'agent', scope)
    addSkillFolder(join(claudeDir, 'skills'), false, add, scope, limits)
    for (const p of glob(claudeDir, ['commands/**/*.md'], limits)) add(p, basename(p.path) === 'SKILL.md' ? 'skill' : 'command', scope)
    for (const p of glob(claudeDir, ['settings.json', 'settings.local.json'], limits)) add(p, 'settings', scope)
  }
  // Plugins that no marketplace lists, anywhere below the root (a repository of several plugins, or one in tools/).
  // The component folders of the plugins found so far, and .claude/, hold no plugin: not walking them again keeps
  // this second walk from costing as much as the first on a plugin of thousands of agents.
  const known = new Set([claudeDir, ...[...pluginRoots].flatMap((r) => componentFolders.map((f) => join(r, f)))])
  for (const found of glob(root, ['**/.claude-plugin/plugin.json'], { ...limits, ignored: (path) => known.has(path) || ignore(path) })) {
    if (found.outside) continue
    const dir = dirname(dirname(found.path))
    if (pluginRoots.has(dir)) continue
    pluginRoots.add(dir)
    discoverPlugin(dir, null, add, limits)
  }
  if (!pluginRoots.has(root) && !existsSync(marketplace)) {
    if (existsSync(claudeDir)) {
      // A project: Claude Code loads only its .claude/ folder; a top-level agents/ here is not a pack.
    } else if (hasComponentFolders(root)) {
      // A pack without a manifest: what `claude --plugin-dir` (or a copy into .claude/) would load.
      addComponents(root, null, add, { kind: 'folder', root }, limits)
    } else {
      addComponentFolderItself(root, add, limits)
    }
  }
  for (const p of glob(root, ['agents/catalog.json', 'skills/catalog.json'], limits)) add(p, 'catalog', { kind: 'folder', root })
  for (const p of glob(root, ['README.md'], limits)) add(p, 'readme', { kind: 'folder', root })
  addProjectContext(root, add, limits)
  return [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** The default component folders of a plugin or pack. */
const componentFolders = ['agents', 'skills', 'commands']

function hasComponentFolders(root: string): boolean {
  return componentFolders.some((dir) => existsSync(join(root, dir)))
}

/** Pointed straight at an `agents`, `skills` or `commands` folder that belongs to no project. */
function addComponentFolderItself(root: string, add: Add, limits: WalkLimits): void {
  const scope: Scope = { kind: 'folder', root }
  const name = basename(root).toLowerCase()
  if (name === 'agents') for (const p of glob(root, ['**/*.md'], limits)) add(p, 'agent', scope)
  else if (name === 'skills') addSkillFolder(root, false, add, scope, limits)
  else if (name === 'commands') for (const p of glob(root, ['**/*.md'], limits)) add(p, 'command', scope)
}

/**
 * One walk over a folder of skills: `<name>/SKILL.md` files and their `references/`. With `rootSkill`, a `SKILL.md`
 * directly in the folder counts too (a manifest `skills` path pointing at a single skill).
 */
function addSkillFolder(dir: string, rootSkill: boolean, add: Add, scope: Scope, limits: WalkLimits): void {
  for (const p of glob(dir, ['*/*.md', '*/references/**/*.md', ...(rootSkill ? ['*.md', 'references/**/*.md'] : [])], limits)) {
    const depth = relative(dir, p.path).split(sep).length
    if (depth <= 2 && !(rootSkill && depth === 2 && basename(dirname(p.path)) === 'references')) addSkillOrReference(p, add, scope)
    else add(p, 'markdown', scope)
  }
}

/** `SKILL.md` (and `skill.md`, reported as a file Claude Code never loads) is a skill; other files are its resources. */
function addSkillOrReference(file: Found, add: Add, scope: Scope): void {
  add(file, basename(file.path).toLowerCase() === 'skill.md' ? 'skill' : 'markdown', scope)
}

/** Component paths of a plugin: plugin.json's, else its marketplace entry's (an entry with `strict: false` is the manifest). */
interface ComponentPaths {
  agents?: unknown
  skills?: unknown
  commands?: unknown
}

interface MarketplaceEntry extends ComponentPaths {
  dir: string
  name: string | undefined
}

function discoverPlugin(root: string, entry: MarketplaceEntry | null, add: Add, limits: WalkLimits): void {
  const manifestPath = join(root, '.claude-plugin', 'plugin.json')
  const manifest = readJson(manifestPath, limits.boundary)
  const name = typeof manifest?.name === 'string' ? manifest.name : (entry?.name ?? basename(root))
  const scope: Scope = { kind: 'plugin', root, pluginName: name }
  if (existsSync(manifestPath)) add(manifestPath, 'plugin-manifest', scope)
  const paths: ComponentPaths = {
    agents: manifest?.agents ?? entry?.agents,
    skills: manifest?.skills ?? entry?.skills,
    commands: manifest?.commands ?? entry?.commands,
  }
  addComponents(root, paths, add, scope, limits)
  const hooks = join(root, 'hooks', 'hooks.json')
  if (existsSync(hooks)) add(hooks, 'hooks', scope)
  addPluginContext(root, manifest, add, scope, limits)
}

/** The default component folders, or the paths a manifest names instead (agents and commands) or as well (skills). */
function addComponents(root: string, paths: ComponentPaths | null, add: Add, scope: Scope, limits: WalkLimits): void {
  const agentPaths = pathList(paths?.agents)
  if (agentPaths) {
    for (const p of agentPaths) {
      const abs = insideRoot(root, p)
      if (abs && existsSync(abs) && statSync(abs).isFile()) add(abs, 'agent', scope)
    }
  } else {
    for (const p of glob(root, ['agents/**/*.md'], limits)) add(p, 'agent', scope)
  }
  const skillDirs = ['skills', ...(paths?.skills === '.' ? ['.'] : (pathList(paths?.skills) ?? []))]
  for (const dir of skillDirs) {
    const abs = insideRoot(root, dir)
    if (!abs) continue
    addSkillFolder(abs, dir !== 'skills', add, scope, limits)
  }
  // A single-skill plugin keeps its SKILL.md at the root.
  if (scope.kind === 'plugin') for (const p of glob(root, ['SKILL.md'], limits)) add(p, 'skill', scope)
  const commandPaths = pathList(paths?.commands) ?? (paths?.commands && typeof paths.commands === 'object' ? [] : ['commands'])
  for (const p of commandPaths) {
    const abs = insideRoot(root, p)
    if (!abs || !existsSync(abs)) continue
    if (statSync(abs).isFile()) add(abs, 'command', scope)
    else for (const f of glob(abs, ['**/*.md'], limits)) add(f, basename(f.path) === 'SKILL.md' ? 'skill' : 'command', scope)
  }
}

/**
 * The plugins of a marketplace that live in the same repository: `./path` sources and bare names under
 * `metadata.pluginRoot`. Remote sources (github, url, npm, …) are not on disk and are left to plugin/marketplace.
 */
function localMarketplaceEntries(path: string, root: string, boundary: ProjectBoundary): MarketplaceEntry[] {
  const data = readJson(path, boundary)
  if (!Array.isArray(data?.plugins)) return []
  const metadata = data.metadata as { pluginRoot?: unknown } | undefined
  const pluginRoot = typeof metadata?.pluginRoot === 'string' ? metadata.pluginRoot : null
  const out: MarketplaceEntry[] = []
  for (const item of data.plugins as unknown[]) {
    const e = item as ({ source?: unknown; name?: unknown } & ComponentPaths) | null
    if (!e || typeof e.source !== 'string') continue
    const relativeSource = e.source === '.' ? './' : e.source
    let dir: string | null = null
    if (relativeSource.startsWith('./')) dir = insideRoot(root, relativeSource)
    else if (pluginRoot !== null && /^[^/\\:]+$/.test(relativeSource)) {
      const base = insideRoot(root, pluginRoot)
      dir = base ? insideRoot(root, join(relative(root, base), relativeSource)) : null
    }
    // plugin/paths reports a source that is missing, not a folder or linked out of the project; only real folders
    // inside it are walked as plugins, so nothing outside is read.
    if (dir && boundary.contains(dir) && existsSync(dir) && statSync(dir).isDirectory()) {
      out.push({ dir, name: typeof e.name === 'string' ? e.name : undefined, agents: e.agents, skills: e.skills, commands: e.commands })
    }
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

/**
 * Reads a manifest through readSource, so a huge file, a FIFO or a link loop costs a stat and never blocks; one that
 * links out of the project is not read (the loader reports it).
 */
function readJson(path: string, boundary: ProjectBoundary): Record<string, unknown> | null {
  if (!boundary.contains(path)) return null
  const read = readSource(path)
  if (!read.ok) return null
  try {
    const value: unknown = JSON.parse(read.text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

// ---- MCP servers, memory files and output styles ------------------------------------------------------------------

/** What Claude Code reads at a project root besides `.claude/` components: MCP servers, memory, output styles. */
function addProjectContext(root: string, add: Add, limits: WalkLimits): void {
  const scope: Scope = { kind: 'project', root }
  for (const p of glob(root, ['.mcp.json'], limits)) add(p, 'mcp', scope)
  // AGENTS.md is read only in place of CLAUDE.md.
  const claudeMd = existsSync(join(root, 'CLAUDE.md')) || existsSync(join(root, '.claude', 'CLAUDE.md'))
  const memory = ['CLAUDE.md', 'CLAUDE.local.md', ...(claudeMd ? [] : ['AGENTS.md']), '.claude/CLAUDE.md', '.claude/rules/**/*.md']
  for (const p of glob(root, memory, limits)) add(p, 'memory', scope)
  for (const p of glob(root, ['.claude/output-styles/*.md'], limits)) add(p, 'output-style', scope)
}

/** A plugin's `.mcp.json` and the MCP file its manifest names; its `output-styles/` or the manifest's `outputStyles`. */
function addPluginContext(root: string, manifest: Record<string, unknown> | null, add: Add, scope: Scope, limits: WalkLimits): void {
  for (const p of glob(root, ['.mcp.json'], limits)) add(p, 'mcp', scope)
  for (const p of pathList(manifest?.mcpServers) ?? []) {
    const abs = p.endsWith('.json') ? insideRoot(root, p) : null
    if (abs && existsSync(abs) && statSync(abs).isFile()) add(abs, 'mcp', scope)
  }
  // The runtime reads the manifest's monitors file in place of the default one, never both.
  const experimental = manifest?.experimental
  const named =
    (experimental && typeof experimental === 'object' && !Array.isArray(experimental)
      ? (experimental as Record<string, unknown>).monitors
      : undefined) ?? manifest?.monitors
  const monitors = named === undefined ? 'monitors/monitors.json' : typeof named === 'string' && named.endsWith('.json') ? named : null
  const monitorsFile = monitors ? insideRoot(root, monitors) : null
  if (monitorsFile && existsSync(monitorsFile) && statSync(monitorsFile).isFile()) add(monitorsFile, 'monitors', scope)
  // `.lsp.json` is read, and the manifest's `lspServers` files as well: the runtime merges all of them.
  for (const p of ['.lsp.json', ...(pathList(manifest?.lspServers) ?? []).filter((f) => f.endsWith('.json'))]) {
    const abs = insideRoot(root, p)
    if (abs && existsSync(abs) && statSync(abs).isFile()) add(abs, 'lsp', scope)
  }
  for (const p of ['output-styles', ...(pathList(manifest?.outputStyles) ?? [])]) {
    const abs = insideRoot(root, p)
    if (!abs || !existsSync(abs)) continue
    if (statSync(abs).isFile()) {
      if (abs.endsWith('.md')) add(abs, 'output-style', scope)
    } else for (const f of glob(abs, ['**/*.md'], limits)) add(f, 'output-style', scope)
  }
}
