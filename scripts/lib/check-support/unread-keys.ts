import { closest } from './suggest.ts'
import { foreignKeys, knownKeysFor, pluginAgentOnlyKeys } from '../model/vocabulary.ts'

/** A front-matter key Claude Code does not read, with the key it reads that the author most likely meant. */
export interface UnreadKey {
  key: string
  meant: string | undefined
}

type KeyedFile = Parameters<typeof knownKeysFor>[0] & { kind: string; frontmatter?: { data: Record<string, unknown> | null } | null }

/**
 * frontmatter/misspelt-key and frontmatter/unknown-key divide the same keys between them, one file after the other,
 * and the "did you mean" search is the costly part: the last file's answer is kept for the second rule.
 */
let last: { data: object; keys: readonly UnreadKey[] } | null = null

/**
 * The keys of a file's front matter that are neither read by Claude Code nor another rule's (keys of a different file
 * kind are frontmatter/foreign-key's, plugin-agent keys in a project agent too).
 */
export function unreadKeys(file: KeyedFile): readonly UnreadKey[] {
  const data = file.frontmatter?.data
  if (!data) return []
  if (last?.data === data) return last.keys
  const kind = file.kind as keyof typeof foreignKeys
  const known = knownKeysFor(file)
  const keys: UnreadKey[] = []
  for (const key of Object.keys(data)) {
    if (known.has(key) || Object.hasOwn(foreignKeys[kind], key) || (kind === 'agent' && pluginAgentOnlyKeys.has(key))) continue
    keys.push({ key, meant: closest(key, known) })
  }
  last = { data, keys }
  return keys
}
