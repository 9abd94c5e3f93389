import { ConfigError } from './lib/config/config.ts'
import { colorByDefault } from './lib/commands/color.ts'
import { UsageError, type CommandIO } from './lib/commands/io.ts'
import { claudeCodeVersion } from './lib/model/vocabulary.ts'
import pkg from '../package.json' with { type: 'json' }

const usage = `Usage: backend-team <command> [options]

Commands:
  validate [paths...]   check agent, skill, command and plugin files (see validate --help)
  generate [paths...]   rewrite stale generated index tables
  rules [rule-id]       list the rules, or print one rule's description, options and docs
  install [target]      copy the pack into <target>/.claude/ or, with --user, ~/.claude/ (see install --help)
  update [target]       refresh files installed by install
  uninstall [target]    remove unchanged files installed by install
  init                  set up this repository: config, git hook, CI workflow (see init --help)
  check-result <contract> <file|->
                        check an agent's JSON result against a contract schema

Options: -h, --help, -v, --version
`

type Command = (argv: string[], io: CommandIO) => Promise<number>

/** Commands load lazily so `validate` never pays for the installer or the generator. */
const commands: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./lib/commands/validate.ts')).runValidate,
  rules: async () => (await import('./lib/commands/rules.ts')).runRules,
  generate: async () => (await import('./lib/commands/generate.ts')).runGenerate,
  install: async () => (await import('./lib/commands/install.ts')).runInstall,
  update: async () => (await import('./lib/commands/install.ts')).runUpdate,
  uninstall: async () => (await import('./lib/commands/install.ts')).runUninstall,
  init: async () => (await import('./lib/commands/init.ts')).runInit,
  'check-result': async () => (await import('./lib/commands/check-result.ts')).runCheckResult,
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage)
    return name ? 0 : 2
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`backend-team ${pkg.version} (vocabulary: Claude Code ${claudeCodeVersion})\n`)
    return 0
  }
  const load = commands[name]
  if (!load) {
    io.stderr(`backend-team: unknown command \`${name}\`\n\n${usage}`)
    return 2
  }
  try {
    return await (
      await load()
    )(rest, io)
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // Node's own argument errors run over several lines; the first says what is wrong.
      io.stderr(`backend-team ${name}: ${(error as Error).message.split('\n')[0]!}\n`)
      return 2
    }
    // A RuleContractError's message names the rule, so the report points at the check to fix.
    io.stderr(`backend-team ${name}: internal error: ${(error as Error)?.message ?? String(error)}\n`)
    if (process.env.BACKEND_TEAM_DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`)
    return 2
  }
}

export async function runFromProcess(): Promise<void> {
  // A reader that goes away (`backend-team rules | head -1`) is not an error: stop writing, keep the exit code.
  let stdoutClosed = false
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    stdoutClosed = true
  })
  const io: CommandIO = {
    cwd: process.cwd(),
    isTTY: colorByDefault(process.env, Boolean(process.stdout.isTTY)),
    stdout: (t) => void (stdoutClosed || process.stdout.write(t)),
    stderr: (t) => void process.stderr.write(t),
    readStdin: readStandardInput,
  }
  try {
    process.exitCode = await main(process.argv.slice(2), io)
  } catch (error) {
    process.stderr.write(`backend-team: internal error: ${(error as Error)?.message ?? String(error)}\n`)
    process.exitCode = 2
  }
}

/** Reads standard input up to `limit` bytes and one more, so a caller can tell it was longer without holding it all. */
async function readStandardInput(limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk)
    size += chunk.length
    if (size > limit) break
  }
  return Buffer.concat(chunks).subarray(0, limit + 1)
}
