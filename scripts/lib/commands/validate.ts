import { existsSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import picomatch from 'picomatch'
import { writeFileAtomic } from '../write/atomic-write.ts'
import { walk } from '../load/walk.ts'
import { decode, maxFileBytes, type ReadResult } from '../load/read-source.ts'
import { formats, loadReporter, type Format } from '../reporters/index.ts'
import { relativePath } from '../reporters/relative.ts'
import { checks } from '../checks/index.ts'
import { validate } from '../engine/run.ts'
import { validateStaged } from '../git/validate-staged.ts'
import { UsageError, type CommandIO } from './io.ts'
import { parseOptions } from './parse-options.ts'
import { didYouMean } from '../check-support/suggest.ts'
import { plural } from '../reporters/plural.ts'

export const validateUsage = `Usage: backend-team validate [paths or globs...] [options]

Checks Claude Code agent, skill, command and plugin files. Paths may be folders (a plugin,
a marketplace, a project with .claude/, or a folder of agents and skills), single files, or
globs ('agents/*.md', quoted so the shell leaves them alone); with none, the working directory.

Options:
  -f, --format <name>       stylish (default), json, github or sarif
  -o, --output-file <file>  write the report to a file instead of standard output
  -c, --config <file>       configuration file (default: backend-team.config.json or package.json "backend-team")
  -q, --quiet               report errors only
  --user                    also check ~/.claude/settings.json (never read without this flag)
  --fix                     apply safe fixes (regenerates stale index tables, quotes YAML values)
  --max-warnings <n>        exit 1 when there are more than n warnings (-1: no limit, the default)
  --max-time <seconds>      stop checking after this long; file/time-limit names what was not checked (default 60)
  --stdin                   check standard input, as the file named by --stdin-filename (nothing is written)
  --stdin-filename <path>   the file standard input stands for, checked in that file's project
  --report-unused-disable-directives
                            warn about backend-team-disable comments that silence nothing
  --no-error-on-unmatched-pattern
                            exit 0 instead of 2 when a glob or the given folders hold no file to check
  --color, --no-color       force coloured or plain output (default: colour on a terminal; FORCE_COLOR and
                            NO_COLOR are honoured)
  --debug                   say on stderr which projects were checked and which given files were skipped
  --staged                  check what the next commit holds (the git index), not the working tree
  -h, --help                show this help
`

export const validateOptions = {
  format: { type: 'string', short: 'f', default: 'stylish' },
  'output-file': { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  quiet: { type: 'boolean', short: 'q', default: false },
  user: { type: 'boolean', default: false },
  fix: { type: 'boolean', default: false },
  'max-warnings': { type: 'string' },
  'max-time': { type: 'string' },
  stdin: { type: 'boolean', default: false },
  'stdin-filename': { type: 'string' },
  'report-unused-disable-directives': { type: 'boolean', default: false },
  'no-error-on-unmatched-pattern': { type: 'boolean', default: false },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  debug: { type: 'boolean', default: false },
  staged: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const

export async function runValidate(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, validateOptions)
  if (values.help) {
    io.stdout(validateUsage)
    return 0
  }
  const format = values.format as Format
  if (!formats.includes(format))
    throw new UsageError(`unknown format \`${values.format}\`${didYouMean(values.format, formats)}, expected one of ${formats.join(', ')}`)
  const maxWarnings = parseMaxWarnings(values['max-warnings'])
  const timeLimitMs = parseMaxTime(values['max-time'])
  const allowEmpty = values['no-error-on-unmatched-pattern']
  const stdin = values.stdin ? await readStdinAs(values['stdin-filename'], positionals, values.fix, io) : undefined
  if (!values.stdin && values['stdin-filename'] !== undefined) throw new UsageError('--stdin-filename needs --stdin')

  const targets = stdin ? [stdin.path] : expandGlobs(positionals, io.cwd, allowEmpty)
  // Every glob matched nothing: the working directory is not what was asked for.
  if (positionals.length > 0 && targets.length === 0) return allowEmpty ? 0 : nothingToCheck(positionals, io)
  const result = (values.staged ? validateStaged : validate)({
    cwd: io.cwd,
    targets,
    fix: values.fix,
    ...(values.user ? { user: true } : {}),
    ...(values.config ? { configPath: resolve(io.cwd, values.config) } : {}),
    ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
    ...(values['report-unused-disable-directives'] ? { reportUnusedDisableDirectives: true } : {}),
    ...(stdin ? { stdin } : {}),
  })
  if (result.missing.length > 0) throw new UsageError(`no such file or folder: ${result.missing.join(', ')}`)
  if (values.debug) {
    io.stderr(`backend-team: checked ${result.fileCount} files\n`)
    for (const file of result.skipped)
      io.stderr(
        `backend-team: skipped ${relativePath(file, io.cwd)}: not a file Claude Code loads as an agent, skill, command, plugin file or settings\n`,
      )
  }
  // Given files that are not Claude Code files (a pre-commit hook passing every staged file) are no reason to fail.
  if (result.fileCount === 0 && result.skipped.length === 0 && !allowEmpty) return nothingToCheck(positionals, io)

  const shown = values.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics
  const reporter = await loadReporter(format)
  const outputFile = values['output-file']
  // A report written to a file is plain unless colour is asked for: the file is not a terminal.
  const color = values['no-color'] ? false : (values.color ?? (outputFile ? false : io.isTTY))
  const report = reporter(shown, { cwd: io.cwd, color, fileCount: result.fileCount, rules: checks })
  if (outputFile) writeReport(resolve(io.cwd, outputFile), report)
  else io.stdout(report)

  const errors = result.diagnostics.filter((d) => d.severity === 'error').length
  const warnings = result.diagnostics.length - errors
  if (errors > 0) return 1
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    io.stderr(`backend-team: ${plural(warnings, 'warning')} found, more than --max-warnings ${maxWarnings}\n`)
    return 1
  }
  return 0
}

function parseMaxWarnings(value: string | undefined): number {
  if (value === undefined) return -1
  const n = Number(value)
  if (!Number.isInteger(n) || n < -1) throw new UsageError('--max-warnings takes a whole number ≥ 0, or -1 for no limit')
  return n
}

function parseMaxTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const seconds = Number(value)
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError('--max-time takes a number of seconds > 0')
  return seconds * 1000
}

