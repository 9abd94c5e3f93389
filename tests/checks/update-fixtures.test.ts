import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { expectedFor, expectedJsonFor } from '../fixtures.ts'

const dirs: string[] = []
afterEach(() => {
  vi.unstubAllEnvs()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function caseWith(expected: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bt-update-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'expected.txt'), expected)
  writeFileSync(join(dir, 'expected.json'), '[{}, {}]\n')
  return dir
}

describe('UPDATE_FIXTURES cannot make a rule that stopped reporting pass', () => {
  it('refuses to shrink expected.txt or expected.json, and leaves them as they were', () => {
    vi.stubEnv('UPDATE_FIXTURES', '1')
    const dir = caseWith('a.md:1:1 error r/x One\na.md:2:1 error r/x Two\n')
    expect(() => expectedFor(dir, 'a.md:1:1 error r/x One\n')).toThrow(/would shrink .*expected\.txt from 2 to 1 entries/)
    expect(readFileSync(join(dir, 'expected.txt'), 'utf8')).toContain('Two')
    expect(() => expectedJsonFor(dir, [])).toThrow(/would shrink .*expected\.json from 2 to 0/)
  })

  it('writes an expectation that keeps or grows its entries, and a smaller one under UPDATE_FIXTURES=shrink', () => {
    vi.stubEnv('UPDATE_FIXTURES', '1')
    const dir = caseWith('a.md:1:1 error r/x One\n')
    expect(expectedFor(dir, 'a.md:1:1 error r/x One, reworded\n')).toBe('a.md:1:1 error r/x One, reworded\n')
    vi.stubEnv('UPDATE_FIXTURES', 'shrink')
    expect(expectedFor(dir, '')).toBe('')
  })
})
