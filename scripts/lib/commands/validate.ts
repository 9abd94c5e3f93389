import { parseArgs } from 'node:util'
import { formats, loadReporter, type Format } from '../reporters/index.ts'
import { relativePath } from '../reporters/relative.ts'
import { validate } from '../run.ts'
import { UsageError, type CommandIO } from './io.ts'

export const validateUsage = `Usage: backend-team validate [paths...] [options]

Checks Claude Code agent, skill, command and plugin files. Paths may be folders (a plugin,
a marketplace, a project with .claude/, or a folder of agents and skills) or single files;
with none, the working directory.

Options:
  --format <name>       stylish (default), json, github or sarif
  --fix                 apply safe fixes (regenerates stale index tables, quotes YAML values)
  --max-warnings <n>    exit 1 when there are more than n warnings
  --quiet               report errors only
  --config <file>       configuration file (default: backend-team.config.json or package.json "backend-team")
  --max-time <seconds>  start no new file after this long and report the rest as file/time-limit (default 60)
  --no-color            plain output
  --debug               say on stderr which projects were checked and which given files were skipped
`

export async function runValidate(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      fix: { type: 'boolean', default: false },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      config: { type: 'string' },
      'max-time': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    io.stdout(validateUsage)
    return 0
  }
  const format = values.format as Format
  if (!formats.includes(format)) throw new UsageError(`unknown format \`${values.format}\`, expected one of ${formats.join(', ')}`)
  let maxWarnings = -1
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings'])
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings takes a whole number ≥ 0')
  }
  let timeLimitMs: number | undefined
  if (values['max-time'] !== undefined) {
    const seconds = Number(values['max-time'])
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError('--max-time takes a number of seconds > 0')
    timeLimitMs = seconds * 1000
  }
  const result = validate({ cwd: io.cwd, targets: positionals, fix: values.fix, ...(values.config ? { configPath: values.config } : {}), ...(timeLimitMs !== undefined ? { timeLimitMs } : {}) })
  if (result.missing.length > 0) throw new UsageError(`no such file or folder: ${result.missing.join(', ')}`)
  if (values.debug) {
    io.stderr(`backend-team: checked ${result.fileCount} files\n`)
    for (const file of result.skipped) io.stderr(`backend-team: skipped ${relativePath(file, io.cwd)}: not a file Claude Code loads as an agent, skill, command, plugin file or settings\n`)
  }
  const shown = values.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics
  const reporter = await loadReporter(format)
  const color = values['no-color'] ? false : values.color ?? io.isTTY
  io.stdout(reporter(shown, { cwd: io.cwd, color, fileCount: result.fileCount }))
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length
  const warnings = result.diagnostics.length - errors
  if (errors > 0) return 1
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    io.stderr(`backend-team: ${warnings} warnings found, more than --max-warnings ${maxWarnings}\n`)
    return 1
  }
  return 0
}
