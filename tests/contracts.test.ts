// One consistent contract set (issue 13, review §3b/§3c): the schemas enforce what the prompts promise, and the
// orchestrator, its skill and the schemas use the same phase vocabulary and the same iteration rules. Each case starts
// from the pack's own contract example (a ```json contract=… block) and changes one thing.

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../scripts/harness/claude-cli.ts'
import { readBlocks } from './pack-code/blocks.ts'
import { validatorFor } from '../scripts/lib/model/schemas.ts'

type Json = Record<string, unknown>

/** The first ```json contract=<name> example of a pack file, parsed. */
function example(file: string, contract: string): Json {
  const block = readBlocks(REPO_ROOT, [file]).blocks.find((b) => b.lang === 'json' && b.meta.includes(`contract=${contract}`))
  if (!block) throw new Error(`${file} has no ${contract} example`)
  return JSON.parse(block.value) as Json
}

const specialist = () => example('agents/backend-developer.md', 'specialist-result')
const orchestrator = () => example('agents/backend-orchestrator.md', 'orchestrator-result')
const progress = () => example('skills/persisting-progress-across-sessions/SKILL.md', 'progress-state')

function valid(schema: string, doc: unknown): boolean {
  return validatorFor(`${schema}.schema.json`)(doc)
}

const read = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8')
const ORCHESTRATOR = 'agents/backend-orchestrator.md'
const SKILL = 'skills/orchestrating-multi-agent-workflows/SKILL.md'

describe('the schemas enforce the status rules', () => {
  it('the pack examples are valid to start from', () => {
    expect(valid('specialist-result', specialist())).toBe(true)
    expect(valid('orchestrator-result', orchestrator())).toBe(true)
    expect(valid('progress-state', progress())).toBe(true)
  })

  it('blocked requires blocked_reason, in all three contracts', () => {
    for (const [schema, doc] of [
      ['specialist-result', specialist()],
      ['orchestrator-result', orchestrator()],
      ['progress-state', progress()],
    ] as const) {
      expect(valid(schema, { ...doc, status: 'blocked' }), schema).toBe(false)
      expect(valid(schema, { ...doc, status: 'blocked', blocked_reason: 'test_failures' }), schema).toBe(true)
    }
  })

  it('needs_context requires at least one missing_context item', () => {
    expect(valid('specialist-result', { ...specialist(), status: 'needs_context' })).toBe(false)
    expect(valid('specialist-result', { ...specialist(), status: 'needs_context', missing_context: [] })).toBe(false)
    expect(valid('specialist-result', { ...specialist(), status: 'needs_context', missing_context: ['the table name'] })).toBe(true)
  })

  it('a skipped phase carries a reason; iterations stop at 4 and needs_context rounds at 2', () => {
    const withPhase = (change: Json) => {
      const doc = progress()
      const phases = doc.phases as Json[]
      return { ...doc, phases: [{ ...phases[0], ...change }, ...phases.slice(1)] }
    }
    expect(valid('progress-state', withPhase({ status: 'skipped' }))).toBe(false)
    expect(valid('progress-state', withPhase({ status: 'skipped', reason: 'No approved stack.' }))).toBe(true)
    expect(valid('progress-state', withPhase({ iterations: 4 }))).toBe(true)
    expect(valid('progress-state', withPhase({ iterations: 5 }))).toBe(false)
    expect(valid('progress-state', withPhase({ context_rounds: 2 }))).toBe(true)
    expect(valid('progress-state', withPhase({ context_rounds: 3 }))).toBe(false)
  })

  it('review gate state and BASE are stored in the progress file', () => {
    const { review_gates: _gates, ...noGates } = progress()
    const { base: _base, ...noBase } = progress()
    expect(valid('progress-state', noGates)).toBe(false)
    expect(valid('progress-state', noBase)).toBe(false)
  })

  it('dispatch-plan steps can carry isolation and model, and nothing unknown', () => {
    const step = { id: 'tests-unit', agent: 'backend-unit-test-engineer', phase: 'unit-tests', prompt: 'Objective: unit tests.' }
    const plan = (s: Json) => ({ ...orchestrator(), status: 'in_progress', dispatch_plan: [s] })
    expect(valid('orchestrator-result', plan({ ...step, isolation: 'worktree', model: 'opus' }))).toBe(true)
    expect(valid('orchestrator-result', plan({ ...step, isolation: 'remote' }))).toBe(false)
    expect(valid('orchestrator-result', plan({ ...step, retries: 2 }))).toBe(false)
  })
})

describe('one vocabulary across the orchestrator, its skill and the schemas', () => {
  const schemaPhases = (schema: string) =>
    (JSON.parse(read(`schemas/${schema}.schema.json`)) as { $defs: { phase: { enum: string[] } } }).$defs.phase.enum

  it('the phase names the orchestrator lists are the schemas’ phase enum, with no stray "testing"', () => {
    const line = /One phase vocabulary, used in prompts, the progress file and the result: ([^.]+)\./.exec(
      read(ORCHESTRATOR).replace(/\n/g, ' '),
    )?.[1]
    expect(line, 'the vocabulary sentence in section 6').toBeDefined()
    const listed = [...line!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1])
    expect(listed).toEqual(schemaPhases('progress-state'))
    expect(schemaPhases('orchestrator-result')).toEqual(schemaPhases('progress-state'))
    expect(schemaPhases('progress-state')).not.toContain('testing')
  })

  it('the status tables of the orchestrator and the skill agree on what counts as an iteration', () => {
    /** status -> the first word of its "counts as an iteration" cell, from the table whose header has that column. */
    const counting = (text: string) => {
      const rows = text.split('\n').filter((l) => /^\| `(complete|in_progress|needs_context|blocked)` \|/.test(l))
      return Object.fromEntries(
        rows.map((r) => {
          const cells = r.split('|').map((c) => c.trim())
          return [cells[1]!.replace(/`/g, ''), /^(yes|no|—)/.exec(cells[3]!)?.[1]]
        }),
      )
    }
    const expected = { complete: '—', in_progress: 'yes', needs_context: 'no', blocked: 'yes' }
    expect(counting(read(ORCHESTRATOR))).toEqual(expected)
    expect(counting(read(SKILL))).toEqual(expected)
  })

  it('both say the same about the retry cap and the resumed fix rounds', () => {
    for (const file of [ORCHESTRATOR, SKILL]) {
      const text = read(file).replace(/\s+/g, ' ')
      expect(text, file).toMatch(/three iterations on the owner's model \(the first and two fixes\)/)
      expect(text, file).toMatch(/Fix rounds 1 and 2 resume the writer/)
      expect(text, file).toMatch(/`SendMessage`/)
    }
  })
})
