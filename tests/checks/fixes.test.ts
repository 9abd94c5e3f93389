import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checks } from '../../scripts/lib/checks/index.ts'
import { validate } from '../../scripts/lib/engine/run.ts'
import { caseTargets, cases, expectedFixedFor, fixtureDir } from '../fixtures.ts'

// As ESLint's RuleTester asks `output` of each invalid case: for a fixable rule, every invalid case states what
// `--fix` makes of it (expected.fixed.txt), and the fixed files, linted again, hold none of the problems the rule
// can fix.
const copies: string[] = []
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true })
})

/** A copy of the case to fix, links kept as links. */
function copyOf(caseDir: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'bt-fix-')), 'case')
  copies.push(dir)
  cpSync(caseDir, dir, { recursive: true, verbatimSymlinks: true })
  return dir
}

for (const check of checks.filter((c) => c.fixable)) {
  describe(check.id, () => {
    for (const caseDir of cases(fixtureDir(check.id), 'invalid')) {
      it(`invalid: ${caseDir.split('/').pop()} is fixed as expected.fixed.txt says`, () => {
        const dir = copyOf(caseDir)
        const targets = caseTargets(caseDir)
        const first = validate({ cwd: dir, targets })
        const fixable = first.diagnostics.filter((d) => d.ruleId === check.id && d.fix)
        const fixed = validate({ cwd: dir, targets, fix: true })
        const actual = fixed.fixedFiles
          .map((path) => relative(dir, path).split('\\').join('/'))
          .sort()
          .map((rel) => `==> ${rel} <==\n${readFileSync(join(dir, rel), 'utf8')}`)
          .join('')
        const expected = expectedFixedFor(caseDir, actual)
        if (fixable.length === 0) {
          // A case whose problems have no fix: --fix must leave it as it is.
          expect(fixed.fixedFiles).toEqual([])
          expect(expected, `${caseDir}/expected.fixed.txt for a case with nothing to fix`).toBeNull()
          return
        }
        expect(expected, `${caseDir}/expected.fixed.txt is missing`).not.toBeNull()
        expect(actual).toBe(expected)
        const after = fixed.diagnostics.filter((d) => d.ruleId === check.id && d.fix)
        expect(after, 'problems the rule can still fix after --fix').toEqual([])
      })
    }
  })
}
