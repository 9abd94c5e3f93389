import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml'

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
      const found = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step))
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
