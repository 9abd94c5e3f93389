// Just enough of a JavaScript scanner to read literals out of minified bundle code: matching brackets (skipping
// strings, template literals, regular expressions and comments), top-level items of a list or object, object keys,
// and the string values of identifiers, followed across the bundle's `import{…}from"…"` and `export{…}` statements.
import type { BunModule } from './bun-graph.ts'

const closer: Record<string, string> = { '(': ')', '[': ']', '{': '}' }
/** After these characters a `/` starts a regular expression, not a division. */
const regexAfter = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', ''])

function skipString(text: string, i: number): number {
  const quote = text[i]
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++
    else if (text[j] === quote) return j + 1
  }
  throw new Error(`unterminated string at ${i}`)
}

function skipTemplate(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++
    else if (text[j] === '`') return j + 1
    else if (text[j] === '$' && text[j + 1] === '{') j = matchingEnd(text, j + 1)
  }
  throw new Error(`unterminated template literal at ${i}`)
}

function skipRegex(text: string, i: number): number {
  let inClass = false
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j]
    if (c === '\\') j++
    else if (c === '[') inClass = true
    else if (c === ']') inClass = false
    else if (c === '/' && !inClass) {
      let k = j + 1
      while (/[a-z]/.test(text[k] ?? '')) k++
      return k
    } else if (c === '\n') break
  }
  return i + 1
}

function previousSignificant(text: string, i: number): string {
  let j = i - 1
  while (j >= 0 && /\s/.test(text[j]!)) j--
  if (j < 0) return ''
  // `return/x/` and `typeof/x/`: a keyword before `/` also starts a regular expression.
  if (/[\w$]/.test(text[j]!)) {
    let k = j
    while (k >= 0 && /[\w$]/.test(text[k]!)) k--
    return /^(?:return|typeof|case|in|of|void|delete|throw|instanceof)$/.test(text.slice(k + 1, j + 1)) ? '(' : text[j]!
  }
  return text[j]!
}

/** Index just after the bracket that closes the one at `open`. */
export function matchingEnd(text: string, open: number): number {
  const stack = [closer[text[open]!]]
  if (!stack[0]) throw new Error(`no bracket at ${open}`)
  let i = open + 1
  while (i < text.length) {
    const c = text[i]!
    if (c === '"' || c === "'") i = skipString(text, i)
    else if (c === '`') i = skipTemplate(text, i)
    else if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i)
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) + 2
    else if (c === '/' && regexAfter.has(previousSignificant(text, i))) i = skipRegex(text, i)
    else if (closer[c]) {
      stack.push(closer[c])
      i++
    } else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) throw new Error(`mismatched \`${c}\` at ${i}`)
      i++
      if (stack.length === 0) return i
    } else i++
  }
  throw new Error(`unclosed bracket at ${open}`)
}

/** The top-level comma-separated items between the bracket at `open` and its match, trimmed. */
export function items(text: string, open: number): string[] {
  const end = matchingEnd(text, open) - 1
  const out: string[] = []
  let start = open + 1
  let i = start
  while (i < end) {
    const c = text[i]!
    if (c === '"' || c === "'") i = skipString(text, i)
    else if (c === '`') i = skipTemplate(text, i)
    else if (c === '/' && regexAfter.has(previousSignificant(text, i))) i = skipRegex(text, i)
    else if (closer[c]) i = matchingEnd(text, i)
    else if (c === ',') {
      out.push(text.slice(start, i).trim())
      start = ++i
    } else i++
  }
  const last = text.slice(start, end).trim()
  if (last !== '') out.push(last)
  return out
}

const stringLiteral = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')$/

