/**
 * The validator's fuzzing properties, shared by `npm test` (a few hundred cases) and `npm run fuzz` (10,000 or more):
 * validate() never throws, puts every diagnostic in a file of the case at a line and column inside it, never prints
 * the outside files' content, and gives the same output whatever order the files are named in. `npm run fuzz` also
 * bounds the time per file (`npm test` asserts no wall-clock time).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { decode } from '../lib/load/read-source.ts'
import { validate } from '../lib/engine/run.ts'
import { outsideMarker, type FuzzCase, type FuzzLink } from './generators.ts'

/** Makes a link of the case; the outside targets live in `outside`, beside the project. */
function makeLink(root: string, outside: string, link: FuzzLink): void {
  const at = join(root, link.path)
  mkdirSync(dirname(at), { recursive: true })
  const target =
    link.target === 'outside-file'
      ? join(outside, 'agent.md')
      : link.target === 'outside-folder'
        ? outside
        : link.target === 'missing'
          ? join(root, 'no-such-file')
          : link.target === 'loop'
            ? at
            : join(root, link.target.inside)
  symlinkSync(target, at)
}

/** Line count and line lengths of a file as SourceText sees it: \n, \r\n and a lone \r end lines. */
function lineLengths(content: string | Uint8Array): number[] {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content
  const read = decode(bytes)
  const text = read.ok ? read.text : ''
  return text.split(/\r\n|\n|\r/).map((line) => line.length)
}

/** Runs one case; throws an Error describing the first broken property. */
export function checkCase(testCase: FuzzCase, limits: { msPerFile?: number } = {}): void {
  const base = mkdtempSync(join(tmpdir(), 'bt-fuzz-'))
  const root = join(base, 'project')
  const outside = join(base, 'outside')
  try {
    mkdirSync(join(root, '.git'), { recursive: true })
    // The user's other files: an agent, a skill and a folder of agents, all holding the marker.
    const outsideAgent = `---\nname: ${outsideMarker}\ndescription: ${outsideMarker}\n${outsideMarker}: 1\n---\n\n[x](${outsideMarker}.md)\n`
    for (const path of ['agent.md', 'agents/a.md', 's/SKILL.md', 'skills/s/SKILL.md', 'README.md']) {
      mkdirSync(dirname(join(outside, path)), { recursive: true })
      writeFileSync(join(outside, path), outsideAgent)
    }
    const lengths = new Map<string, number[]>()
    for (const file of testCase.files) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true })
      writeFileSync(join(root, file.path), file.content)
      lengths.set(file.path, lineLengths(file.content))
    }
    for (const link of testCase.links ?? []) makeLink(root, outside, link)
    const linkPaths = (testCase.links ?? []).map((l) => l.path)
    const paths = testCase.files.map((f) => join(root, f.path))

    const started = performance.now()
    const whole = validate({ cwd: root, targets: [] })
    const elapsed = performance.now() - started
    if (limits.msPerFile !== undefined && elapsed > limits.msPerFile * testCase.files.length)
      throw new Error(`run took ${elapsed.toFixed(0)} ms for ${testCase.files.length} files`)

    for (const d of whole.diagnostics) {
      const rel = relative(root, d.file).split('\\').join('/')
      if (JSON.stringify(d).includes(outsideMarker)) throw new Error(`outside content printed: ${rel}:${d.line} ${d.ruleId} ${d.message}`)
      if (rel.startsWith('..')) throw new Error(`diagnostic outside the project: ${rel} (${d.ruleId})`)
      if (linkPaths.some((l) => rel === l || rel.startsWith(`${l}/`))) continue
      const lines = lengths.get(rel)
      if (!lines) throw new Error(`diagnostic in a file that is not part of the case: ${rel} (${d.ruleId})`)
      const where = `${rel}:${d.line}:${d.column} ${d.ruleId}`
      if (!Number.isInteger(d.line) || d.line < 1 || d.line > lines.length)
        throw new Error(`line outside the file (${lines.length} lines): ${where}`)
      const length = lines[d.line - 1]!
      if (!Number.isInteger(d.column) || d.column < 1 || d.column > length + 1)
        throw new Error(`column outside line ${d.line} (${length} characters): ${where}`)
    }

    const forward = validate({ cwd: root, targets: paths })
    const backward = validate({ cwd: root, targets: [...paths].reverse() })
    const a = JSON.stringify(forward.diagnostics)
    const b = JSON.stringify(backward.diagnostics)
    if (a !== b) throw new Error(`output depends on file order:\n${a.slice(0, 2000)}\n---\n${b.slice(0, 2000)}`)
  } finally {
    rmSync(base, { recursive: true, force: true })
  }
}
