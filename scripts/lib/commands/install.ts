import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { applyPlan } from '../install/apply.ts'
import { realFileSystem, type FileSystem } from '../install/file-system.ts'
import { LockError, lockFileName, readLock, settleJournal } from '../install/lock.ts'
import { findPackageRoot, packageName, packageVersion } from '../install/package-root.ts'
import { readPack, packFolders } from '../install/pack.ts'
import { blocked, makePlan, type Command } from '../install/plan.ts'
import { formatConflicts, formatPlan, formatResult, type ReportContext } from '../install/report.ts'
import { defaultTarget } from '../install/target.ts'
import { UsageError, type CommandIO } from './io.ts'

const usages: Record<Command, string> = {
  install: `Usage: backend-team install [target] [--dry-run] [--force]

Copies the pack's agents/ and skills/ into <target>/.claude/ (default: the git work tree you are in,
else the current folder) and records each file's sha256 in .claude/${lockFileName}.
Before writing anything it lists every conflict: a file it would overwrite that it did not install or
that you changed since, and agents or skills with the same name in .claude/ or ~/.claude/.

Options:
  --dry-run   print the plan (create, update, skip, conflict per file) and write nothing
  --force     back up each colliding project file (<file>.backup-<time>), then write

Exit codes: 0 done, 1 conflicts (nothing written), 2 usage or internal error.
`,
  update: `Usage: backend-team update [target] [--dry-run] [--force]

Brings files installed by \`backend-team install\` up to this package's version: files you have not
changed are refreshed, new pack files are added, files that left the pack are removed. Files you
changed are reported and left alone (--force backs them up, then overwrites them).

Exit codes: 0 done, 1 something was left alone or a conflict blocked the run, 2 usage or internal error.
`,
  uninstall: `Usage: backend-team uninstall [target] [--dry-run]

Removes the files \`backend-team install\` wrote and you have not changed since, then the folders it
created if they are empty, and the lock file once nothing it installed remains. Changed files are
reported and kept.

Exit codes: 0 done, 1 changed files were kept, 2 usage or internal error.
`,
}

/** Seams for tests: the file system, the clock, the package and the home folder. */
export interface InstallDeps {
  fs?: FileSystem
  now?: () => Date
  packageRoot?: string
  home?: string
}

export const runInstall = (argv: string[], io: CommandIO, deps: InstallDeps = {}) => run('install', argv, io, deps)
export const runUpdate = (argv: string[], io: CommandIO, deps: InstallDeps = {}) => run('update', argv, io, deps)
export const runUninstall = (argv: string[], io: CommandIO, deps: InstallDeps = {}) => run('uninstall', argv, io, deps)

async function run(command: Command, argv: string[], io: CommandIO, deps: InstallDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      ...(command === 'uninstall' ? {} : { force: { type: 'boolean', default: false } }),
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    io.stdout(usages[command])
    return 0
  }
  if (positionals.length > 1) throw new UsageError(`takes one target folder, got ${positionals.length}`)
  const fs = deps.fs ?? realFileSystem
  const target = positionals[0] === undefined ? defaultTarget(io.cwd) : isAbsolute(positionals[0]) ? positionals[0] : resolve(io.cwd, positionals[0])
  if (!fs.isDirectory(target)) throw new UsageError(`target ${target} is not a folder`)
  const claudeDir = join(target, '.claude')
  const home = deps.home ?? homedir()
  const ctx: ReportContext = { target, claudeDir, home }
  const packageRoot = deps.packageRoot ?? findPackageRoot()
  for (const folder of packFolders) {
    if (fs.realpath(join(claudeDir, folder)) === fs.realpath(join(packageRoot, folder))) {
      throw new UsageError(`${target} is the backend-team package itself (.claude/${folder} is its ${folder}/); nothing to ${command}`)
    }
  }

  let lock
  try {
    lock = readLock(fs, claudeDir)
  } catch (error) {
    if (error instanceof LockError) throw new UsageError(error.message)
    throw error
  }
  let rewriteLock = false
  if (lock?.journal) {
    const { lock: settled, settled: count } = settleJournal(fs, claudeDir, lock)
    io.stderr(`backend-team ${command}: an earlier \`${lock.journal.command}\` was interrupted; ${count} of its ${lock.journal.operations.length} changes had been made, and the lock now records them.\n`)
    lock = settled
    rewriteLock = true
  }
  if (command !== 'install' && lock === null) {
    io.stdout(`No backend-team install in ${target} (no .claude/${lockFileName}); ${command === 'update' ? 'run `backend-team install` first' : 'nothing to remove'}.\n`)
    return command === 'update' ? 1 : 0
  }

  const pack = readPack(fs, packageRoot)
  if (command !== 'uninstall' && pack.files.length === 0) throw new Error(`the package at ${packageRoot} has no agents/ or skills/ files`)
  const plan = makePlan({ command, fs, pack, claudeDir, userClaudeDir: join(home, '.claude'), lock, force: Boolean(values.force) })

  if (values['dry-run']) {
    io.stdout(formatPlan(plan, ctx))
    return blocked(plan) || plan.steps.some((s) => s.action === 'keep') ? 1 : 0
  }
  if (blocked(plan)) {
    io.stderr(formatConflicts(plan, ctx))
    return 1
  }
  const now = (deps.now ?? (() => new Date()))()
  let result
  try {
    result = applyPlan({ fs, plan, claudeDir, lock, packageName, packageVersion: packageVersion(packageRoot), now, rewriteLock })
  } catch (error) {
    throw new Error(`${(error as Error).message}. Stopped part-way: every file is either as it was or as planned, and .claude/${lockFileName} records which; run \`backend-team ${command}\` again to finish`)
  }
  io.stdout(formatResult(plan, result, ctx))
  return plan.steps.some((s) => s.action === 'keep') ? 1 : 0
}
