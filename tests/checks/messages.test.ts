import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checks } from '../../scripts/lib/checks/index.ts'
import { placeholdersOf } from '../../scripts/lib/engine/messages.ts'
import { cases, fixturesRoot, runCase } from '../fixtures.ts'

/**
 * Message ids no fixture produces yet, each with why. The list may only shrink: a test fails when a listed id is
 * produced after all, so a new fixture cannot leave a stale entry behind.
 */
const notYetExercised: Record<string, string> = {
  'refs/broken-link:linkedOutside':
    "a fixture would need a link out of its own folder, which Stryker's sandbox cannot copy; tests/hostile-boundary.test.ts makes one at run time",
}

/** `ruleId:messageId` of every diagnostic of every invalid fixture. */
function producedMessages(): Set<string> {
  const produced = new Set<string>()
  for (const folder of readdirSync(fixturesRoot, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name.startsWith('_')) continue
    for (const caseDir of cases(folder.name, 'invalid'))
      for (const d of runCase(caseDir).diagnostics) if (d.messageId) produced.add(`${d.ruleId}:${d.messageId}`)
  }
  return produced
}

describe('rule messages', () => {
  it('every rule declares its messages, with ids in camelCase and placeholders that are names', () => {
    for (const check of checks) {
      const ids = Object.keys(check.messages)
      expect(ids.length, `${check.id} has no messages`).toBeGreaterThan(0)
      for (const id of ids) {
        expect(id, `${check.id}: message id`).toMatch(/^[a-z][a-zA-Z0-9]*$/)
        const template = check.messages[id]!
        expect(template.replace(/\{\{\s*[A-Za-z_]\w*\s*\}\}/g, ''), `${check.id}:${id} has a malformed placeholder`).not.toMatch(/\{\{/)
        expect(template.trim(), `${check.id}:${id} is empty`).not.toBe('')
        for (const name of placeholdersOf(template)) expect(name, `${check.id}:${id}`).toMatch(/^[a-z][a-zA-Z0-9]*$/)
      }
    }
  })

  it('every message of every rule is produced by an invalid fixture, as ESLint asks of a rule test', () => {
    const produced = producedMessages()
    const declared = checks.flatMap((c) => Object.keys(c.messages).map((id) => `${c.id}:${id}`))
    const missing = declared.filter((key) => !produced.has(key) && !Object.hasOwn(notYetExercised, key))
    expect(missing, 'messages no invalid fixture produces (add a fixture)').toEqual([])
    const stale = Object.keys(notYetExercised).filter((key) => produced.has(key) || !declared.includes(key))
    expect(stale, 'listed as not exercised, but a fixture produces it or the rule no longer has it').toEqual([])
  })
})
