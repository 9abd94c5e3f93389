// The `@path` imports of a memory file, found the way Claude Code 2.1.332 finds them: the pattern
// `(?:^|\s)@((?:[^\s\\]|\\ )+)` over markdown text outside fenced and indented code, inline code and HTML comments;
// a `#fragment` is cut and `\ ` is a space. Imports resolve against the importing file's folder, and a file reached
// through more than MAX_IMPORT_DEPTH imports is not loaded.
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path'
import { scanBody } from '../../load/body-scan.ts'
import type { ProjectDisk } from '../../load/project-disk.ts'

/** The runtime stops at `depth >= 5`, the top memory file being depth 0: four levels of imports load. */
export const MAX_IMPORT_DEPTH = 4

/** Extensions the runtime reads through an import (other files are skipped as non-text); no extension is read too. */
const TEXT_EXTENSIONS = new Set(
  (
    '.md .txt .text .json .yaml .yml .toml .xml .csv .html .htm .css .scss .sass .less .js .ts .tsx .jsx .mjs .cjs ' +
    '.mts .cts .py .pyi .pyw .rb .erb .rake .go .rs .java .kt .kts .scala .c .cpp .cc .cxx .h .hpp .hxx .cs .swift .sh .bash .zsh .fish .ps1 .bat ' +
    '.cmd .env .ini .cfg .conf .config .properties .sql .graphql .gql .proto .vue .svelte .astro .ejs .hbs .pug .jade .php .pl .pm .lua .r .R .dart ' +
    '.ex .exs .erl .hrl .clj .cljs .cljc .edn .hs .lhs .elm .ml .mli .f .f90 .f95 .for .cmake .make .makefile .gradle .sbt .rst .adoc .asciidoc ' +
    '.org .tex .latex .lock .log .diff .patch'
  ).split(' '),
)

export interface MemoryImport {
  /** The path as written (after `\ ` and `#fragment` handling). */
  target: string
  /** Offsets of the written path (after the `@`) in the file's text. */
  start: number
  end: number
  /** Absolute path inside the project; null when it points outside it (`~/`, absolute, `../` past the root). */
  resolved: string | null
  /**
   * True when the text is clearly meant as a file: it starts with `./` or `../`, or ends in an extension the runtime
   * reads. A bare `@name` or `@scope/package` is also tried by the runtime, but is as likely a mention as an import.
   */
  fileLike: boolean
  /** Punctuation that ends the written path (`@docs/x.md,`): the runtime keeps it as part of the file name. */
  trailing: string
}

const importPattern = /(?:^|\s)@((?:[^\s\\]|\\ )+)/g

/** Runtime acceptance of an import candidate (after the fragment cut). */
function isImportCandidate(path: string): boolean {
  if (path.startsWith('./') || path.startsWith('~/') || (path.startsWith('/') && path !== '/')) return true
  return !path.startsWith('@') && !/^[#%^&*()]+/.test(path) && /^[a-zA-Z0-9._-]/.test(path)
}

/** Text ranges the runtime's markdown lexer gives as code or comments, where `@` is not an import. */
function excludedRanges(text: string, from: number): Array<[number, number]> {
  const scan = scanBody(text, from)
  const ranges: Array<[number, number]> = scan.fences.map((f) => [f.start, f.closed ? f.contentEnd + 3 : text.length])
  for (const c of scan.comments) ranges.push([c.start, c.end])
  const inline = /(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g
  for (const m of text.slice(from).matchAll(inline)) ranges.push([from + m.index, from + m.index + m[0].length])
  // Indented code: a line of four spaces or a tab after a blank line.
  const indented = /(?:^|\n[ \t]*\n)((?:(?: {4}|\t)[^\n]*(?:\n|$))+)/g
  for (const m of text.slice(from).matchAll(indented)) {
    const start = from + m.index + m[0].length - m[1]!.length
    ranges.push([start, start + m[1]!.length])
  }
  return ranges
}

/** Every import of a memory file's text (`from`: where the body starts, after front matter). */
export function findImports(text: string, from: number, filePath: string, projectRoot: string): MemoryImport[] {
  const excluded = excludedRanges(text, from)
  const out: MemoryImport[] = []
  importPattern.lastIndex = from
  for (let m = importPattern.exec(text); m; m = importPattern.exec(text)) {
    const start = m.index + m[0].length - m[1]!.length
    if (excluded.some(([a, b]) => start >= a && start < b)) continue
    let target = m[1]!
    const hash = target.indexOf('#')
    if (hash !== -1) target = target.slice(0, hash)
    target = target.replaceAll('\\ ', ' ')
    if (!target || !isImportCandidate(target)) continue
    const outside = target.startsWith('~/') || isAbsolute(target)
    const abs = outside ? null : resolve(dirname(filePath), target)
    const rel = abs ? relative(projectRoot, abs) : '..'
    const resolved = abs && !rel.startsWith('..') && !isAbsolute(rel) ? abs : null
    const trailing = /[.,;:!?)\]}'"`]+$/.exec(target)?.[0] ?? ''
    const bare = target.slice(0, target.length - trailing.length)
    const fileLike =
      target.startsWith('./') || target.startsWith('../') || TEXT_EXTENSIONS.has(extname(target)) || TEXT_EXTENSIONS.has(extname(bare))
    out.push({ target, start, end: start + m[1]!.length, resolved, fileLike, trailing })
  }
  return out
}

/**
 * True when the runtime would read the import: an existing file with a text extension or none. A target that links
 * out of the project is not looked at, so it counts as not loaded here (and is never reported missing).
 */
export function importLoads(imp: MemoryImport, disk: ProjectDisk): boolean {
  if (!imp.resolved || !disk.exists(imp.resolved)) return false
  const ext = extname(imp.resolved)
  return ext === '' || TEXT_EXTENSIONS.has(ext)
}

/**
 * The imports the runtime drops for depth, walking from a top memory file (depth 0) in its order: depth first, a
 * file marked as loaded only when it is read, so one reached too deep first and shallower later still loads. Each
 * target file is read once, through the project's disk (bounded by readSource's size limit, never outside it).
 */
export function importsBeyondDepth(
  topPath: string,
  topText: string,
  topBody: number,
  projectRoot: string,
  disk: ProjectDisk,
): Array<{ file: string; imp: MemoryImport; chain: string[] }> {
  const loaded = new Set<string>([topPath])
  const tooDeep: Array<{ file: string; imp: MemoryImport; chain: string[] }> = []
  const walk = (file: string, text: string, from: number, depth: number, chain: string[]) => {
    for (const imp of findImports(text, from, file, projectRoot)) {
      if (!importLoads(imp, disk) || loaded.has(imp.resolved!)) continue
      if (depth + 1 > MAX_IMPORT_DEPTH) {
        tooDeep.push({ file, imp, chain })
        continue
      }
      loaded.add(imp.resolved!)
      const read = disk.read(imp.resolved!)
      if (read?.ok) walk(imp.resolved!, read.text, 0, depth + 1, [...chain, imp.resolved!])
    }
  }
  walk(topPath, topText, topBody, 0, [topPath])
  const reported = new Set<string>()
  return tooDeep.filter(({ imp }) => !loaded.has(imp.resolved!) && !reported.has(imp.resolved!) && reported.add(imp.resolved!))
}
