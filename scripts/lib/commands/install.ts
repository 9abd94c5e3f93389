import { randomBytes } from 'node:crypto'
import { rmdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { applyPlan, type ApplyResult } from '../install/apply.ts'
import { BoundaryError, confine, isInside, realLocation, type Zone } from '../install/boundary.ts'
import { realFileSystem, type FileSystem } from '../install/file-system.ts'
import { applySettings, copiedHookEntries, planSettings } from '../install/guard-settings.ts'
import { LockError, lockFileName, readLock, settleJournal, tempTagOf, type InstallMode, type Lock } from '../install/lock.ts'
import { findPackageRoot, packageName, packageVersion } from '../install/package-root.ts'
import { packFolders, readPack } from '../install/pack.ts'
import { blocked, exitCode, makePlan, type Command } from '../install/plan.ts'
import { formatConflicts, formatPlan, formatResult, type ReportContext } from '../install/report.ts'
import { acquireRunLock, RunLockBusy, type RunLock } from '../install/run-lock.ts'
import { defaultTarget } from '../install/target.ts'
import { packForMode } from '../install/transform.ts'
import { UsageError, type CommandIO } from './io.ts'

const exits = `Exit codes: 0 done; 1 conflicts (nothing written), files of yours left alone, or another run busy;
2 usage error, a path that leads out of the target (nothing touched), or an internal error.
--dry-run exits as the real run would.`

const usages: Record<Command, string> = {
  install: `Usage: backend-team install [target] [--user] [--dry-run] [--force]

Copies the pack into <target>/.claude/ (default: the git work tree you are in, else the current folder),
or with --user into ~/.claude/, and records each file's sha256 in .claude/${lockFileName}.
The files are written as they must read there: the orchestrator allows the specialists by their bare
names, and the contract schemas the prompts point at go to .claude/backend-team/schemas/.
Before writing anything it lists every conflict: a file it would overwrite that it did not install or
that you changed since, and agents or skills with the same name in .claude/ or ~/.claude/ (a user-level
install of this pack is not one).

Options:
  --user      install into ~/.claude/ for every project (no target)
  --dry-run   print the plan (create, update, skip, conflict per file) and write nothing
  --force     back up each colliding project file (<file>.backup-<time>), then write

${exits}
`,
  update: `Usage: backend-team update [target] [--user] [--dry-run] [--force] [--keep <file>]...

Brings files installed by \`backend-team install\` up to this package's version: files you have not
changed are refreshed, new pack files are added, files that left the pack are removed. Files you
changed are reported and left alone (--force backs them up, then overwrites them).

Options:
  --keep <file>   keep your changed version of an installed file for good: the lock records it as
                  kept, and update no longer reports it (repeatable)

${exits}
`,
  uninstall: `Usage: backend-team uninstall [target] [--user] [--dry-run]

Removes the files \`backend-team install\` wrote and you have not changed since, then the folders it
created if they are empty, and the lock file once nothing it installed remains. Changed files are
reported and kept; files kept with \`update --keep\` stay and are yours.

${exits}
`,
}

/** Seams for tests: the file system, the clock, the package and the home folder. */
export interface InstallDeps {
  fs?: FileSystem
  now?: () => Date
  packageRoot?: string
  home?: string
  /** How long a second run waits for the first one's run lock. */
  waitMs?: number
}

export const runInstall = (argv: string[], io: CommandIO, deps: InstallDeps = {}) => run('install', argv, io, deps)
export const runUpdate = (argv: string[], io: CommandIO, deps: InstallDeps = {}) => run('update', argv, io, deps)
export const runUninstall = (argv: string[], io: CommandIO, deps: InstallDeps = {}) => run('uninstall', argv, io, deps)

function parse(command: Command, argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      user: { type: 'boolean', default: false },
      ...(command === 'uninstall' ? {} : { force: { type: 'boolean', default: false } }),
      ...(command === 'update' ? { keep: { type: 'string', multiple: true } } : {}),
      help: { type: 'boolean', short: 'h' },
    },
  })
}

