// What Claude Code 2.1.332 does with a settings value that fails its schema, by where the value sits. Observed with
// `--debug-file` (tests/cli/rule-evidence.test.ts): most type errors make it skip the whole file, hook and marketplace
// entries are dropped one by one, and a few keys quietly drop just their own bad value.

type Path = readonly (string | number)[]

export interface Consequence {
  /** The parenthesised end of the diagnostic. */
  text: string
  /** Whether the author loses the whole file, or one entry or value of it. */
  scope: 'file' | 'entry' | 'value'
}

export const WHOLE_FILE = 'Claude Code skips this whole settings file: every hook, permission and env value in it'

/** Keys whose invalid value the runtime replaces with "unset" (`.catch(undefined)`), leaving the rest of the file. */
const droppedQuietly: readonly Path[] = [['effortLevel'], ['subagentStatusLine'], ['statusLine', 'refreshInterval'], ['subagentPromptCacheTtl']]

const startsWith = (path: Path, prefix: Path) => prefix.every((segment, i) => path[i] === segment)

export function consequenceAt(path: Path): Consequence {
  if (path[0] === 'hooks' && path.length >= 2) {
    if (path.length >= 5 && path[3] === 'hooks') return { text: 'Claude Code ignores this hook entry', scope: 'entry' }
    if (path.length >= 3) return { text: 'Claude Code ignores this matcher and its hooks', scope: 'entry' }
    return { text: 'Claude Code ignores the hooks of this event', scope: 'entry' }
  }
  if (path[0] === 'extraKnownMarketplaces' && path.length >= 2) return { text: 'Claude Code ignores this marketplace', scope: 'entry' }
  if (droppedQuietly.some((p) => startsWith(path, p))) return { text: 'Claude Code drops this value without a message', scope: 'value' }
  return { text: WHOLE_FILE, scope: 'file' }
}
