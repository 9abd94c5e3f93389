// Context cost of the pack, measured through the real pinned Claude Code CLI (tsx scripts/cost.ts).
//
// - Main thread: what the pack adds to every main-thread request: its entries in the agent listing and in the skill
//   listing (the role:"system" context message), measured as the listing's growth over a run without the pack, in
//   both install modes (plugin ids carry the `backend-team:` prefix).
// - Each agent: its own listing entry, the system prompt it gets when dispatched (its body plus Claude Code's notes),
//   and the preloaded SKILL.md bodies in its first user message.
// Tokens are estimated as ceil(characters / 4): the CLI sends no /v1/messages/count_tokens request in -p runs (probed),
// so there is no server-side count to read, and the project has no tokenizer dependency.
//
// Writes docs/runtime/cost.json atomically (temp file + rename) with --write (the default when run directly; pass
// --check to compare with the committed file instead) and prints a table.

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PINNED_CLI_VERSION, REPO_ROOT } from './harness/claude-cli.ts'
import { agentListing, preloadedSkills, skillListing, systemBlocks } from './harness/observe.ts'
import { ORCHESTRATOR, idFor, readPack, type InstallMode } from './harness/pack.ts'
import { runDispatch, type DispatchOutcome } from './harness/scenarios.ts'

export const COST_FILE = path.join(REPO_ROOT, 'docs', 'runtime', 'cost.json')
/**
 * Budget from issue 4 for the agent descriptions, asserted on what the pack really adds to every main-thread request:
 * its whole agent-listing entries (id, description and "(Tools: …)"), in the costlier install mode.
 */
export const AGENT_LISTING_BUDGET_TOKENS = 3000
export const TOKEN_METHOD = 'chars/4 (ceil); the CLI sends no count_tokens request in -p runs'

export interface Size {
  bytes: number
  tokens: number
}

export function size(text: string): Size {
  return { bytes: Buffer.byteLength(text, 'utf8'), tokens: Math.ceil(text.length / 4) }
}

function sum(a: Size, b: Size): Size {
  return { bytes: a.bytes + b.bytes, tokens: a.tokens + b.tokens }
}

export interface CostReport {
  cli: string
  tokens: string
  budget: { agentListingTokens: number }
  /** The ten `description:` values alone (front matter, as YAML parses them), for comparison with the listing. */
  agentDescriptions: Size
  mainThread: Record<InstallMode, { agentListing: Size; skillListing: Size; total: Size }>
  agents: Array<{ name: string; listingEntry: Size; systemPrompt: Size; preloadedSkills: Size; firstRequestTotal: Size }>
  skills: Array<{ name: string; listingEntry: Size; body: Size }>
}

/** What the pack adds to a listing: the pack run's listing minus the baseline's (same header and built-in entries). */
function growth(withPack: string, baseline: string): Size {
  return {
    bytes: Buffer.byteLength(withPack, 'utf8') - Buffer.byteLength(baseline, 'utf8'),
    tokens: Math.ceil((withPack.length - baseline.length) / 4),
  }
}

/** One entry of a listing: from `- <id>: ` up to the next entry of a known id, or the end. */
function entry(listing: string, id: string, allIds: readonly string[]): string {
  const start = listing.indexOf(`\n- ${id}: `)
  if (start < 0) throw new Error(`${id} is not in the listing`)
  const ends = allIds.map((other) => listing.indexOf(`\n- ${other}`, start + 1)).filter((i) => i > start)
  const end = ends.length ? Math.min(...ends) : listing.length
  return listing.slice(start + 1, end)
}