/**
 * Replaces each glob among the targets with the files it matches under the working directory (a path that exists
 * is taken as it is, even with glob characters in its name). A glob that matches nothing is a usage error.
 */
export function expandGlobs(targets: string[], cwd: string, allowEmpty: boolean): string[] {
  const out: string[] = []
  for (const target of targets) {
    const scan = picomatch.scan(target)
    if (!scan.isGlob || existsSync(resolve(cwd, target))) {
      out.push(target)
      continue
    }
    const base = resolve(cwd, scan.base || '.')
    const matched = walk(base, [scan.glob]).map((f) => f.path)
    if (matched.length === 0 && !allowEmpty) throw new UsageError(`no files match \`${target}\``)
    out.push(...matched)
  }
  return out
}

function nothingToCheck(targets: string[], io: CommandIO): number {
  const where = targets.length > 0 ? targets.map((t) => `\`${t}\``).join(', ') : 'the working directory'
  io.stderr(`backend-team validate: nothing checked: no agent, skill, command, plugin or hooks file found in ${where}\n`)
  return 2
}

/** Reads standard input as the file an editor is showing; bounded like any file read (1 MiB). */
async function readStdinAs(
  filename: string | undefined,
  positionals: string[],
  fix: boolean,
  io: CommandIO,
): Promise<{ path: string; read: ReadResult }> {
  if (filename === undefined) throw new UsageError('--stdin needs --stdin-filename <path>: the checks depend on what the file is')
  if (positionals.length > 0) throw new UsageError('--stdin takes no paths; name the file with --stdin-filename')
  if (fix) throw new UsageError('--stdin checks text that is not a file: --fix has nothing to write to')
  if (!io.readStdin) throw new UsageError('--stdin: standard input is not available')
  const path = resolve(io.cwd, filename)
  if (!existsSync(path)) throw new UsageError(`--stdin-filename: no such file \`${filename}\` (name the file the text belongs to)`)
  const bytes = await io.readStdin(maxFileBytes)
  const read: ReadResult =
    bytes.length > maxFileBytes
      ? { ok: false, problem: 'too-large', detail: `more than ${maxFileBytes} bytes on standard input`, bytes: bytes.length }
      : decode(bytes)
  return { path, read }
}

function writeReport(path: string, report: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileAtomic(path, report)
  } catch (error) {
    throw new UsageError(`--output-file: cannot write ${path}: ${(error as Error).message}`)
  }
}
