import { isScalar } from 'yaml'
import type { Span } from '../engine/diagnostics.ts'
import { locate } from '../load/frontmatter.ts'
import type { LoadedFile } from '../load/loaded-file.ts'

/** Span of the opening `---` fence, where whole-block findings point. */
export function fenceSpan(file: LoadedFile): Span {
  return { line: 1, column: 1, endLine: 1, endColumn: file.frontmatter ? 4 : 1 }
}

export function offsetSpan(file: LoadedFile, start: number, end: number = start): Span {
  return file.source ? file.source.span(start, end) : { line: 1, column: 1, endLine: 1, endColumn: 1 }
}

/** Span of a front-matter key (`path` = [key] or deeper), falling back to the opening fence. */
export function keySpan(file: LoadedFile, path: readonly (string | number)[]): Span {
  const at = file.frontmatter && locate(file.frontmatter, path)
  return at ? offsetSpan(file, at.keyStart, at.keyEnd) : fenceSpan(file)
}

/** Span of a front-matter value, falling back to its key, then to the fence. */
export function valueSpan(file: LoadedFile, path: readonly (string | number)[]): Span {
  const at = file.frontmatter && locate(file.frontmatter, path)
  if (!at) return path.length > 1 ? valueSpan(file, path.slice(0, -1)) : fenceSpan(file)
  return offsetSpan(file, at.valueStart, at.valueEnd)
}

/** Offsets of a front-matter value in the file, for fixes. */
export function valueRange(file: LoadedFile, path: readonly (string | number)[]): { start: number; end: number } | null {
  const at = file.frontmatter && locate(file.frontmatter, path)
  return at ? { start: at.valueStart, end: at.valueEnd } : null
}

/**
 * Span of characters [start, end) of the string value at `path` (an entry inside `tools: Read, Bsh`). Plain and
 * quoted scalars without escapes map directly; otherwise the text is searched in the value, then the whole value is used.
 */
export function substringSpan(file: LoadedFile, path: readonly (string | number)[], start: number, end: number): Span {
  const at = file.frontmatter && locate(file.frontmatter, path)
  if (!at || !isScalar(at.value) || typeof at.value.value !== 'string') return valueSpan(file, path)
  const value = at.value.value
  const raw = file.text.slice(at.valueStart, at.valueEnd)
  const quoted = at.value.type === 'QUOTE_DOUBLE' || at.value.type === 'QUOTE_SINGLE'
  const inner = quoted ? raw.slice(1, -1) : raw
  if (inner === value) {
    const base = at.valueStart + (quoted ? 1 : 0)
    return offsetSpan(file, base + start, base + end)
  }
  const found = raw.indexOf(value.slice(start, end))
  return found === -1
    ? offsetSpan(file, at.valueStart, at.valueEnd)
    : offsetSpan(file, at.valueStart + found, at.valueStart + found + end - start)
}

/** Span of one entry of a front-matter list written as a YAML list or as a comma or space separated string. */
export function listEntrySpan(file: LoadedFile, key: string, entry: { index?: number; start: number; end: number }): Span {
  return substringSpan(file, entry.index === undefined ? [key] : [key, entry.index], entry.start, entry.end)
}
