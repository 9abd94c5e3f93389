import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, realpathSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { writeFileAtomic } from '../write/atomic-write.ts'
import { hookKinds, planInit, type HookKind, type Step } from '../init/plan.ts'
import { UsageError, type CommandIO } from './io.ts'

export const initUsage = `Usage: backend-team init [options]

Sets up the git repository you are in for backend-team, in one step and safe to run again:
a configuration file, a pre-commit hook that validates each commit as staged, a GitHub Actions
workflow (annotations and a SARIF upload for code scanning) and, if asked, a Claude Code hook
that validates an agent or skill as soon as Claude edits it. It never overwrites a file you
wrote: it merges into package.json and .claude/settings.json, and when a file it would write is
yours, it writes nothing and says what to add (exit 1).

Options:
  --hook <kind>    git (default), simple-git-hooks, husky, lint-staged or pre-commit
  --no-hook        no git hook
  --claude-hook    also add the Claude Code PostToolUse hook (.claude/settings.json)
  --dry-run        print the plan and change nothing (exits as the real run would)
  -h, --help       show this help
`

const symbols: Record<Step['action'], string> = { create: 'create   ', update: 'update   ', unchanged: 'unchanged', conflict: 'conflict ' }

// eslint-disable-next-line @typescript-eslint/require-await -- every command has the same async signature
export async function runInit(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      hook: { type: 'string' },
      'no-hook': { type: 'boolean', default: false },
      'claude-hook': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    io.stdout(initUsage)
    return 0
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument \`${positionals[0]}\`: init sets up the repository you are in`)
  if (values.hook !== undefined && !(hookKinds as readonly string[]).includes(values.hook))
    throw new UsageError(`unknown hook \`${values.hook}\`, expected one of ${hookKinds.join(', ')}`)
  if (values.hook !== undefined && values['no-hook']) throw new UsageError('--hook and --no-hook cannot be combined')
  const root = topLevel(io.cwd)
  const steps = planInit({
    root,
    hook: values['no-hook'] ? null : ((values.hook as HookKind | undefined) ?? 'git'),
    claudeHook: values['claude-hook'],
  })
  for (const step of steps) io.stdout(`${symbols[step.action]}  ${step.path}  ${step.reason}\n`)
  const conflicts = steps.filter((s) => s.action === 'conflict')
  if (conflicts.length > 0) {
    io.stderr(`backend-team init: ${conflicts.length === 1 ? 'a file is' : `${conflicts.length} files are`} yours; nothing was written\n`)
    return 1
  }
  if (values['dry-run']) return 0
  for (const step of steps) {
    if ((step.action !== 'create' && step.action !== 'update') || step.text === undefined) continue
    const path = join(root, step.path)
    mkdirSync(dirname(path), { recursive: true })
    writeFileAtomic(path, step.text)
    if (step.executable) chmodSync(path, 0o755)
  }
  return 0
}

function topLevel(cwd: string): string {
  try {
    return realpathSync(
      execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    )
  } catch {
    throw new UsageError('init sets up a git repository: run `git init` first, or run init inside one')
  }
}
