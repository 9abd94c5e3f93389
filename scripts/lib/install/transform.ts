import { join, posix, relative, sep } from 'node:path'
import { walkFiles, type FileSystem } from './file-system.ts'
import { guardHooksFolder } from './guard-settings.ts'
import { sha256 } from './hash.ts'
import type { InstallMode } from './lock.ts'
import type { Pack, PackFile } from './pack.ts'

/**
 * The pack as it must read where it lands. In the package (a plugin) agents are namespaced, so the orchestrator's
 * `Agent(...)` allowlist names each specialist twice (`backend-team:x` for a plugin, `x` for a copy), and the skills
 * point at `../../schemas/…` in the plugin root. Copied into `.claude/` or `~/.claude/`:
 *   - `agent-names-bare`: `Agent(...)` keeps the bare names only (Claude Code answers "not found" for the others);
 *   - `schemas`: the contract schemas the files point at are copied to `.claude/backend-team/schemas/`, and the
 *     links and paths that name them are rewritten to that folder;
 *   - `guard-hook`: the hook scripts go to `.claude/backend-team/hooks/`, registered in settings.json by install.
 */
export const schemasFolder = 'backend-team/schemas'

export interface ModePack {
  files: PackFile[]
  transforms: string[]
}

const schemaName = '[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*\\.json'

/**
 * `Agent(a, ns:a, b)` → `Agent(a, b)`, and a forked command's or skill's `agent: ns:a` → `agent: a`, in the front
 * matter only. Claude Code 2.1.332 runs a forked command whose agent it cannot find as general-purpose, silently.
 */
export function bareAgentNames(text: string, namespace: string): string {
  const end = text.startsWith('---') ? text.indexOf('\n---', 3) : -1
  if (end < 0) return text
  const ns = namespace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const head = text
    .slice(0, end)
    .replace(/Agent\(([^)\n]*)\)/g, (_all, list: string) => {
      const names = list
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .map((n) => (n.startsWith(`${namespace}:`) ? n.slice(namespace.length + 1) : n))
      return `Agent(${[...new Set(names)].join(', ')})`
    })
    .replace(new RegExp(`^(agent:[ \\t]*["']?)${ns}:`, 'm'), '$1')
  return head + text.slice(end)
}

/**
 * Rewrites references to `<package>/schemas/<name>` in a file installed at `rel`: relative links (`../../schemas/x`)
 * to the installed copy, and plain paths (`schemas/x.schema.json`, read from the project root) to `prefix` + name.
 */
export function rewriteSchemaRefs(text: string, rel: string, prefix: string, available: Set<string>, used: Set<string>): string {
  const dir = posix.dirname(rel)
  const linked = text.replace(new RegExp(`((?:\\.\\./)+)schemas/(${schemaName})`, 'g'), (all, dots: string, name: string) => {
    if (!available.has(name) || posix.join(dir, `${dots}schemas/${name}`) !== `schemas/${name}`) return all
    used.add(name)
    return posix.relative(dir, `${schemasFolder}/${name}`)
  })
  return linked.replace(new RegExp(`(?<![\\w./~-])schemas/(${schemaName})`, 'g'), (all, name: string) => {
    if (!available.has(name)) return all
    used.add(name)
    return `${prefix}${name}`
  })
}

/** The schemas `names` need through relative `$ref`s, transitively. */
function withReferencedSchemas(fs: FileSystem, root: string, names: Set<string>, available: Set<string>): Set<string> {
  const out = new Set<string>()
  const queue = [...names]
  while (queue.length > 0) {
    const name = queue.pop()!
    if (out.has(name) || !available.has(name)) continue
    out.add(name)
    const text = fs.readFile(join(root, 'schemas', name))?.toString('utf8') ?? ''
    for (const m of text.matchAll(new RegExp(`"\\$ref"\\s*:\\s*"(${schemaName})`, 'g'))) queue.push(m[1]!)
  }
  return out
}

export function packForMode(fs: FileSystem, pack: Pack, mode: InstallMode, namespace: string): ModePack {
  const available = new Set(
    fs
      .list(join(pack.root, 'schemas'))
      .filter((e) => e.isFile && !e.isLink)
      .map((e) => e.name),
  )
  const prefix = mode === 'user' ? `~/.claude/${schemasFolder}/` : `.claude/${schemasFolder}/`
  const used = new Set<string>()
  const files = pack.files.map((file) => {
    if (!/\.(md|json)$/.test(file.rel)) return file
    let text = file.content.toString('utf8')
    if (/^(agents|commands|skills)\//.test(file.rel) && file.rel.endsWith('.md')) text = bareAgentNames(text, namespace)
    text = rewriteSchemaRefs(text, file.rel, prefix, available, used)
    const content = Buffer.from(text, 'utf8')
    return content.equals(file.content) ? file : { ...file, content, sha256: sha256(content) }
  })
  for (const name of [...withReferencedSchemas(fs, pack.root, used, available)].sort()) {
    const source = join(pack.root, 'schemas', name)
    const content = fs.readFile(source)
    if (content) files.push({ rel: `${schemasFolder}/${name}`, source, content, sha256: sha256(content), executable: false })
  }
  const hookScripts = guardHookScripts(fs, pack.root)
  files.push(...hookScripts)
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
  return { files, transforms: ['agent-names-bare', 'schemas', ...(hookScripts.length > 0 ? ['guard-hook'] : [])] }
}

/** The plugin's hook scripts (everything in `hooks/` but hooks.json), for `.claude/backend-team/hooks/`; see guard-settings.ts. */
function guardHookScripts(fs: FileSystem, root: string): PackFile[] {
  const files: PackFile[] = []
  const dir = join(root, 'hooks')
  walkFiles(fs, dir, (source) => {
    const rel = relative(dir, source).split(sep).join('/')
    const content = rel === 'hooks.json' ? null : fs.readFile(source)
    if (content) files.push({ rel: `${guardHooksFolder}/${rel}`, source, content, sha256: sha256(content), executable: false })
  })
  return files
}
