// Walks a settings hook map, `{<Event>: [{matcher?, hooks: [...]}]}`, yielding each well-formed matcher and hook with
// its path; malformed parts are left to settings/schema.
import { isRecord } from '../plugin-fields.ts'

type Path = (string | number)[]

export interface MatcherEntry {
  event: string
  matcher: unknown
  /** Path of the matcher object, `['hooks', event, i]`. */
  path: Path
  hooks: { hook: Record<string, unknown>; path: Path }[]
}

export function matcherEntries(map: unknown): MatcherEntry[] {
  const out: MatcherEntry[] = []
  if (!isRecord(map)) return out
  for (const [event, matchers] of Object.entries(map)) {
    if (!Array.isArray(matchers)) continue
    matchers.forEach((entry, i) => {
      if (!isRecord(entry) || !Array.isArray(entry.hooks)) return
      const path: Path = ['hooks', event, i]
      const hooks = entry.hooks.flatMap((hook, j) => (isRecord(hook) ? [{ hook, path: [...path, 'hooks', j] }] : []))
      out.push({ event, matcher: entry.matcher, path, hooks })
    })
  }
  return out
}
