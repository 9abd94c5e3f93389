import { describe, expect, it } from 'vitest'
import { checks } from '../scripts/lib/checks/index.ts'
import { cases, declaredRules, expectedFor, fixtureDir, runCase } from './fixtures.ts'

for (const check of checks) {
  describe(check.id, () => {
    const dir = fixtureDir(check.id)
    for (const caseDir of cases(dir, 'valid')) {
      it(`valid: ${caseDir.split('/').pop()}`, () => {
        expect(runCase(caseDir).text).toBe('')
      })
    }
    for (const caseDir of cases(dir, 'invalid')) {
      it(`invalid: ${caseDir.split('/').pop()}`, () => {
        const { diagnostics, text } = runCase(caseDir)
        expect(
          diagnostics.some((d) => d.ruleId === check.id),
          `no ${check.id} diagnostic in:\n${text}`,
        ).toBe(true)
        const others = [...new Set(diagnostics.map((d) => d.ruleId).filter((id) => id !== check.id))].sort()
        expect(others, `rules this case trips besides ${check.id}; declare them in its rules.txt`).toEqual(declaredRules(caseDir))
        const expected = expectedFor(caseDir, text)
        expect(expected, `${caseDir}/expected.txt is missing`).not.toBeNull()
        expect(text).toBe(expected)
      })
    }
  })
}
