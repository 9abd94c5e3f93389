import { parseDocument, type Document } from 'yaml'

export interface JsonProblem {
  message: string
  /** Offsets in the parsed text. */
  start: number
  end: number
}

export interface ParsedJson {
  /** The same text parsed as YAML 1.2 (JSON is YAML 1.2), for node positions. */
  doc: Document.Parsed
  /** What JSON.parse returns; undefined when the text is not JSON. */
  value: unknown
  /** The JSON.parse error, or else the first YAML-only problem (a duplicate key, which JSON.parse lets the last one win). */
  errors: JsonProblem[]
}

/**
 * Parses JSON text twice: JSON.parse for the value, so JSON-only rules (no comments, no trailing commas) hold, and
 * the YAML parser for positions. Used for JSON files and for JSON blocks inside markdown.
 */
export function parseJsonText(text: string): ParsedJson {
  const errors: JsonProblem[] = []
  let value: unknown = undefined
  try {
    value = JSON.parse(text)
  } catch (error) {
    const raw = (error as Error).message.replace(/^JSON\.parse: /, '')
    const position = /position (\d+)/.exec(raw)?.[1]
    const at = position !== undefined ? Number(position) : /end of JSON input/.test(raw) ? text.length : 0
    errors.push({ message: raw.replace(/,? (?:in JSON )?at position \d+.*$/, '').replace(/ in JSON$/, ''), start: at, end: at })
  }
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, strict: true })
  for (const e of doc.errors)
    if (errors.length === 0)
      errors.push({ message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), start: e.pos[0], end: e.pos[1] })
  return { doc, value, errors }
}