/** The value of a JavaScript string literal, or undefined when `item` is not one. */
export function stringValue(item: string): string | undefined {
  if (!stringLiteral.test(item)) return undefined
  return JSON.parse(item[0] === '"' ? item : `"${item.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string
}

/** The keys of the object literal whose `{` is at `open` (identifiers, quoted keys and shorthand properties). */
export function objectKeys(text: string, open: number): string[] {
  return items(text, open).flatMap((item) => {
    if (item.startsWith('...')) return []
    const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*:/.exec(item)
    if (quoted) return [stringValue(quoted[1]!)!]
    const plain = /^([\w$]+)\s*(?::|$|\()/.exec(item)
    return plain ? [plain[1]!] : []
  })
}

/** The module graph with lookups by name; identifiers are resolved per module, as each chunk has its own scope. */
export class Bundle {
  private readonly byName: Map<string, BunModule>
  constructor(readonly modules: readonly BunModule[]) {
    this.byName = new Map(modules.map((m) => [m.name, m]))
  }

  module(name: string): BunModule {
    const m = this.byName.get(name.replace(/^\/\$bunfs\/root\//, ''))
    if (!m) throw new Error(`no module ${name} in the bundle`)
    return m
  }

  /** Modules whose text contains `needle`. */
  containing(needle: string): BunModule[] {
    return this.modules.filter((m) => m.text.includes(needle))
  }

  /** Whether any module has `value` as a string literal. */
  hasStringLiteral(value: string): boolean {
    const quoted = JSON.stringify(value)
    return this.modules.some((m) => m.text.includes(quoted))
  }

  /**
   * Where `id` gets its value in `module`: a top-level `var|let|const|, id=` in that module, or the definition in the
   * module it is imported from. Returns the module and the offset of the value.
   */
  definition(module: BunModule, id: string, seen = new Set<string>()): { module: BunModule; at: number } {
    const key = `${module.name}#${id}`
    if (seen.has(key)) throw new Error(`import cycle resolving ${id} in ${module.name}`)
    seen.add(key)
    const escaped = id.replace(/\$/g, '\\$')
    const local = [...module.text.matchAll(new RegExp(`(?:\\bvar |\\blet |\\bconst |,)${escaped}=(?!=)`, 'g'))]
    if (local.length > 0) return { module, at: local[0]!.index + local[0]![0].length }
    for (const m of module.text.matchAll(/import\{([^}]*)\}from"([^"]+)"/g)) {
      for (const spec of m[1]!.split(',')) {
        const [exported, local2] = spec.includes(' as ') ? spec.split(' as ').map((s) => s.trim()) : [spec.trim(), spec.trim()]
        if (local2 === id) return this.exported(this.module(m[2]!), exported!, seen)
      }
    }
    throw new Error(`cannot find where ${id} is defined in ${module.name}`)
  }

  private exported(module: BunModule, name: string, seen: Set<string>): { module: BunModule; at: number } {
    for (const m of module.text.matchAll(/export\{([^}]*)\}/g)) {
      for (const spec of m[1]!.split(',')) {
        const [local, exported] = spec.includes(' as ') ? spec.split(' as ').map((s) => s.trim()) : [spec.trim(), spec.trim()]
        if (exported === name) return this.definition(module, local!, seen)
      }
    }
    return this.definition(module, name, seen)
  }

  /**
   * The strings an expression in `module` stands for: a string literal, an identifier bound to one, an array or
   * `new Set([...])` of them (with spreads), `import.meta.require("m").NAME`, `param==="x"?[...]:[]` with `param`
   * bound in `env`, or a call `f("x")` of a function that returns one of these. Throws when an item is none of these.
   */
  strings(module: BunModule, expression: string, env: Readonly<Record<string, string>> = {}): string[] {
    const e = expression.trim()
    const literal = stringValue(e)
    if (literal !== undefined) return [literal]
    if (e.startsWith('...')) return this.strings(module, e.slice(3), env)
    const required = /^import\.meta\.require\("([^"]+)"\)\.([\w$]+)$/.exec(e)
    if (required) {
      const target = this.module(required[1]!)
      const at = this.exported(target, required[2]!, new Set())
      return this.valueAt(at.module, at.at, env)
    }
    const conditional = /^([\w$]+(?:===|!==)"[^"]*")\?(\[.*\]):(\[.*\])$/s.exec(e)
    if (conditional) return this.strings(module, decide(conditional[1]!, env) ? conditional[2]! : conditional[3]!, env)
    const call = /^([\w$]+)\("([^"]*)"\)$/.exec(e)
    if (call) return this.callStrings(module, call[1]!, call[2]!)
    if (e.startsWith('[')) return items(e, 0).flatMap((item) => this.strings(module, item, env))
    const set = /^new Set\(/.exec(e)
    if (set) return e.slice(8, -1).trim() === '' ? [] : this.strings(module, e.slice(8, -1), env)
    if (/^[\w$]+$/.test(e)) {
      const at = this.definition(module, e)
      return this.valueAt(at.module, at.at, env)
    }
    throw new Error(`cannot read strings from \`${e.slice(0, 80)}\` in ${module.name}`)
  }

  /** The strings of the value that starts at `at` in `module` (see `strings`). */
  valueAt(module: BunModule, at: number, env: Readonly<Record<string, string>> = {}): string[] {
    const text = module.text
    const c = text[at]
    if (c === '"' || c === "'") return [stringValue(text.slice(at, skipString(text, at)))!]
    if (c === '[') return this.strings(module, text.slice(at, matchingEnd(text, at)), env)
    if (text.startsWith('new Set(', at)) return this.strings(module, text.slice(at, matchingEnd(text, at + 7)), env)
    const id = /^[\w$.]+(?:\("[^"]*"\)(?:\.[\w$]+)?)?/.exec(text.slice(at))
    if (id) return this.strings(module, id[0], env)
    throw new Error(`cannot read the value at ${module.name}:${at} (\`${text.slice(at, at + 40)}\`)`)
  }

  /** The strings `f(argument)` returns, for `function f(p){return <expression>}` in (or imported into) `module`. */
  private callStrings(module: BunModule, name: string, argument: string): string[] {
    const at = this.definitionOfFunction(module, name)
    const text = at.module.text
    const header = new RegExp(`function ${name.replace(/\$/g, '\\$')}\\(([\\w$]+)\\)\\{return `).exec(
      text.slice(at.at - `function ${name}(`.length),
    )
    if (!header) throw new Error(`function ${name} in ${at.module.name} does not return an expression`)
    const start = at.at - `function ${name}(`.length + header[0].length
    const end = text.startsWith('new Set(', start) ? matchingEnd(text, start + 7) : matchingEnd(text, start)
    return this.strings(at.module, text.slice(start, end), { [header[1]!]: argument })
  }

  private definitionOfFunction(module: BunModule, name: string): { module: BunModule; at: number } {
    const i = module.text.indexOf(`function ${name}(`)
    if (i !== -1) return { module, at: i + `function ${name}(`.length }
    for (const m of module.text.matchAll(/import\{([^}]*)\}from"([^"]+)"/g)) {
      for (const spec of m[1]!.split(',')) {
        const [exported, local] = spec.includes(' as ') ? spec.split(' as ').map((s) => s.trim()) : [spec.trim(), spec.trim()]
        if (local === name) return this.definitionOfFunction(this.module(m[2]!), exported!)
      }
    }
    throw new Error(`cannot find function ${name} in ${module.name}`)
  }
}

/** Decides `param==="x"` or `param!=="x"` with `param` bound in `env`. */
function decide(condition: string, env: Readonly<Record<string, string>>): boolean {
  const m = /^([\w$]+)(===|!==)"([^"]*)"$/.exec(condition.trim())
  if (!m || env[m[1]!] === undefined) throw new Error(`cannot decide the condition \`${condition}\``)
  return (env[m[1]!] === m[3]) === (m[2] === '===')
}
