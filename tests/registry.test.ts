import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checks } from '../scripts/lib/checks/index.ts'
import { cases, fixtureDir, fixturesRoot } from './fixtures.ts'
import { RULE_EVIDENCE } from '../scripts/harness/rule-evidence.ts'

const checkFiles = readdirSync(new URL('../scripts/lib/checks/', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'index.ts')

describe('check registry', () => {
  it('lists every check module once, sorted by id', () => {
    const ids = checks.map((c) => c.id)
    expect(ids).toEqual([...ids].sort())
    expect(new Set(ids).size).toBe(ids.length)
    expect(checkFiles.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(ids.map(fixtureDir).sort())
  })

  it('gives every check an id of the form group/kebab-name and its docs', () => {
    for (const c of checks) {
      expect(c.id).toMatch(/^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(c.description.length).toBeGreaterThan(10)
      expect(c.rationale.length).toBeGreaterThan(20)
    }
  })

  it('has passing and failing fixtures for every check, and no fixture folder without a check', () => {
    for (const c of checks) {
      expect(cases(fixtureDir(c.id), 'valid').length, `${c.id} has no valid fixture`).toBeGreaterThan(0)
      expect(cases(fixtureDir(c.id), 'invalid').length, `${c.id} has no invalid fixture`).toBeGreaterThan(0)
    }
    const folders = readdirSync(fixturesRoot, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
    const known = new Set(checks.map((c) => fixtureDir(c.id)))
    expect(folders.filter((f) => !known.has(f) && !f.startsWith('_'))).toEqual([])
  })

  it('names, for every rule that defaults to error, the runtime behaviour and a real-CLI case that shows it', () => {
    const errorRules = checks.filter((c) => c.defaultSeverity === 'error').map((c) => c.id)
    for (const c of checks.filter((x) => x.defaultSeverity === 'error')) {
      expect(c.runtime?.length ?? 0, `${c.id} defaults to error but has no \`runtime\``).toBeGreaterThan(20)
    }
    // One case per error rule, and none for a rule that is no longer an error (demote the case with the rule).
    expect(RULE_EVIDENCE.map((e) => e.rule).sort()).toEqual(errorRules.sort())
  })
})
