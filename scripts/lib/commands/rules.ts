import { parseArgs } from 'node:util'
import { checks } from '../checks/index.ts'
import type { CommandIO } from './io.ts'

/** The Claude Code release whose behaviour the `runtime` lines describe (the devDependency the CLI tests run). */
const PINNED_CLAUDE_CODE = '2.1.332'

/** Lists every rule with its default severity and why it exists. */
export async function runRules(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args: argv, strict: true, options: { format: { type: 'string', default: 'text' } } })
  if (values.format === 'json') {
    io.stdout(JSON.stringify(checks.map((c) => ({ id: c.id, defaultSeverity: c.defaultSeverity, fixable: Boolean(c.fixable), description: c.description, rationale: c.rationale, ...(c.runtime ? { runtime: c.runtime } : {}) })), null, 2) + '\n')
    return 0
  }
  for (const c of checks) {
    const runtime = c.runtime ? `  Claude Code ${PINNED_CLAUDE_CODE}: ${c.runtime}\n` : ''
    io.stdout(`${c.id}  (${c.defaultSeverity}${c.fixable ? ', fixable' : ''})\n  ${c.description}\n  ${c.rationale}\n${runtime}\n`)
  }
  return 0
}
