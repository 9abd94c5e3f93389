/**
 * A fast path for the front matter almost every agent and skill has: top-level `key: value` lines and block lists of
 * scalars. The yaml package builds a full document for each file (about 70 µs, and most of the garbage, on a pack of
 * thousands); this reads that narrow shape directly and gives up, returning null, on anything else, so the yaml
 * package decides every case that is not plainly simple. Whatever it accepts it must read exactly as the yaml package
 * would with YAML 1.2's core schema; `tests/validator/simple-yaml.test.ts` holds it to that.
 */

type Scalar = string | null
type Value = Scalar | Scalar[]

const keyLine = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(.*))?$/
const itemLine = /^([ ]*)-(?:[ ]+(.*))?$/
/**
 * Plain scalars taken as they are: they start with a letter (so never a number, an indicator or `.inf`), and hold no
 * character that could start a comment, a flow collection, a tag, an anchor or a nested mapping (`#`, `: `, `[`, `{`,
 * `!`, `&`, `*`), nor a tab, a backslash or a trailing colon.
 */
const safePlain = /^[A-Za-z][A-Za-z0-9 _.,;:()/+='"<>?@$%^~`|-]*$/
/** Plain words the core schema reads as booleans or null. */
const coreKeyword = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/
/** Tabs, carriage returns, other control characters, a byte-order mark and Unicode line breaks: left to the yaml package. */
// eslint-disable-next-line no-control-regex
const unusual = /[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]/
const doubleEscapes: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/' }

/** The data of `text` when it has the simple shape, or null to let the yaml package read it. */
export function parseSimpleFrontmatter(text: string): Record<string, unknown> | null {
  if (unusual.test(text)) return null
  const data: Record<string, Value> = Object.create(null) as Record<string, Value>
  let listKey: string | null = null
  let listIndent = -1
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    const item = itemLine.exec(line)
    if (item) {
      // Items belong to the key above that had no value; their indent is fixed by the first one.
      if (listKey === null) return null
      const indent = item[1]!.length
      if (listIndent === -1) listIndent = indent
      else if (indent !== listIndent) return null
      const value = scalar(item[2])
      if (value === undefined || value === null) return null
      ;(data[listKey] as Scalar[]).push(value)
      continue
    }
    const pair = keyLine.exec(line)
    if (!pair) return null
    const key = pair[1]!
    if (key in data || key === '__proto__' || coreKeyword.test(key)) return null
    // A key whose list never got an item is null, as in YAML.
    if (listKey !== null && (data[listKey] as Scalar[]).length === 0) data[listKey] = null
    listKey = null
    listIndent = -1
    const raw = pair[2]
    if (raw === undefined || raw.trim() === '') {
      data[key] = []
      listKey = key
      continue
    }
    const value = scalar(raw)
    if (value === undefined) return null
    data[key] = value
  }
  if (listKey !== null && (data[listKey] as Scalar[]).length === 0) data[listKey] = null
  // An empty document is null to YAML, not an empty mapping.
  if (Object.keys(data).length === 0) return null
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(data)) out[key] = data[key]
  return out
}

/** A scalar's value, or undefined when it is not one this fast path reads. */
function scalar(raw: string | undefined): Scalar | undefined {
  if (raw === undefined) return undefined
  // Trimmed by hand: `/ +$/` retries at every space of a long line (quadratic).
  let end = raw.length
  while (end > 0 && raw.charCodeAt(end - 1) === 32) end--
  const value = raw.slice(0, end)
  if (value === '') return undefined
  const first = value[0]
  if (first === '"') return doubleQuoted(value)
  if (first === "'") return singleQuoted(value)
  if (!safePlain.test(value) || value.includes(': ') || value.endsWith(':') || coreKeyword.test(value)) return undefined
  // Inner runs of spaces stay as written in a one-line plain scalar.
  return value
}

function doubleQuoted(value: string): string | undefined {
  if (value.length < 2 || !value.endsWith('"')) return undefined
  let out = ''
  for (let i = 1; i < value.length - 1; i++) {
    const c = value[i]!
    if (c === '"') return undefined
    if (c !== '\\') {
      out += c
      continue
    }
    const escaped = doubleEscapes[value[++i] ?? '']
    if (escaped === undefined || i >= value.length - 1) return undefined
    out += escaped
  }
  return out
}

function singleQuoted(value: string): string | undefined {
  if (value.length < 2 || !value.endsWith("'")) return undefined
  const inner = value.slice(1, -1)
  // Every quote inside must be doubled; a lone one ends the scalar early.
  if (inner.replace(/''/g, '').includes("'")) return undefined
  return inner.replace(/''/g, "'")
}