/** The files `--keep` names, as paths inside `.claude/`; each must be one the lock owns. */
function keptFiles(values: string[], cwd: string, claudeDir: string, lock: Lock | null): Set<string> {
  const out = new Set<string>()
  for (const value of values) {
    const candidates = [resolve(cwd, value), resolve(claudeDir, value)]
    const inside = candidates.find((p) => isInside(p, claudeDir) && p !== claudeDir)
    const rel = inside === undefined ? null : relative(claudeDir, inside).split(sep).join('/')
    if (rel === null || !lock || !Object.hasOwn(lock.files, rel))
      throw new UsageError(`--keep ${value}: not a file backend-team installed in ${claudeDir}`)
    out.add(rel)
  }
  return out
}

async function run(command: Command, argv: string[], io: CommandIO, deps: InstallDeps): Promise<number> {
  const { values, positionals } = parse(command, argv)
  if (values.help) {
    io.stdout(usages[command])
    return 0
  }
  if (positionals.length > 1) throw new UsageError(`takes one target folder, got ${positionals.length}`)
  const home = deps.home ?? homedir()
  const mode: InstallMode = values.user ? 'user' : 'project'
  if (mode === 'user' && positionals.length > 0) throw new UsageError('--user installs into ~/.claude and takes no target folder')
  const raw = deps.fs ?? realFileSystem
  const target =
    mode === 'user'
      ? home
      : positionals[0] === undefined
        ? defaultTarget(io.cwd)
        : isAbsolute(positionals[0])
          ? positionals[0]
          : resolve(io.cwd, positionals[0])
  if (!raw.isDirectory(target)) throw new UsageError(`target ${target} is not a folder`)
  const claudeDir = join(target, '.claude')
  const ctx: ReportContext = { target, claudeDir, home, mode }
  const packageRoot = deps.packageRoot ?? findPackageRoot()
  for (const folder of packFolders) {
    if (raw.exists(join(packageRoot, folder)) && raw.realpath(join(claudeDir, folder)) === raw.realpath(join(packageRoot, folder))) {
      throw new UsageError(`${target} is the backend-team package itself (.claude/${folder} is its ${folder}/); nothing to ${command}`)
    }
  }
  // The boundary: `.claude` itself must lie in the project, and every path below it must stay in `.claude`.
  if (mode === 'project' && !isInside(realLocation(claudeDir), realLocation(target))) {
    throw new BoundaryError(
      `refusing to ${command}: ${claudeDir} is a link to ${realLocation(claudeDir)}, outside the project ${target}; nothing was changed`,
    )
  }
  // `.claude -> .` would put the pack among the project's own files.
  if (realLocation(claudeDir) === realLocation(target)) {
    throw new BoundaryError(`refusing to ${command}: ${claudeDir} is a link to the project folder itself; nothing was changed`)
  }
  // A `.claude` that is a file, or a link to nothing, is not a folder the installer can own: say so rather than fail later.
  if (raw.exists(claudeDir) && !raw.isDirectory(claudeDir)) {
    throw new UsageError(`${claudeDir} is not a folder (a file, or a link to something missing); move it aside; nothing was changed`)
  }
  const userClaudeDir = mode === 'user' ? null : join(home, '.claude')
  const zones: Zone[] = [
    { root: claudeDir, writable: true },
    { root: packageRoot, writable: false },
  ]
  if (userClaudeDir !== null) zones.push({ root: userClaudeDir, writable: false, within: home })
  const fs = confine(raw, zones)

  const dryRun = values['dry-run']
  const runId = randomBytes(8).toString('hex')
  let runLock: RunLock | null = null
  let createdClaudeDir = false
  let result: ApplyResult | null = null
  try {
    if (!dryRun && (command === 'install' || fs.isDirectory(claudeDir))) {
      // The run lock lives in `.claude`, so a first install creates it here (and removes it again if it writes nothing).
      if (!fs.exists(claudeDir)) {
        fs.assertWritable(claudeDir)
        // Outside the run's own file system: the run lock must exist before any change it journals.
        createdClaudeDir = realFileSystem.mkdir(claudeDir)
      }
      try {
        runLock = await acquireRunLock(claudeDir, runId, deps.waitMs)
      } catch (error) {
        if (!(error instanceof RunLockBusy)) throw error
        io.stderr(`backend-team ${command}: ${error.message}\n`)
        return 1
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
    let staleRun: string | null = null
    if (lock?.journal) {
      const settled = settleJournal(fs, claudeDir, lock)
      io.stderr(
        `backend-team ${command}: an earlier \`${lock.journal.command}\` was interrupted; ${settled.settled} of its ${lock.journal.operations.length} changes had been made, and the lock now records them.\n`,
      )
      lock = settled.lock
      staleRun = settled.run
      rewriteLock = !dryRun
    }
    if (command !== 'install' && lock === null) {
      io.stdout(
        `No backend-team install in ${target} (no .claude/${lockFileName}); ${command === 'update' ? `run \`npx backend-team install${mode === 'user' ? ' --user' : ''}\` first` : 'nothing to remove'}.\n`,
      )
      return command === 'update' ? 1 : 0
    }
    if (lock?.mode && lock.mode !== mode)
      throw new UsageError(`${claudeDir} holds a ${lock.mode}-level install; run with${lock.mode === 'user' ? '' : 'out'} --user`)

    const pack = readPack(fs, packageRoot)
    if (command !== 'uninstall' && pack.files.length === 0)
      throw new Error(`the package at ${packageRoot} has no ${packFolders.join('/, ')}/ files`)
    const { files, transforms } = packForMode(fs, pack, mode, packageName)
    const keep = command === 'update' ? keptFiles((values.keep as string[] | undefined) ?? [], io.cwd, claudeDir, lock) : new Set<string>()
    const plan = makePlan({
      command,
      fs,
      files,
      packRoot: pack.root,
      definitions: pack.definitions,
      claudeDir,
      userClaudeDir,
      userOwned: userInstallOf(fs, userClaudeDir),
      lock,
      force: Boolean(values.force),
      keep,
    })

    const hooksJson = fs.readFile(join(pack.root, 'hooks', 'hooks.json'))
    const settings = planSettings({
      fs,
      claudeDir,
      command,
      wanted: hooksJson ? copiedHookEntries(hooksJson.toString('utf8'), mode) : null,
      record: lock?.settings,
    })
    if (settings.action === 'conflict') plan.settingsConflict = settings.reason

    if (dryRun) {
      io.stdout(formatPlan(plan, ctx, settings))
      return exitCode(plan)
    }
    if (blocked(plan)) {
      io.stderr(formatConflicts(plan, ctx))
      return 1
    }
    const now = (deps.now ?? (() => new Date()))()
    const tempTag = tempTagOf(runId)
    // The guard's hook goes into the settings after its scripts are on disk, and comes out before they go.
    if (command === 'uninstall') applySettings(fs, claudeDir, settings, tempTag)
    try {
      result = applyPlan({
        fs,
        plan,
        claudeDir,
        lock,
        packageName,
        packageVersion: packageVersion(packageRoot),
        mode,
        transforms,
        now,
        run: runId,
        staleRun,
        createdClaudeDir,
        rewriteLock,
        ...(settings.record ? { settings: settings.record } : {}),
      })
      if (command !== 'uninstall') applySettings(fs, claudeDir, settings, tempTag)
    } catch (error) {
      if (error instanceof BoundaryError) throw error
      throw new Error(
        `${(error as Error).message}. Stopped part-way: every file is either as it was or as planned, and .claude/${lockFileName} records which; run \`npx backend-team ${command}${mode === 'user' ? ' --user' : ''}\` again to finish`,
      )
    }
    io.stdout(formatResult(plan, result, ctx, settings))
    return exitCode(plan)
  } finally {
    runLock?.release()
    const ownsClaudeDir = result ? result.removeClaudeDir : createdClaudeDir && !fs.exists(join(claudeDir, lockFileName))
    if (ownsClaudeDir) {
      try {
        rmdirSync(claudeDir)
      } catch {
        // Not empty: something else lives there now.
      }
    }
  }
}

/** The files a user-level install of the pack owns in `~/.claude` (absolute paths); none when there is none or its lock is broken. */
function userInstallOf(fs: FileSystem, userClaudeDir: string | null): Set<string> {
  if (userClaudeDir === null) return new Set()
  try {
    const lock = readLock(fs, userClaudeDir)
    return new Set(Object.keys(lock?.files ?? {}).map((rel) => join(userClaudeDir, ...rel.split('/'))))
  } catch (error) {
    if (error instanceof LockError || error instanceof BoundaryError) return new Set()
    throw error
  }
}
