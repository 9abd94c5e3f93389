import { existsSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cases, expectedJsonFile, expectedJsonFor, fixturesRoot, runCase } from '../fixtures.ts'

// expected.txt shows where each diagnostic starts; an invalid case that also carries expected.json pins the rest of
// what a check reports (where the span ends, related locations, fix edits) as the `--format json` output.
const ruleFolders = readdirSync(fixturesRoot, { withFileTypes: true }).filter((d) => d.isDirectory())

for (const folder of ruleFolders) {
  const detailed = cases(folder.name, 'invalid').filter((c) => existsSync(expectedJsonFile(c)))
  if (detailed.length === 0) continue
  describe(folder.name, () => {
    for (const caseDir of detailed) {
      it(`invalid: ${caseDir.split('/').pop()} (expected.json)`, () => {
        const { actual, expected } = expectedJsonFor(caseDir, runCase(caseDir).diagnostics)
        expect(actual).toBe(expected)
      })
    }
  })
}
