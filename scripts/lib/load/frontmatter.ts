import { isAlias, isCollection, isPair, isScalar, parseDocument, type Document, type Node } from 'yaml'
import { checkDeadline } from '../engine/budget.ts'
import { findNode } from './yaml-path.ts'
import { parseSimpleFrontmatter } from './simple-yaml.ts'

export interface YamlProblem {
  message: string
  /** Offsets in the file text. */
  start: number
  end: number
}

export interface Frontmatter {
  /** Language tag after the opening fence (`yaml` unless `---js` and the like). */
  language: string
  /** Offset of the YAML text in the file (just after the opening fence and its language tag). */
  offset: number
  /** The raw YAML text. */
  text: string
  /** 1-based line of the closing fence, or null when the block never closes. */
  closeLine: number | null
  /**
   * The document the data comes from: the strict parse, or the re-parse after Claude Code's quoting retry.
   * Parsed again on demand by `locate`: a project of thousands of files keeps only their data, since positions are
   * needed just for the few values a check reports. Null for a non-YAML language.
   */
  doc: Document.Parsed | null
  /** The YAML text `doc` is parsed from (the original, or Claude Code's quoted retry); null for a non-YAML language. */
  docText: string | null
  /** Maps an offset in `doc`'s source to an offset in the file. */
  toFileOffset: (offset: number) => number
  /** Strict parse errors; empty when the YAML is valid. */
  errors: YamlProblem[]
  /**
   * What Claude Code ends up with: the strict data, or the data after its auto-quote retry,
   * or null when it drops every field.
   */
  data: Record<string, unknown> | null
  /** True when strict YAML failed and Claude Code's retry (quoting values) succeeded. */
  recoveredByClaude: boolean
  /** A minimal fix that makes the YAML strictly valid, when one is known. */
  quotingFix: { start: number; end: number; text: string }[] | null
}

export interface SplitResult {
  frontmatter: Frontmatter | null
  bodyOffset: number
}

/**
 * `uniqueKeys` is off because the yaml package compares each key with every earlier one (50,000 keys took 34 s);
 * {@link duplicateKeys} does the same check with a set. `logLevel: 'error'` keeps its warnings (a `? [a, b]` key) off
 * the user's terminal.
 */
