import type { Span } from './diagnostics.ts'
import { locate } from './load/frontmatter.ts'
import type { LoadedFile } from './load/loaded-file.ts'

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
