import type { Span } from '../engine/diagnostics.ts'
import type { LoadedFile } from '../load/loaded-file.ts'
import { offsetSpan } from './locate.ts'
import { findNode } from '../load/yaml-path.ts'

type JsonPath = readonly (string | number)[]

/** Span of the opening character of a JSON file's root value, where whole-file findings point. */
export function jsonRootSpan(file: LoadedFile): Span {
  const root = findNode(file.json?.doc ?? null, [])
  return root ? offsetSpan(file, root.valueStart, root.valueStart + 1) : offsetSpan(file, 0)
}

/** Span of a key in a JSON file (for an array item, the item), falling back to the nearest enclosing node. */
export function jsonKeySpan(file: LoadedFile, path: JsonPath): Span {
  if (path.length === 0) return jsonRootSpan(file)
  const at = findNode(file.json?.doc ?? null, path)
  return at ? offsetSpan(file, at.keyStart, at.keyEnd) : jsonKeySpan(file, path.slice(0, -1))
}

/** Span of a value in a JSON file, falling back to the nearest enclosing node. */
export function jsonValueSpan(file: LoadedFile, path: JsonPath): Span {
  if (path.length === 0) return jsonRootSpan(file)
  const at = findNode(file.json?.doc ?? null, path)
  return at ? offsetSpan(file, at.valueStart, at.valueEnd) : jsonValueSpan(file, path.slice(0, -1))
}

/** Span for a schema problem: the key when it is about the key, else the value. */
export function jsonProblemSpan(file: LoadedFile, problem: { path: JsonPath; atKey: boolean }): Span {
  return problem.atKey ? jsonKeySpan(file, problem.path) : jsonValueSpan(file, problem.path)
}
