import { describe, expect, it } from 'vitest'
import { defineCheck, type Check, type RuleReport } from '../../scripts/lib/engine/check.ts'
import { pointAt } from '../../scripts/lib/engine/diagnostics.ts'
import { RuleContractError } from '../../scripts/lib/engine/report-contract.ts'
import { validate } from '../../scripts/lib/engine/run.ts'
import { agent, project } from './helpers.ts'

/** A file check that reports once per agent with what `make` builds, to break one rule of the contract at a time. */
const breaking = (make: (path: string) => RuleReport<'found'>, fixable = false): Check =>
  defineCheck({
    id: 'test/breaks-contract',
    description: 'A check that breaks the contract',
    rationale: 'Only for the engine tests.',
    defaultSeverity: 'error',
    scope: 'project',
    messages: { found: 'Found {{what}}' },
    ...(fixable ? { fixable } : {}),
    check({ project: p, report }) {
      for (const a of p.agents) report(make(a.file.path))
    },
  })

describe('the engine is loud about broken checks', () => {
  const root = project({ 'agents/a.md': agent('a') })
  const run = (check: Check) => () => validate({ cwd: root, targets: [], checks: [check] })

  it('throws, naming the rule, for a report without a file', () => {
    expect(run(breaking(() => ({ messageId: 'found', data: { what: 'x' }, at: pointAt(1) })))).toThrow(RuleContractError)
    expect(run(breaking(() => ({ messageId: 'found', data: { what: 'x' }, at: pointAt(1) })))).toThrow(
      /rule test\/breaks-contract .*a report without a file/,
    )
  })

  it('throws for a fix from a rule not marked fixable, and accepts it from a fixable one', () => {
    const withFix = (path: string): RuleReport<'found'> => ({
      file: path,
      messageId: 'found',
      data: { what: 'x' },
      at: pointAt(1),
      fix: [{ start: 0, end: 0, text: '' }],
    })
    expect(run(breaking(withFix))).toThrow(/a fix from a rule not marked fixable/)
    expect(run(breaking(withFix, true))().diagnostics.map((d) => d.ruleId)).toEqual(['test/breaks-contract'])
  })

  it('throws for a position outside the file or a span that ends before it starts', () => {
    expect(run(breaking((path) => ({ file: path, messageId: 'found', data: { what: 'x' }, at: pointAt(500) })))).toThrow(
      /a position outside .*a\.md \(500:1\)/,
    )
    expect(
      run(
        breaking((path) => ({
          file: path,
          messageId: 'found',
          data: { what: 'x' },
          at: { line: 1, column: 999, endLine: 1, endColumn: 999 },
        })),
      ),
    ).toThrow(/a position outside/)
    expect(
      run(
        breaking((path) => ({ file: path, messageId: 'found', data: { what: 'x' }, at: { line: 2, column: 1, endLine: 1, endColumn: 1 } })),
      ),
    ).toThrow(/ends before it starts/)
    expect(
      run(
        breaking((path) => ({ file: path, messageId: 'found', data: { what: 'x' }, at: { line: 0, column: 1, endLine: 1, endColumn: 1 } })),
      ),
    ).toThrow(/not 1-based/)
  })

  it('fills a message from its data, and throws for an unknown message id or a placeholder without data', () => {
    const found = run(breaking((path) => ({ file: path, messageId: 'found', data: { what: 'a `tools` key' }, at: pointAt(1) })))()
    expect(found.diagnostics.map((d) => [d.messageId, d.message])).toEqual([['found', 'Found a `tools` key']])
    // Casts stand for a rule written in JavaScript, or one whose types were bypassed: the engine still catches it.
    expect(run(breaking((path) => ({ file: path, messageId: 'lost' as 'found', at: pointAt(1) })))).toThrow(
      /rule test\/breaks-contract .*unknown message id `lost`/,
    )
    expect(run(breaking((path) => ({ file: path, messageId: 'found', data: { other: 1 }, at: pointAt(1) })))).toThrow(
      /message `found` without data for `\{\{what\}\}`/,
    )
    expect(run(breaking((path) => ({ file: path, messageId: 'found', at: pointAt(1) })))).toThrow(/without data for/)
  })
})
