import fc from 'fast-check'
import { parseDocument } from 'yaml'
import { describe, expect, it } from 'vitest'
import { parseSimpleFrontmatter } from '../../scripts/lib/load/simple-yaml.ts'

/** What the yaml package makes of `text` with the loader's options, or 'error'. */
function reference(text: string): unknown {
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, strict: true })
  return doc.errors.length > 0 ? 'error' : (doc.toJS() as unknown)
}

describe('the simple front-matter fast path', () => {
  it('reads the common shape as the yaml package does', () => {
    const text = [
      'name: backend-developer',
      'description: "Use when code changes.\\n<example>user: add \\"x\\"</example>"',
      'tools:',
      '  - Read',
      '  - Agent(backend-team:backend-reviewer)',
      "model: 'it''s sonnet'",
      '',
      'skills:',
      '- gateway-backend',
      'empty:',
      'color: blue',
    ].join('\n')
    const data = parseSimpleFrontmatter(text)
    expect(data).not.toBeNull()
    expect(data).toEqual(reference(text))
    expect(data!.empty).toBeNull()
  })

  // Each of these means something else to YAML than the text suggests, or is an error: the yaml package decides.
  it.each([
    ['a number', 'version: 1.0'],
    ['a boolean', 'enabled: true'],
    ['null', 'model: null'],
    ['a comment after a value', 'model: opus # the big one'],
    ['a flow list', 'tools: [Read, Grep]'],
    ['a nested mapping value', 'description: Use when: always'],
    ['a continued plain scalar', 'description: first\n  second'],
    ['a duplicate key', 'name: a\nname: b'],
    ['a key that is a keyword', 'true: x'],
    ['an escape the fast path does not know', 'description: "\\x41"'],
    ['an unclosed quote', 'description: "open'],
    ['a quote that ends early', 'description: "a" b"'],
    ['a lone single quote', "description: 'it's'"],
    ['items at two indents', 'tools:\n  - Read\n    - Grep'],
    ['an item with no list key', 'name: a\n  - Read'],
    ['an empty item', 'tools:\n  -'],
    ['a tab', 'name:\ta'],
    ['a carriage return', 'name: a\r\nmodel: b'],
    ['a byte-order mark', '\ufeffname: a'],
    ['an indented key', 'name: a\n  model: b'],
    ['a prototype key', '__proto__: x'],
    ['an anchor', 'name: &a x'],
    ['a block scalar', 'description: |\n  text'],
    ['a comment line', '# note\nname: a'],
  ])('leaves %s to the yaml package', (_what, text) => {
    expect(parseSimpleFrontmatter(text)).toBeNull()
  })

  it('agrees with the yaml package on every generated document it accepts', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/)
    const plain = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _.,;:()/+='"<>?@$%^~`|#!&*[\]{}-]{0,20}$/)
    const quoted = fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s))
    const single = fc.string({ maxLength: 20 }).map((s) => `'${s.replace(/'/g, "''")}'`)
    const value = fc.oneof(plain, quoted, single, fc.constantFrom('true', 'null', '1', '0x1', '.inf', '~', '-a', ''))
    const entry = fc.oneof(
      fc.tuple(word, value).map(([k, v]) => `${k}: ${v}`),
      fc
        .tuple(word, fc.array(value, { maxLength: 3 }), fc.constantFrom('', '  ', '    '))
        .map(([k, items, indent]) => `${k}:${items.map((v) => `\n${indent}- ${v}`).join('')}`),
    )
    let accepted = 0
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const text = entries.join('\n')
        const data = parseSimpleFrontmatter(text)
        if (data === null) return
        accepted++
        expect(data).toEqual(reference(text))
      }),
      { numRuns: 2000 },
    )
    // The property is only worth something if the fast path takes a fair share of the documents.
    expect(accepted).toBeGreaterThan(200)
  })
})
