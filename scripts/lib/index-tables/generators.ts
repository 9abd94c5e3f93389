/**
 * What each generated region holds, built from the project model, the catalog.json sidecars (data front matter has no
 * field for; Claude Code reads only `*.md` in agents/ and `SKILL.md` in skills/<dir>/) and the files in docs/runtime/.
 */
import { basename, dirname, join, relative, sep } from 'node:path'
import type { RuleSummary } from '../engine/check.ts'
import type { FileKind, Scope } from '../load/discover.ts'
import { ProjectBoundary } from '../load/boundary.ts'
import type { LoadedFile } from '../load/loaded-file.ts'
import { readJsonFile } from '../load/read-source.ts'
import { findSkill, type AgentRecord, type Project, type SkillRecord } from '../model/project.ts'
import { splitToolList } from '../model/tool-list.ts'
import { commaList, stringifyTable, type Cell, type TableData } from './markdown-table.ts'
import { generatedNote, type Region } from './regions.ts'
import { own } from '../model/own.ts'

export type Generated =
  { ok: true; table: TableData } | { ok: false; problem: 'missing-data' | 'invalid-data'; path: string; detail: string }

interface RegionType {
  /** File kinds where the region's data makes sense. */
  kinds: readonly FileKind[]
  /** `rules` is every rule of the registry, handed in so this module never imports the registry (which imports it). */
  build(file: LoadedFile, project: Project, rules: readonly RuleSummary[]): Generated
}

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0

/** Every region name, with the file kinds it belongs in and how its table is built. */
export const regionTypes: Readonly<Record<string, RegionType>> = {
  specialists: {
    kinds: ['agent'],
    build(file, project) {
      const catalog = catalogOf(project, file.scope, 'agents')
      const agents = project.agents.filter((a) => a.file !== file && a.file.scope.root === file.scope.root).sort(byKey((a) => a.name))
      return table(
        ['Agent', 'Purpose', 'When to delegate', 'Model', 'Tools'],
        agents.map((a) => {
          const entry = catalog.get(a.name)
          return [
            { code: a.name },
            entry?.purpose ?? firstSentence(a.file.data.description),
            entry?.whenToDelegate ?? firstSentence(a.file.data.description),
            modelOf(a),
            toolsOf(a),
          ]
        }),
      )
    },
  },
  'core-skills': {
    kinds: ['agent'],
    build(file, project) {
      return table(
        ['Skill', 'Purpose', 'When to read'],
        listOf(file.data.skills).map((ref) => {
          const skill = findSkill(project, ref)
          const entry = catalogOf(project, skill?.file.scope ?? file.scope, 'skills').get(skill?.dir ?? ref)
          const fallback = skill ? firstSentence(skill.file.data.description) : ''
          return [{ code: ref }, entry?.purpose ?? fallback, entry?.whenToRead ?? fallback]
        }),
      )
    },
  },
  routing: {
    kinds: ['skill'],
    build(file, project) {
      const dir = dirname(file.path)
      const prefix = join(dir, 'references') + sep
      const references = project.files.filter((f) => f.kind === 'markdown' && f.path.startsWith(prefix)).sort(byKey((f) => f.path))
      return table(
        ['Intent', 'Reference', 'Summary'],
        references.map((f) => {
          const href = relative(dir, f.path).split(sep).join('/')
          const title = stringValue(f.data.title) || basename(f.path, '.md')
          return [stringValue(f.data.intent), { link: title, href }, stringValue(f.data.summary)]
        }),
      )
    },
  },
  agents: {
    kinds: ['readme'],
    build(file, project) {
      const catalog = catalogOf(project, file.scope, 'agents')
      const agents = project.agents.filter((a) => inside(file.scope.root, a.file.path)).sort(byKey((a) => a.name))
      // The description's first sentence is the agent's trigger; keeping it here makes a description edit show up as a stale catalog.
      return table(
        ['Agent', 'Purpose', 'Use when', 'Model', 'Permission mode', 'Tools', 'Preloaded skills'],
        agents.map((a) => [
          { code: a.name },
          catalog.get(a.name)?.purpose ?? firstSentence(a.file.data.description),
          firstSentence(a.file.data.description),
          modelOf(a),
          stringValue(a.file.data.permissionMode) || 'default',
          toolsOf(a),
          commaList(listOf(a.file.data.skills).map((s) => ({ code: s }))),
        ]),
      )
    },
  },
  skills: {
    kinds: ['readme'],
    build(file, project) {
      const skills = project.skills.filter((s) => inside(file.scope.root, s.file.path)).sort(byKey((s) => s.dir))
      const preloadedBy = new Map<SkillRecord, string[]>()
      for (const agent of [...project.agents].sort(byKey((a) => a.name))) {
        for (const ref of listOf(agent.file.data.skills)) {
          const skill = findSkill(project, ref)
          if (skill) preloadedBy.set(skill, [...(preloadedBy.get(skill) ?? []), agent.name])
        }
      }
      return table(
        ['Skill', 'Description', 'Invocable by', 'Preloaded by'],
        skills.map((s) => [
          { code: s.dir },
          firstSentence(s.file.data.description),
          invocableBy(s),
          commaList([...new Set(preloadedBy.get(s) ?? [])].map((name) => ({ code: name }))),
        ]),
      )
    },
  },
  rules: {
    kinds: ['readme'],
    build(_file, _project, rules) {
      return table(
        ['Rule', 'Default severity', 'Fixable', 'Description'],
        [...rules]
          .sort(byKey((c) => c.id))
          .map((c) => [{ code: c.id }, c.defaultSeverity, c.fixable ? 'yes' : 'no', { markdown: c.description }]),
      )
    },
  },
  agreement: {
    kinds: ['readme'],
    build(file) {
      return fromDataFile(file, 'docs/runtime/agreement.json', (value) => {
        if (!Array.isArray(value)) return 'expected an array of {defect, runtime, rule}'
        const rows: Cell[][] = []
        for (const entry of value as unknown[]) {
          const e = entry as Record<string, unknown> | null
          if (typeof e?.defect !== 'string' || typeof e.runtime !== 'string')
            return 'expected every entry to have string `defect` and `runtime`'
          rows.push([{ markdown: e.defect }, { markdown: e.runtime }, typeof e.rule === 'string' && e.rule ? { code: e.rule } : 'none'])
        }
        return { header: ['Defect', 'What Claude Code does', 'Our rule'], rows }
      })
    },
  },
  cost: {
    kinds: ['readme'],
    build(file) {
      return fromDataFile(file, 'docs/runtime/cost.json', costTable)
    },
  },
}

