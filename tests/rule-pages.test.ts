import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checks } from '../scripts/lib/checks/index.ts'
import { expectedPages, repoRoot, ruleHomes } from '../scripts/docs/rule-pages.ts'

describe('a page per rule', () => {
  const pages = expectedPages(checks)

  it('every rule has its module, fixtures and page where its id says', () => {
    for (const check of checks) {
      const homes = ruleHomes(check.id)
      for (const path of [homes.module, homes.fixtures, homes.page])
        expect(existsSync(join(repoRoot, path)), `${check.id}: ${path}`).toBe(true)
    }
  })

  it('every page is up to date with its rule and fixtures (run npm run docs:rules)', () => {
    for (const [path, text] of pages) expect(readFileSync(join(repoRoot, path), 'utf8'), path).toBe(text)
  })

  it('no page is left for a rule that no longer exists', () => {
    const onDisk: string[] = []
    const visit = (dir: string, prefix: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) visit(join(dir, entry.name), `${prefix}${entry.name}/`)
        else onDisk.push(`docs/rules/${prefix}${entry.name}`)
      }
    }
    visit(join(repoRoot, 'docs', 'rules'), '')
    expect(onDisk.filter((p) => !pages.has(p))).toEqual([])
  })
})
