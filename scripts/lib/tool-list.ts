/**
 * Splits a `tools` value the way Claude Code does: a string on commas and white space outside parentheses,
 * a list item by item (non-strings dropped). Each entry keeps its index for locating it.
 */
export interface ToolEntry {
  /** The entry as written, e.g. `Bash(git:*)`. */
  raw: string
  /** The tool name before any parentheses. */
  name: string
  /** What is inside the parentheses, if any. */
  argument?: string
  /** Index in the YAML list, or undefined for a string value. */
  index?: number
}

export function splitToolList(value: unknown): ToolEntry[] {
  if (typeof value === 'string') return splitString(value).map((raw) => entry(raw))
  if (Array.isArray(value)) {
    const out: ToolEntry[] = []
    value.forEach((item, index) => {
      if (typeof item !== 'string') return
      for (const raw of splitString(item)) out.push(entry(raw, index))
    })
    return out
  }
  return []
}

function splitString(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (const ch of text) {
    if (ch === '(') depth++
    if (ch === ')') depth = Math.max(0, depth - 1)
    if (depth === 0 && (ch === ',' || /\s/.test(ch))) {
      if (current) parts.push(current)
      current = ''
      continue
    }
    current += ch
  }
  if (current) parts.push(current)
  return parts
}

function entry(raw: string, index?: number): ToolEntry {
  const open = raw.indexOf('(')
  const name = open === -1 ? raw : raw.slice(0, open)
  const argument = open === -1 ? undefined : raw.slice(open + 1, raw.endsWith(')') ? -1 : undefined)
  return { raw, name, ...(argument !== undefined ? { argument } : {}), ...(index !== undefined ? { index } : {}) }
}

/** Agent types in an `Agent(a, b)` or `Task(a, b)` entry. */
export function agentTypesIn(entry: ToolEntry): string[] {
  if ((entry.name !== 'Agent' && entry.name !== 'Task') || entry.argument === undefined) return []
  return entry.argument.split(/[\s,]+/).filter(Boolean)
}
