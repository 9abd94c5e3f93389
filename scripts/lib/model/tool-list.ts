import { isAgentTool } from './vocabulary.ts'

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
  /** Offsets of `raw` in the string it was split from (the list item, or the whole string value). */
  start: number
  end: number
}

/** The keys of each file kind that hold tool lists live in the vocabulary data. */
export { toolListKeys } from './vocabulary.ts'

export function splitToolList(value: unknown): ToolEntry[] {
  if (typeof value === 'string')
    return splitString(value)
      .flatMap((part) => unquoted(part, value))
      .map((part) => entry(part))
  if (Array.isArray(value)) {
    const out: ToolEntry[] = []
    value.forEach((item, index) => {
      if (typeof item !== 'string') return
      for (const part of splitString(item)) out.push(entry(part, index))
    })
    return out
  }
  return []
}

interface Part {
  raw: string
  start: number
}

function splitString(text: string): Part[] {
  const parts: Part[] = []
  let depth = 0
  let start = -1
  for (let i = 0; i <= text.length; i++) {
    const ch = text.charAt(i)
    if (ch === '(') depth++
    if (ch === ')') depth = Math.max(0, depth - 1)
    const separator = i === text.length || (depth === 0 && (ch === ',' || /\s/.test(ch)))
    if (separator) {
      if (start !== -1) parts.push({ raw: text.slice(start, i), start })
      start = -1
    } else if (start === -1) {
      start = i
    }
  }
  return parts
}

/**
 * A flow list such as `tools: ["Read", "Grep"]` that the loader's quoting retry turned into one string keeps its
 * brackets and quotes; Claude Code still reads the tools Read and Grep from it, so they are peeled off each part.
 */
function unquoted(part: Part, whole: string): Part[] {
  if (!/^\s*\[[\s\S]*\]\s*$/.test(whole)) return [part]
  const lead = /^[["']*/.exec(part.raw)![0].length
  const trail = /["'\]]*$/.exec(part.raw.slice(lead))![0].length
  const raw = part.raw.slice(lead, part.raw.length - trail)
  return raw === '' ? [] : [{ raw, start: part.start + lead }]
}

function entry({ raw, start }: Part, index?: number): ToolEntry {
  const open = raw.indexOf('(')
  const name = open === -1 ? raw : raw.slice(0, open)
  const argument = open === -1 ? undefined : raw.slice(open + 1, raw.endsWith(')') ? -1 : undefined)
  return {
    raw,
    name,
    ...(argument !== undefined ? { argument } : {}),
    ...(index !== undefined ? { index } : {}),
    start,
    end: start + raw.length,
  }
}

/** Whether a `tools` list gives the agent the Agent tool (`Agent`, `Task`, either with a type list, or `*`). */
export function grantsAgentTool(entries: readonly ToolEntry[]): boolean {
  return entries.some((e) => isAgentTool(e.name) || e.raw === '*')
}

/** Agent types in an `Agent(a, b)` or `Task(a, b)` entry, each with its offsets in the same string as the entry's. */
export function agentTypeSpans(entry: ToolEntry): { name: string; start: number; end: number }[] {
  if (!isAgentTool(entry.name) || entry.argument === undefined) return []
  const base = entry.start + entry.name.length + 1
  return [...entry.argument.matchAll(/[^\s,]+/g)].map((m) => ({ name: m[0], start: base + m.index, end: base + m.index + m[0].length }))
}
