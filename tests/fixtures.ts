import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Diagnostic } from '../scripts/lib/engine/diagnostics.ts'
import { json } from '../scripts/lib/reporters/json.ts'
import { relativePath } from '../scripts/lib/reporters/relative.ts'
import { validate } from '../scripts/lib/engine/run.ts'

export const fixturesRoot = new URL('./fixtures/', import.meta.url).pathname

/** Fixture folder name of a check: its id with `/` replaced by `-`. */
export const fixtureDir = (id: string) => id.replace(/\//g, '-')

export function cases(checkDir: string, kind: 'valid' | 'invalid'): string[] {
  const dir = join(fixturesRoot, checkDir, kind)
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => join(dir, d.name))
    : []
}

/** One line per diagnostic: `path:line:column severity rule-id message`, the format of expected.txt. */
export function formatUnix(diagnostics: Diagnostic[], cwd: string): string {
  return (
    diagnostics.map((d) => `${relativePath(d.file, cwd)}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`).join('\n') +
    (diagnostics.length ? '\n' : '')
  )
}

/** Validates a fixture case the way a user would: from inside it, with its own configuration if it has one. */
export function runCase(caseDir: string): { diagnostics: Diagnostic[]; text: string } {
  // A case is a root of its own ('.'), not part of this repository, whose git root lies above it.
  const { diagnostics } = validate({ cwd: caseDir, targets: caseTargets(caseDir) })
  return { diagnostics, text: formatUnix(diagnostics, caseDir) }
}

/**
 * Writes an expectation under UPDATE_FIXTURES=1, for review. It refuses to write one that holds fewer entries than
 * before (diagnostics, or fixed files): a rule that stopped reporting must fail, not rewrite its own expectations.
 * UPDATE_FIXTURES=shrink accepts a smaller expectation when that is the intent.
 */
function updateExpectation(file: string, actual: string, entries: (text: string) => number): void {
  if (!process.env.UPDATE_FIXTURES) return
  if (existsSync(file) && process.env.UPDATE_FIXTURES !== 'shrink') {
    const before = entries(readFileSync(file, 'utf8'))
    const after = entries(actual)
    if (after < before)
      throw new Error(
        `UPDATE_FIXTURES would shrink ${file} from ${before} to ${after} entries; rerun with UPDATE_FIXTURES=shrink if that is meant`,
      )
  }
  writeFileSync(file, actual)
}

const lineCount = (text: string) => text.split('\n').filter(Boolean).length

/** expected.txt is reviewed by hand; UPDATE_FIXTURES=1 writes it from the current output for review. */
export function expectedFor(caseDir: string, actual: string): string | null {
  const file = join(caseDir, 'expected.txt')
  updateExpectation(file, actual, lineCount)
  return existsSync(file) ? readFileSync(file, 'utf8') : null
}

/**
 * The rules besides its own that an invalid case is allowed to trip, from its `rules.txt` (one id per line, `#`
 * starts a comment): a case states what it exercises, so another rule's output cannot creep in unnoticed.
 */
export function declaredRules(caseDir: string): string[] {
  const file = join(caseDir, 'rules.txt')
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .sort()
}

/** `expected.fixed.txt`: each file `--fix` rewrote, under a `==> path <==` line, as it reads afterwards. */
export const expectedFixedFile = (caseDir: string) => join(caseDir, 'expected.fixed.txt')

export function expectedFixedFor(caseDir: string, actual: string): string | null {
  const file = expectedFixedFile(caseDir)
  if (actual !== '') updateExpectation(file, actual, (text) => text.split('\n').filter((l) => l.startsWith('==> ')).length)
  return existsSync(file) ? readFileSync(file, 'utf8') : null
}

/** The case's targets (targets.txt), else the case folder itself. */
export function caseTargets(caseDir: string): string[] {
  const targetsFile = join(caseDir, 'targets.txt')
  return existsSync(targetsFile) ? readFileSync(targetsFile, 'utf8').split('\n').filter(Boolean) : ['.']
}

/**
 * expected.json, when a case has one, holds the `--format json` output: the spans' ends, related locations and fix
 * edits, which expected.txt does not show. UPDATE_FIXTURES=1 rewrites it only where it already exists.
 */
export const expectedJsonFile = (caseDir: string) => join(caseDir, 'expected.json')

export function expectedJsonFor(caseDir: string, diagnostics: Diagnostic[]): { actual: string; expected: string } {
  const actual = json(diagnostics, { cwd: caseDir, color: false, fileCount: 0 })
  updateExpectation(expectedJsonFile(caseDir), actual, (text) => (JSON.parse(text) as unknown[]).length)
  return { actual, expected: readFileSync(expectedJsonFile(caseDir), 'utf8') }
}
