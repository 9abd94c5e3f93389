// The validator reports, for each broken fixture, the rule that docs/runtime/agreement.json pairs with what Claude
// Code silently does (see agreement.test.ts).

import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { AGREEMENT_FILE, BROKEN_DIR, DEFECTS, type AgreementRow } from '../../scripts/harness/agreement.ts'
import { REPO_ROOT } from '../../scripts/harness/claude-cli.ts'
import { checks } from '../../scripts/lib/checks/index.ts'

const run = promisify(execFile)

interface Diagnostic {
  file: string
  line: number
  column: number
  ruleId: string
  severity: string
  message: string
}

async function validate(dir: string): Promise<Diagnostic[]> {
  const bin = path.join(REPO_ROOT, 'bin', 'backend-team.js')
  let stdout: string
  try {
    ;({ stdout } = await run(process.execPath, [bin, 'validate', '--format', 'json', dir], { cwd: REPO_ROOT, timeout: 30_000 }))
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number }
    if (!e.stdout) throw new Error(`validate ${dir} failed (${e.code}): ${e.stderr}`)
    stdout = e.stdout
  }
  return JSON.parse(stdout) as Diagnostic[]
}

describe('the validator agrees with the runtime', () => {
  it.each(DEFECTS.map((d) => [d.fixture, d.rule, d] as const))('%s → %s', async (_f, _r, d) => {
    const dir = path.join(BROKEN_DIR, d.fixture)
    const diags = await validate(dir)
    const hit = diags.filter((x) => x.ruleId === d.rule)
    expect(checks.find((c) => c.id === d.rule)?.defaultSeverity).toBe(d.severity)
    if (d.severity === 'off') {
      // Claude Code runs it as written: the rule is off by default and says nothing.
      expect(hit).toEqual([])
      return
    }
    expect(
      hit.length,
      `validate ${path.relative(REPO_ROOT, dir)} did not report ${d.rule}; got ${JSON.stringify(diags.map((x) => x.ruleId))}`,
    ).toBeGreaterThan(0)
    expect(hit[0]!.file).toMatch(/agents\/[\w-]+\.md$/)
    expect(hit[0]!.severity).toBe(d.severity)
  })

  it('the committed agreement table names the same rules', () => {
    const committed = JSON.parse(fs.readFileSync(AGREEMENT_FILE, 'utf8')) as AgreementRow[]
    expect(committed.map((r) => r.rule)).toEqual(DEFECTS.map((d) => d.rule))
  })
})
