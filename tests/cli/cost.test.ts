// The pack's context cost (scripts/cost.ts) through the real CLI: within budget, and docs/runtime/cost.json is fresh.

import fs from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { AGENT_LISTING_BUDGET_TOKENS, COST_FILE, measureCost, type CostReport } from '../../scripts/cost.ts'

let report: CostReport

beforeAll(async () => {
  report = await measureCost()
}, 90_000)

describe('context cost of the pack', () => {
  it(`the agent listing adds at most ${AGENT_LISTING_BUDGET_TOKENS} tokens to every main-thread request, in both modes`, () => {
    for (const [mode, m] of Object.entries(report.mainThread)) {
      expect(m.agentListing.tokens, `${mode} mode`).toBeGreaterThan(0)
      expect(m.agentListing.tokens, `${mode} mode: agent listing over budget`).toBeLessThanOrEqual(AGENT_LISTING_BUDGET_TOKENS)
    }
  })

  it(`the agent and skill listings together add at most ${AGENT_LISTING_BUDGET_TOKENS} tokens to every main-thread request, in both modes`, () => {
    for (const [mode, m] of Object.entries(report.mainThread)) {
      expect(m.skillListing.tokens, `${mode} mode`).toBeGreaterThan(0)
      expect(m.total.tokens, `${mode} mode: agent and skill listings over budget`).toBeLessThanOrEqual(AGENT_LISTING_BUDGET_TOKENS)
    }
  })

  it('every agent has a measured system prompt', () => {
    for (const a of report.agents) expect(a.systemPrompt.tokens, a.name).toBeGreaterThan(0)
  })

  it('docs/runtime/cost.json matches a fresh measurement', () => {
    const committed = JSON.parse(fs.readFileSync(COST_FILE, 'utf8')) as CostReport
    expect(committed, 'stale docs/runtime/cost.json: run `npx tsx scripts/cost.ts` (npm run cost)').toEqual(report)
  })
})
