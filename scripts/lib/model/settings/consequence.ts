// What Claude Code 2.1.332 does with a settings value that fails its schema, by where the value sits. Observed with
// `--debug-file` (tests/cli/rule-evidence.test.ts): most type errors make it skip the whole file; hook entries are dropped
// one by one, except under PreToolUse and PermissionRequest, where one bad entry skips the whole file (such a hook may
// be what guards the permissions beside it); marketplace entries are dropped one by one; a few keys quietly drop just
// their own bad value.

type Path = readonly (string | number)[]

export interface Consequence {
  /** The parenthesised end of the diagnostic. */
  text: string
  /** Whether the author loses the whole file, or one entry or value of it. */
  scope: 'file' | 'entry' | 'value'
}

export const WHOLE_FILE = 'Claude Code skips this whole settings file: every hook, permission and env value in it'

const GUARD_HOOK =
  'Claude Code skips this whole settings file, every hook, permission and env value in it: a PreToolUse or PermissionRequest hook it cannot load may be what guards those permissions'

/** Events whose unloadable hook entry takes the whole file down with it. */
const guardEvents = new Set(['PreToolUse', 'PermissionRequest'])

/** Keys whose invalid value the runtime replaces with "unset" (`.catch(undefined)`), leaving the rest of the file. */
const droppedQuietly: readonly Path[] = [
  ['effortLevel'],
  ['subagentStatusLine'],
  ['statusLine', 'refreshInterval'],
  ['subagentPromptCacheTtl'],
]

const startsWith = (path: Path, prefix: Path) => prefix.every((segment, i) => path[i] === segment)

export function consequenceAt(path: Path): Consequence {
  if (path[0] === 'hooks' && path.length >= 2) {
    if (guardEvents.has(String(path[1]))) return { text: GUARD_HOOK, scope: 'file' }
    if (path.length >= 5 && path[3] === 'hooks') return { text: 'Claude Code ignores this hook entry', scope: 'entry' }
    if (path.length >= 3) return { text: 'Claude Code ignores this matcher and its hooks', scope: 'entry' }
    return { text: 'Claude Code ignores the hooks of this event', scope: 'entry' }
  }
  if (path[0] === 'extraKnownMarketplaces' && path.length >= 2) return { text: 'Claude Code ignores this marketplace', scope: 'entry' }
  if (droppedQuietly.some((p) => startsWith(path, p))) return { text: 'Claude Code drops this value without a message', scope: 'value' }
  return { text: WHOLE_FILE, scope: 'file' }
}