export const regionNames: readonly string[] = Object.keys(regionTypes).sort()

const cache = new WeakMap<LoadedFile, Map<number, Generated>>()

/** The table of a region of a known type, built once per loaded file and region. */
export function generate(file: LoadedFile, project: Project, region: Region, rules: readonly RuleSummary[]): Generated {
  let perFile = cache.get(file)
  if (!perFile) cache.set(file, (perFile = new Map<number, Generated>()))
  let result = perFile.get(region.innerStart)
  if (!result) perFile.set(region.innerStart, (result = own(regionTypes, region.name)!.build(file, project, rules)))
  return result
}

/** The region's inner text: the note, a blank line and the table, with the file's line endings. */
export function renderRegion(data: TableData, eol: string): string {
  const text = `${generatedNote}\n\n${stringifyTable(data)}`
  return eol === '\n' ? text : text.replace(/\n/g, eol)
}

function table(header: string[], rows: Cell[][]): Generated {
  return { ok: true, table: { header, rows } }
}

/** First sentence of the first paragraph of a description; descriptions may carry `<example>` blocks after it. */
export function firstSentence(value: unknown): string {
  const text = stringValue(value)
    .trim()
    .split(/\r?\n\s*\r?\n/)[0]!
    .replace(/\s+/g, ' ')
  const end = /[.!?](?=\s+[A-Z<(`"]|$)/.exec(text)
  return end ? text.slice(0, end.index + 1) : text
}

function stringValue(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
}

/** A `skills:` value as Claude Code reads it, split by the same parser the checks use (commas or white space). */
function listOf(value: unknown): string[] {
  return splitToolList(value).map((entry) => entry.raw)
}

function modelOf(agent: AgentRecord): string {
  return stringValue(agent.file.data.model) || 'inherit'
}

/** `tools` as written (list items joined with commas); omitted means every tool. */
function toolsOf(agent: AgentRecord): string {
  const tools = agent.file.data.tools
  if (tools === undefined || tools === null) return 'All tools'
  return Array.isArray(tools) ? tools.filter((t) => typeof t === 'string').join(', ') : stringValue(tools)
}

const falsy = /^(?:false|no|off|0)$/i

function invocableBy(skill: SkillRecord): string {
  const userValue = skill.file.data['user-invocable']
  const user = !(userValue === false || userValue === 0 || (typeof userValue === 'string' && falsy.test(userValue.trim())))
  const who = [...(skill.hiddenFromModel ? [] : ['model']), ...(user ? ['user'] : [])]
  return who.length > 0 ? who.join(', ') : 'nobody'
}

function inside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep)
}

interface CatalogEntry {
  purpose?: string
  whenToDelegate?: string
  whenToRead?: string
}

const catalogs = new WeakMap<Project, Map<string, Map<string, CatalogEntry>>>()

/**
 * `agents/catalog.json` or `skills/catalog.json` beside the files of a scope (under `.claude/` in a project), from the
 * loaded files or else from disk; empty when absent or broken.
 */
function catalogOf(project: Project, scope: Scope, which: 'agents' | 'skills'): Map<string, CatalogEntry> {
  const path = scope.kind === 'project' ? join(scope.root, '.claude', which, 'catalog.json') : join(scope.root, which, 'catalog.json')
  let perProject = catalogs.get(project)
  if (!perProject) catalogs.set(project, (perProject = new Map<string, Map<string, CatalogEntry>>()))
  let found = perProject.get(path)
  if (!found) {
    const loaded = project.files.find((f) => f.kind === 'catalog' && f.path === path)
    let value: unknown
    if (loaded) value = loaded.json?.value
    else {
      const read = readJsonFile(path, new ProjectBoundary([scope.root]))
      value = read.ok ? read.value : undefined
    }
    const section = (value as Record<string, unknown> | undefined)?.[which]
    found = new Map()
    if (section && typeof section === 'object' && !Array.isArray(section)) {
      for (const [name, entry] of Object.entries(section)) {
        if (!entry || typeof entry !== 'object') continue
        const e = entry as Record<string, unknown>
        found.set(name, {
          ...(typeof e.purpose === 'string' ? { purpose: e.purpose } : {}),
          ...(typeof e.whenToDelegate === 'string' ? { whenToDelegate: e.whenToDelegate } : {}),
          ...(typeof e.whenToRead === 'string' ? { whenToRead: e.whenToRead } : {}),
        })
      }
    }
    perProject.set(path, found)
  }
  return found
}

/** Reads a JSON data file relative to the file's root and turns it into a table, or says why it cannot. */
function fromDataFile(file: LoadedFile, rel: string, toTable: (value: unknown) => TableData | string): Generated {
  const read = readJsonFile(join(file.scope.root, rel), new ProjectBoundary([file.scope.root]))
  if (!read.ok) {
    if (read.problem === 'missing') return { ok: false, problem: 'missing-data', path: rel, detail: 'missing' }
    return {
      ok: false,
      problem: 'invalid-data',
      path: rel,
      detail:
        read.problem === 'invalid'
          ? `expected valid JSON (${read.detail})`
          : `expected a readable file inside the project (${read.detail})`,
    }
  }
  const value = read.value
  const result = toTable(value)
  return typeof result === 'string' ? { ok: false, problem: 'invalid-data', path: rel, detail: result } : { ok: true, table: result }
}

interface Size {
  bytes: number
  tokens: number
}

const isSize = (v: unknown): v is Size => typeof (v as Size)?.tokens === 'number' && typeof (v as Size)?.bytes === 'number'
const tokens = (v: unknown) => (isSize(v) ? String(v.tokens) : '')

/** docs/runtime/cost.json (scripts/cost.ts): what the pack adds to every main-thread request, and each agent's first request. */
function costTable(value: unknown): TableData | string {
  const data = value as { mainThread?: unknown; agents?: unknown } | null
  if (!data || typeof data !== 'object' || !data.mainThread || typeof data.mainThread !== 'object' || !Array.isArray(data.agents)) {
    return 'expected an object with `mainThread` and `agents`'
  }
  const rows: Cell[][] = []
  const modes: Record<string, string> = {
    project: 'Every main-thread request (copied into `.claude/`)',
    plugin: 'Every main-thread request (installed as a plugin)',
  }
  for (const [mode, entry] of Object.entries(data.mainThread as Record<string, unknown>)) {
    const e = entry as Record<string, unknown> | null
    if (!isSize(e?.total)) return `expected \`mainThread.${mode}\` to have \`agentListing\`, \`skillListing\` and \`total\` sizes`
    rows.push([
      { markdown: own(modes, mode) ?? `Every main-thread request (${mode})` },
      tokens(e.agentListing),
      tokens(e.skillListing),
      '',
      '',
      tokens(e.total),
    ])
  }
  for (const entry of data.agents as unknown[]) {
    const e = entry as Record<string, unknown> | null
    if (typeof e?.name !== 'string' || !isSize(e.firstRequestTotal))
      return 'expected every agent to have a `name` and a `firstRequestTotal` size'
    rows.push([
      [{ code: e.name }, ' dispatched (first request)'],
      tokens(e.listingEntry),
      '',
      tokens(e.systemPrompt),
      tokens(e.preloadedSkills),
      tokens(e.firstRequestTotal),
    ])
  }
  return { header: ['Context', 'Agent listing', 'Skill listing', 'System prompt', 'Preloaded skills', 'Total tokens'], rows }
}
