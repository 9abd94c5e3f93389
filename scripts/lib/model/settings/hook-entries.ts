// Walks a hook map, `{<Event>: [{matcher?, hooks: [...]}]}` (settings, plugin hooks files, front matter), yielding
// each well-formed matcher and hook with its path; malformed parts are left to the schema checks.
import { isRecord } from '../plugin-fields.ts'

type Path = (string | number)[]

export interface MatcherEntry {
  event: string
  matcher: unknown
  /** Path of the matcher object, `[...base, event, i]`. */
  path: Path
  hooks: { hook: Record<string, unknown>; path: Path }[]
}

/** `base` is the map's own path: `['hooks']` in a settings file. */
export function matcherEntries(map: unknown, base: Path = ['hooks']): MatcherEntry[] {
  const out: MatcherEntry[] = []
  if (!isRecord(map)) return out
  for (const [event, matchers] of Object.entries(map)) {
    if (!Array.isArray(matchers)) continue
    matchers.forEach((entry, i) => {
      if (!isRecord(entry) || !Array.isArray(entry.hooks)) return
      const path: Path = [...base, event, i]
      const hooks = entry.hooks.flatMap((hook, j) => (isRecord(hook) ? [{ hook, path: [...path, 'hooks', j] }] : []))
      out.push({ event, matcher: entry.matcher, path, hooks })
    })
  }
  return out
}