const yamlOptions = { version: '1.2', uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' } as const
const maxAliasCount = 100
/**
 * At most this many values once aliases are expanded. The yaml package's own alias limit misses aliases of
 * collections of empty collections (`x: &a [{}, …]`, `z: [*a, …]`), which expanded to 90 million objects and 4 GB.
 */
export const maxFrontmatterNodes = 250_000

/** Parses strictly: the package's errors, then duplicate keys, found in linear time. */
function parseStrict(text: string): { doc: Document.Parsed; errors: { message: string; pos: [number, number] }[] } {
  const doc = parseDocument(text, yamlOptions)
  if (doc.errors.length > 0) return { doc, errors: doc.errors.map((e) => ({ message: e.message.split('\n')[0]!, pos: e.pos })) }
  try {
    return { doc, errors: duplicateKeys(doc) }
  } catch (error) {
    // Nesting deep enough to exhaust the stack: refused like any document too large to read.
    if (error instanceof RangeError) return { doc, errors: [{ message: 'Front matter nested too deeply; not read further', pos: [0, 0] }] }
    throw error
  }
}

function duplicateKeys(doc: Document.Parsed): { message: string; pos: [number, number] }[] {
  const errors: { message: string; pos: [number, number] }[] = []
  const visit = (node: unknown): void => {
    checkDeadline()
    if (isPair(node)) {
      visit(node.key)
      visit(node.value)
    } else if (isCollection(node)) {
      const seen = new Set<unknown>()
      for (const item of node.items) {
        if (isPair(item) && isScalar(item.key)) {
          if (seen.has(item.key.value))
            errors.push({ message: 'Map keys must be unique', pos: [item.key.range?.[0] ?? 0, item.key.range?.[1] ?? 0] })
          seen.add(item.key.value)
        }
        visit(item)
      }
    }
  }
  visit(doc.contents)
  return errors
}

/**
 * Why the document cannot become data because it expands to too many values (aliases counted in full, cut off past the
 * cap), or null. Like the package's own alias limit, this drops the data rather than retrying with quotes.
 */
function oversized(doc: Document.Parsed): string | null {
  const sizes = new Map<unknown, number>()
  const size = (node: unknown): number => {
    checkDeadline()
    if (isAlias(node)) {
      const target = node.resolve(doc)
      return target ? (sizes.get(target) ?? size(target)) : 1
    }
    let total = 1
    if (isPair(node)) total = size(node.key) + size(node.value)
    else if (isCollection(node)) for (const item of node.items) if ((total += size(item)) > maxFrontmatterNodes) break
    sizes.set(node, total)
    return total
  }
  try {
    if (size(doc.contents) <= maxFrontmatterNodes) return null
  } catch (error) {
    if (error instanceof RangeError) return 'Front matter nested too deeply; not read further'
    throw error
  }
  return `Front matter holds more than ${maxFrontmatterNodes} values once aliases are expanded; not read further`
}

/**
 * Splits front matter from the body. We do not use gray-matter here: its closing-fence search accepts any line that
 * merely starts with `---`, and its default engines evaluate `---js` blocks. A non-YAML block is never parsed.
 */
export function splitFrontmatter(text: string): SplitResult {
  if (!text.startsWith('---') || text.charAt(3) === '-') return { frontmatter: null, bodyOffset: 0 }
  const firstLineEnd = text.search(/\r?\n|\r/)
  const offset = firstLineEnd === -1 ? text.length : firstLineEnd
  const tag = text.slice(3, offset).trim()
  const language = tag === '' ? 'yaml' : tag.toLowerCase()
  const closeFence = /(?:\r?\n|\r)---[ \t]*(?:\r?\n|\r|$)/g
  closeFence.lastIndex = offset
  const close = closeFence.exec(text)
  const fm: Frontmatter = {
    language,
    offset,
    text: text.slice(offset, close ? close.index : text.length),
    closeLine: close ? countLines(text, close.index) + 1 : null,
    doc: null,
    docText: null,
    toFileOffset: (o) => offset + o,
    errors: [],
    data: null,
    recoveredByClaude: false,
    quotingFix: null,
  }
  if (language === 'yaml' || language === 'yml') parseYaml(fm)
  return { frontmatter: fm, bodyOffset: close ? close.index + close[0].length : text.length }
}

function countLines(text: string, end: number): number {
  let lines = 1
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++
  }
  return lines
}

function parseYaml(fm: Frontmatter): void {
  // The yaml package ends lines only at \n; a lone \r (old Mac files) ends one too, as in SourceText. Same length, so
  // offsets are unchanged.
  const text = fm.text.includes('\r') ? fm.text.replace(/\r(?!\n)/g, '\n') : fm.text
  const simple = parseSimpleFrontmatter(text)
  if (simple) {
    fm.docText = text
    fm.data = detach(simple) as Record<string, unknown>
    return
  }
  const { doc, errors } = parseStrict(text)
  fm.docText = text
  fm.errors = errors.map((e) => ({
    message: e.message,
    start: fm.offset + e.pos[0],
    end: fm.offset + Math.max(e.pos[0], e.pos[1]),
  }))
  if (fm.errors.length === 0) {
    const data = toData(doc)
    if (data.ok) fm.data = data.value
    else fm.errors.push({ message: data.message, start: fm.offset, end: fm.offset })
    return
  }
  const quoted = quoteRiskyValues(text, false)
  const retry = parseStrict(quoted.text)
  if (retry.errors.length === 0) {
    const data = toData(retry.doc)
    if (data.ok) {
      fm.data = data.value
      fm.recoveredByClaude = true
      fm.docText = quoted.text
      fm.toFileOffset = shiftBack(quoted.edits, fm.offset)
    }
  }
  const minimal = quoteRiskyValues(text, true)
  if (minimal.edits.length > 0 && parseStrict(minimal.text).errors.length === 0) {
    fm.quotingFix = minimal.edits.map((e) => ({ ...e, start: e.start + fm.offset, end: e.end + fm.offset }))
  }
}

