import { checks } from '../checks/index.ts'
import { ruleDocsUrl } from '../reporters/rule-docs.ts'
import { didYouMean } from '../check-support/suggest.ts'
import { UsageError, type CommandIO } from './io.ts'
import { parseOptions } from './parse-options.ts'

/** The Claude Code release whose behaviour the `runtime` lines describe (the devDependency the CLI tests run). */
const pinnedClaudeCode = '2.1.332'

export const rulesUsage = `Usage: backend-team rules [rule-id] [options]

Lists every rule with its default severity, what it reports and why; with a rule id, prints that rule
with its options and the address of its page.

Options:
  -f, --format <name>   text (default) or json
  -h, --help            show this help
`

/** Lists every rule with its default severity and why it exists, or shows one rule. */
export const runRules = (argv: string[], io: CommandIO): Promise<number> => Promise.resolve(listRules(argv, io))

function listRules(argv: string[], io: CommandIO): number {
  const { values, positionals } = parseOptions(argv, {
    format: { type: 'string', short: 'f', default: 'text' },
    help: { type: 'boolean', short: 'h' },
  })
  if (values.help) {
    io.stdout(rulesUsage)
    return 0
  }
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError(`unknown format \`${values.format}\`, expected text or json`)
  if (positionals.length > 1) throw new UsageError('takes at most one rule id')
  const wanted = positionals[0]
  const selected = wanted === undefined ? checks : checks.filter((c) => c.id === wanted)
  if (selected.length === 0)
    throw new UsageError(
      `unknown rule \`${wanted}\`${didYouMean(
        wanted!,
        checks.map((c) => c.id),
      )}`,
    )
  const described = selected.map((c) => ({
    id: c.id,
    defaultSeverity: c.defaultSeverity,
    fixable: Boolean(c.fixable),
    description: c.description,
    rationale: c.rationale,
    ...(c.runtime ? { runtime: c.runtime } : {}),
    ...(c.optionsSchema ? { optionsSchema: c.optionsSchema } : {}),
    ...(ruleDocsUrl(c.id) ? { url: ruleDocsUrl(c.id) } : {}),
  }))
  if (values.format === 'json') {
    io.stdout(JSON.stringify(wanted === undefined ? described : described[0], null, 2) + '\n')
    return 0
  }
  for (const c of described) {
    const options = c.optionsSchema ? `\n  options: ${JSON.stringify(c.optionsSchema)}` : ''
    const url = wanted !== undefined && c.url ? `\n  docs: ${c.url}` : ''
    const runtime = c.runtime ? `\n  Claude Code ${pinnedClaudeCode}: ${c.runtime}` : ''
    io.stdout(
      `${c.id}  (${c.defaultSeverity}${c.fixable ? ', fixable' : ''})\n  ${c.description}\n  ${c.rationale}${runtime}${options}${url}\n\n`,
    )
  }
  return 0
}
