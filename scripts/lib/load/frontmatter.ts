import { parseDocument, type Document, type Node } from 'yaml'
import { findNode } from '../yaml-path.ts'

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

const yamlOptions = { version: '1.2', uniqueKeys: true, prettyErrors: false, strict: true } as const
const maxAliasCount = 100

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
  const doc = parseDocument(text, yamlOptions)
  fm.docText = text
  fm.errors = doc.errors.map((e) => ({
    message: e.message.split('\n')[0]!,
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
  const retry = parseDocument(quoted.text, yamlOptions)
  if (retry.errors.length === 0) {
    const data = toData(retry)
    if (data.ok) {
      fm.data = data.value
      fm.recoveredByClaude = true
      fm.docText = quoted.text
      fm.toFileOffset = shiftBack(quoted.edits, fm.offset)
    }
  }
  const minimal = quoteRiskyValues(text, true)
  if (minimal.edits.length > 0 && parseDocument(minimal.text, yamlOptions).errors.length === 0) {
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
  if (typeof value === 'string') return value.length < 13 ? value : (` ${value}`).slice(1)
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
  const line = /^([A-Za-z_][\w-]*):[ \t]+(.*?)[ \t]*$/gm
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const value = m[2]!.replace(/\r$/, '')
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
  return { keyStart: at(found.keyStart), keyEnd: at(found.keyEnd), valueStart: at(found.valueStart), valueEnd: at(found.valueEnd), value: found.value }
}