/** Offsets in text rewritten by `edits` (original coordinates, ascending) mapped back to the original file. */
function shiftBack(edits: { start: number; end: number; text: string }[], base: number): (offset: number) => number {
  return (offset) => {
    let delta = 0
    for (const e of edits) {
      const newStart = e.start + delta
      if (offset < newStart) break
      const grown = e.text.length - (e.end - e.start)
      if (offset < newStart + e.text.length) return base + e.start + Math.min(offset - newStart, e.end - e.start)
      delta += grown
    }
    return base + offset - delta
  }
}

/**
 * Copies every string into a flat string of its own. The yaml package builds scalars out of pieces that keep its
 * parse buffers alive; on a project of thousands of files that was most of the validator's memory.
 */
function detach(value: unknown): unknown {
  if (typeof value === 'string') return value.length < 13 ? value : ` ${value}`.slice(1)
  if (Array.isArray(value)) return value.map(detach)
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      // A `__proto__` key must stay a plain property, never become the prototype.
      if (k === '__proto__') Object.defineProperty(out, k, { value: detach(v), enumerable: true, writable: true, configurable: true })
      else out[k] = detach(v)
    }
    return out
  }
  return value
}

function toData(doc: Document.Parsed): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const tooLarge = oversized(doc)
  if (tooLarge) return { ok: false, message: tooLarge }
  try {
    const value: unknown = detach(doc.toJS({ maxAliasCount }))
    if (value === null || value === undefined) return { ok: true, value: {} }
    if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'Front matter must be a mapping of keys to values' }
    return { ok: true, value: value as Record<string, unknown> }
  } catch (error) {
    return { ok: false, message: (error as Error).message.split('\n')[0]! }
  }
}

/** Characters that make Claude Code's loader quote a value before its second parse. */
const claudeRiskyValue = /[{}[\]*&#!|>%@`]|: /

/**
 * Claude Code's retry: top-level `key: value` lines whose value holds risky characters are double-quoted.
 * With `minimal`, only values that break strict YAML by themselves (`: `, ` #`) are quoted: that is the fix we offer.
 */
function quoteRiskyValues(text: string, minimal: boolean): { text: string; edits: { start: number; end: number; text: string }[] } {
  const edits: { start: number; end: number; text: string }[] = []
  // `(.*)` and a trim by hand: `(.*?)[ \t]*$` retried the tail at every space of a long line (quadratic).
  const line = /^([A-Za-z_][\w-]*):[ \t]+(.*)$/gm
  for (let m = line.exec(text); m; m = line.exec(text)) {
    checkDeadline()
    const value = trimEndSpaces(m[2]!.replace(/\r$/, ''))
    if (value === '' || /^["']/.test(value)) continue
    const risky = minimal ? /: |\s#/.test(value) && !/^[[{]/.test(value) : claudeRiskyValue.test(value)
    if (!risky) continue
    const start = m.index + m[0].indexOf(value, m[1]!.length + 1)
    edits.push({ start, end: start + value.length, text: JSON.stringify(value.replace(/\t/g, ' ')) })
  }
  let out = text
  for (const e of [...edits].reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end)
  return { text: minimal ? out : out.replace(/\t/g, ' '), edits }
}

function trimEndSpaces(text: string): string {
  let end = text.length
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--
  return text.slice(0, end)
}

/** Where a key and its value sit in the file, for precise diagnostics. */
export interface KeyLocation {
  keyStart: number
  keyEnd: number
  valueStart: number
  valueEnd: number
  value: Node | null
}

/** Finds the pair for a top-level key, or the node at a deeper path (keys and indexes). */
export function locate(fm: Frontmatter, path: readonly (string | number)[]): KeyLocation | null {
  if (path.length === 0 || fm.docText === null) return null
  fm.doc ??= parseDocument(fm.docText, yamlOptions)
  const found = findNode(fm.doc, path)
  if (!found) return null
  const at = fm.toFileOffset
  return {
    keyStart: at(found.keyStart),
    keyEnd: at(found.keyEnd),
    valueStart: at(found.valueStart),
    valueEnd: at(found.valueEnd),
    value: found.value,
  }
}
