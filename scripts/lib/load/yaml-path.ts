import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml'

/** Where a node and its key sit in the parsed text (offsets in that text, not necessarily in the file). */
export interface NodeRange {
  keyStart: number
  keyEnd: number
  valueStart: number
  valueEnd: number
  value: Node | null
}

/**
 * Finds the node at a path of keys and indexes in a YAML document (JSON documents too: JSON is YAML 1.2).
 * The empty path is the root; a mapping entry without a value spans its key.
 */
export function findNode(doc: Document | null, path: readonly (string | number)[]): NodeRange | null {
  if (!doc) return null
  let node: unknown = doc.contents
  let pair: Pair | null = null
  for (const step of path) {
    pair = null
    if (isMap(node)) {
      const found = keysOf(node).get(String(step))
      if (!found) return null
      pair = found
      node = found.value
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step]
    } else {
      return null
    }
  }
  const valueNode = (node ?? null) as Node | null
  const keyNode = pair?.key as Node | undefined
  const keyRange = keyNode?.range ?? valueNode?.range
  const valueRange = valueNode?.range ?? keyNode?.range
  if (!keyRange || !valueRange) return null
  return { keyStart: keyRange[0], keyEnd: keyRange[1], valueStart: valueRange[0], valueEnd: valueRange[1], value: valueNode }
}

const indexes = new WeakMap<YAMLMap, Map<string, Pair>>()

/** A mapping's pairs by key (the first of duplicates), built once: a check that locates each of 50,000 keys stays linear. */
function keysOf(map: YAMLMap): Map<string, Pair> {
  let index = indexes.get(map)
  if (!index) {
    index = new Map()
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue
      const key = String(pair.key.value)
      if (!index.has(key)) index.set(key, pair)
    }
    indexes.set(map, index)
  }
  return index
}