export async function measureCost(packRoot: string = REPO_ROOT): Promise<CostReport> {
  const pack = readPack(packRoot)
  const empty = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'bt-empty-pack-'))
  try {
    const modes: InstallMode[] = ['project', 'plugin']
    const runs = await Promise.all([
      runDispatch({ mode: 'project', packRoot: empty, targets: [] }),
      ...modes.map((mode) => runDispatch({ mode, packRoot, targets: pack.agents.map((a) => idFor(mode, a.name)) })),
    ])
    const [baseline, project, plugin] = runs as [DispatchOutcome, DispatchOutcome, DispatchOutcome]
    for (const [label, o] of Object.entries({ baseline, project, plugin })) {
      if (o.run.exitCode !== 0 || !o.firstMain) throw new Error(`cost: ${label} CLI run failed (exit ${o.run.exitCode}): ${o.run.stderr}`)
    }
    const byMode: Record<InstallMode, DispatchOutcome> = { project, plugin }
    const mainThread = {} as CostReport['mainThread']
    for (const mode of modes) {
      const a = growth(agentListing(byMode[mode].firstMain!), agentListing(baseline.firstMain!))
      const s = growth(skillListing(byMode[mode].firstMain!), skillListing(baseline.firstMain!))
      mainThread[mode] = { agentListing: a, skillListing: s, total: sum(a, s) }
    }
    const agentIds = pack.agents.map((a) => a.name)
    const builtIns = ['claude', 'Explore', 'general-purpose', 'Plan', 'statusline-setup']
    const listing = agentListing(project.firstMain!)
    const agents = pack.agents.map((a) => {
      const sub = project.subagent.get(a.name)
      if (!sub) throw new Error(`cost: ${a.name} was not spawned`)
      const prompt = size(systemBlocks(sub).slice(2).join('\n'))
      const skills = [...preloadedSkills(sub).values()].reduce((acc, body) => sum(acc, size(body)), size(''))
      return {
        name: a.name,
        listingEntry: size(entry(listing, a.name, [...agentIds, ...builtIns])),
        systemPrompt: prompt,
        preloadedSkills: skills,
        firstRequestTotal: sum(prompt, skills),
      }
    })
    const sListing = skillListing(project.firstMain!)
    const skillIds = [...pack.skills.map((s) => s.dir), ...[...sListing.matchAll(/^- ([^\s:(]+)/gm)].map((m) => m[1]!)]
    const skills = pack.skills.map((s) => ({
      name: s.dir,
      listingEntry: size(entry(sListing, s.dir, skillIds)),
      body: size(s.body.trim()),
    }))
    return {
      cli: PINNED_CLI_VERSION,
      tokens: TOKEN_METHOD,
      budget: { agentListingTokens: AGENT_LISTING_BUDGET_TOKENS },
      agentDescriptions: size(pack.agents.map((a) => a.description).join('')),
      mainThread,
      agents,
      skills,
    }
  } finally {
    fs.rmSync(empty, { recursive: true, force: true })
  }
}

export function writeCostAtomic(report: CostReport, file: string = COST_FILE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(report, null, 2) + '\n')
  fs.renameSync(tmp, file)
}

export function formatCostTable(r: CostReport): string {
  const n = (x: number) => x.toLocaleString('en-US')
  const lines: string[] = []
  lines.push(`Context cost of the pack (Claude Code ${r.cli}; tokens = ${r.tokens})`, '')
  lines.push('| every main-thread request | agent listing | skill listing | total |', '|---|---:|---:|---:|')
  for (const [mode, m] of Object.entries(r.mainThread)) {
    lines.push(
      `| ${mode} mode | ${n(m.agentListing.bytes)} B / ${n(m.agentListing.tokens)} tok | ${n(m.skillListing.bytes)} B / ${n(m.skillListing.tokens)} tok | ${n(m.total.bytes)} B / ${n(m.total.tokens)} tok |`,
    )
  }
  const worst = Math.max(...Object.values(r.mainThread).map((m) => m.agentListing.tokens))
  lines.push(
    '',
    `agent descriptions alone: ${n(r.agentDescriptions.bytes)} B / ${n(r.agentDescriptions.tokens)} tok; the listing adds ids and "(Tools: …)"`,
  )
  lines.push(
    `agent listing budget: ${n(worst)} / ${n(r.budget.agentListingTokens)} tokens (${worst <= r.budget.agentListingTokens ? 'within' : 'OVER'})`,
    '',
  )
  lines.push('| agent | listing entry | system prompt | preloaded skills | first request |', '|---|---:|---:|---:|---:|')
  for (const a of r.agents) {
    lines.push(
      `| ${a.name}${a.name === ORCHESTRATOR ? ' (as subagent)' : ''} | ${n(a.listingEntry.tokens)} | ${n(a.systemPrompt.tokens)} | ${n(a.preloadedSkills.tokens)} | ${n(a.firstRequestTotal.tokens)} |`,
    )
  }
  if (r.skills.length) {
    lines.push('', '| skill | listing entry | SKILL.md body |', '|---|---:|---:|')
    for (const s of r.skills) lines.push(`| ${s.name} | ${n(s.listingEntry.tokens)} | ${n(s.body.tokens)} |`)
  }
  return lines.join('\n')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = await measureCost()
  console.log(formatCostTable(report))
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(COST_FILE) ? fs.readFileSync(COST_FILE, 'utf8') : ''
    if (committed !== JSON.stringify(report, null, 2) + '\n') {
      console.error(`\n${path.relative(process.cwd(), COST_FILE)} is stale: run tsx scripts/cost.ts`)
      process.exitCode = 1
    }
  } else {
    writeCostAtomic(report)
    console.log(`\nwrote ${path.relative(process.cwd(), COST_FILE)}`)
  }
  const worst = Math.max(...Object.values(report.mainThread).map((m) => m.agentListing.tokens))
  if (worst > AGENT_LISTING_BUDGET_TOKENS) process.exitCode = 1
}
