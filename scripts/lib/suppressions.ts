/**
 * Inline suppressions, in a YAML comment (`# backend-team-disable-next-line rule-id`) or an HTML comment
 * (`<!-- backend-team-disable rule-id -->` for the whole file). Without rule ids they silence every rule.
 */
export interface Suppressions {
  file: Set<string> | 'all' | null
  lines: Map<number, Set<string> | 'all'>
}

const directive = /(?:#|<!--)\s*backend-team-disable(-next-line)?(?:[ \t]+([^\r\n]*?))?\s*(?:-->|$)/gm

export function parseSuppressions(text: string, lineOf: (offset: number) => number): Suppressions {
  const result: Suppressions = { file: null, lines: new Map() }
  if (!text.includes('backend-team-disable')) return result
  for (let m = directive.exec(text); m; m = directive.exec(text)) {
    const ids = m[2]?.split(/[\s,]+/).filter(Boolean)
    const rules: Set<string> | 'all' = ids && ids.length > 0 ? new Set(ids) : 'all'
    if (m[1]) {
      const line = lineOf(m.index) + 1
      result.lines.set(line, merge(result.lines.get(line) ?? null, rules))
    } else {
      result.file = merge(result.file, rules)
    }
  }
  return result
}

function merge(a: Set<string> | 'all' | null, b: Set<string> | 'all'): Set<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all'
  return a ? new Set([...a, ...b]) : b
}

export function isSuppressed(s: Suppressions, ruleId: string, line: number): boolean {
  const covers = (set: Set<string> | 'all' | null | undefined) => set === 'all' || (set instanceof Set && set.has(ruleId))
  return covers(s.file) || covers(s.lines.get(line))
}
