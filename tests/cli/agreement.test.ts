// What Claude Code silently does with each broken fixture (tests/fixtures-cli/broken/), observed in one CLI run per
// install mode; docs/runtime/agreement.json must equal the fresh observation, so the README table cannot drift.
// Regenerate it with `npx tsx scripts/harness/agreement.ts --write`.

import fs from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { AGREEMENT_FILE, DEFECTS, observeAgreement, type AgreementRow } from '../../scripts/harness/agreement.ts'

let observed: AgreementRow[] = []
let exitCodes: Array<number | null> = []

beforeAll(async () => {
  const { rows, outcomes } = await observeAgreement()
  observed = rows
  exitCodes = [outcomes.project.run.exitCode, outcomes.plugin.run.exitCode]
}, 90_000)

describe('runtime behaviour of the broken fixtures', () => {
  it('both CLI runs finished', () => {
    expect(exitCodes).toEqual([0, 0])
  })

  it('docs/runtime/agreement.json equals what the pinned CLI does now', () => {
    const committed = JSON.parse(fs.readFileSync(AGREEMENT_FILE, 'utf8')) as AgreementRow[]
    expect(committed, 'stale docs/runtime/agreement.json: run `npx tsx scripts/harness/agreement.ts --write`').toEqual(observed)
  })

  it.each(DEFECTS.map((d) => [d.fixture, d] as const))('%s: the runtime degrades it without failing the run', (_f, d) => {
    const row = observed.find((r) => r.defect === d.defect)
    expect(row?.rule).toBe(d.rule)
    expect(row?.runtime).toMatch(/\S/)
  })
})
