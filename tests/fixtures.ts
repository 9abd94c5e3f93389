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
  const targetsFile = join(caseDir, 'targets.txt')
  // A case is a root of its own ('.'), not part of this repository, whose git root lies above it.
  const targets = existsSync(targetsFile) ? readFileSync(targetsFile, 'utf8').split('\n').filter(Boolean) : ['.']
  const { diagnostics } = validate({ cwd: caseDir, targets })
  return { diagnostics, text: formatUnix(diagnostics, caseDir) }
}

/** expected.txt is reviewed by hand; UPDATE_FIXTURES=1 writes it from the current output for review. */
export function expectedFor(caseDir: string, actual: string): string | null {
  const file = join(caseDir, 'expected.txt')
  if (process.env.UPDATE_FIXTURES) writeFileSync(file, actual)
  return existsSync(file) ? readFileSync(file, 'utf8') : null
}

/**
 * expected.json, when a case has one, holds the `--format json` output: the spans' ends, related locations and fix
 * edits, which expected.txt does not show. UPDATE_FIXTURES=1 rewrites it only where it already exists.
 */
export const expectedJsonFile = (caseDir: string) => join(caseDir, 'expected.json')

export function expectedJsonFor(caseDir: string, diagnostics: Diagnostic[]): { actual: string; expected: string } {
  const actual = json(diagnostics, { cwd: caseDir, color: false, fileCount: 0 })
  if (process.env.UPDATE_FIXTURES) writeFileSync(expectedJsonFile(caseDir), actual)
  return { actual, expected: readFileSync(expectedJsonFile(caseDir), 'utf8') }
}
