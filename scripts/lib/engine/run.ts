import { homedir } from 'node:os'
import { dirname, relative, sep } from 'node:path'
import type { Check } from './check.ts'
import { checks as registry } from '../checks/index.ts'
import { checkRuleSettings, loadConfig, type Config } from '../config/config.ts'
import { compareDiagnostics, type Diagnostic } from './diagnostics.ts'
import { setDeadline } from './budget.ts'
import { ProjectBoundary } from '../load/boundary.ts'
import { discoverProject, planTargets, userSettingsPlan } from '../load/discover.ts'
import type { ReadResult } from '../load/read-source.ts'
import { applyFixes } from './apply-fixes.ts'
import { lintProject } from './lint-project.ts'
import { printTimings } from './rule-timing.ts'
import { defaultTimeLimitMs, timeLimitDiagnostic, type Clock } from './time-limit.ts'

export interface ValidateOptions {
  cwd: string
  /** Folders or files; none means the working directory. */
  targets: string[]
  /** Also check `~/.claude/settings.json` (never read otherwise). */
  user?: boolean
  /** The home folder `user` reads from; the real one by default. */
  home?: string
  /** Explicit configuration file; otherwise the nearest one at or above each project root (up to the git root). */
  configPath?: string
  /** Apply fixes and write the files. */
  fix?: boolean
  /** The checks to run (tests narrow this); defaults to the registry. */
  checks?: readonly Check[]
  /** Skip configuration lookup and use this one. */
  config?: Config
  /** No new file is started after this many milliseconds; the rest are reported as `file/time-limit`. */
  timeLimitMs?: number
  /** Warn about disable comments that silence nothing (also `reportUnusedDisableDirectives` in the configuration). */
  reportUnusedDisableDirectives?: boolean
  /** Text standing in for the file at `path` (an editor's unsaved buffer); nothing is written. */
  stdin?: { path: string; read: ReadResult }
}

export interface ValidateResult {
  diagnostics: Diagnostic[]
  /** Files read. */
  fileCount: number
  /** Files a fix rewrote. */
  fixedFiles: string[]
  /** Targets that do not exist. */
  missing: string[]
  /** Explicit files that are not Claude Code files: not checked (shown with --debug). */
  skipped: string[]
  /** The project roots of the run: `--fix` writes nowhere else. */
  roots: string[]
}

export function validate(options: ValidateOptions): ValidateResult {
  try {
    return lintAndFix(options)
  } finally {
    setDeadline(Infinity)
  }
}

function lintAndFix(options: ValidateOptions): ValidateResult {
  const first = lint(options)
  if (!options.fix) return first
  const { written: fixedFiles, refused } = applyFixes(first.diagnostics, new ProjectBoundary(first.roots))
  if (fixedFiles.length === 0)
    return refused.length > 0 ? { ...first, diagnostics: [...first.diagnostics, ...refused].sort(compareDiagnostics) } : first
  const second = lint({ ...options, fix: false })
  return { ...second, diagnostics: [...second.diagnostics, ...refused].sort(compareDiagnostics), fixedFiles }
}

/** Every project root of the targets, each with its own configuration, under one clock. */
function lint(options: ValidateOptions): ValidateResult {
  const timeLimitMs = options.timeLimitMs ?? defaultTimeLimitMs
  const clock: Clock = { deadline: Date.now() + timeLimitMs, notChecked: [], skippedProjectChecks: 0, candidateCount: 0 }
  // Loops inside a file poll the same deadline (budget.ts), so a hostile file is cut off mid-way and named below.
  setDeadline(clock.deadline)
  const plan = planTargets(options.targets, options.cwd)
  const user = options.user ? userSettingsPlan(options.home ?? homedir()) : null
  if (user) plan.projects.push(user)
  const diagnostics: Diagnostic[] = []
  const skipped: string[] = []
  let fileCount = 0
  let firstFile: string | null = null
  // Each root is its own project, with its own configuration and name index: one root's names never hide another's.
  for (const projectPlan of plan.projects) {
    const loaded = options.config ? { config: options.config, path: null } : loadConfig(projectPlan.root, options.configPath)
    if (loaded.path) checkRuleSettings(loaded.config, registry, loaded.path)
    const configDir = loaded.path ? dirname(loaded.path) : projectPlan.root
    const found = discoverProject(projectPlan, loaded.config.ignore, configDir)
    skipped.push(...found.skipped)
    const result = lintProject(found.project, loaded.config, configDir, options, clock)
    diagnostics.push(...result.diagnostics)
    fileCount += result.fileCount
    firstFile ??= result.firstFile
  }
  printTimings()
  const relativeTo = (path: string) => relative(options.cwd, path).split(sep).join('/')
  if (clock.notChecked.length > 0 || clock.skippedProjectChecks > 0)
    diagnostics.push(timeLimitDiagnostic(clock, timeLimitMs, firstFile ?? options.cwd, relativeTo))
  diagnostics.sort(compareDiagnostics)
  return { diagnostics, fileCount, fixedFiles: [], missing: plan.missing, skipped, roots: plan.projects.map((p) => p.root) }
}
