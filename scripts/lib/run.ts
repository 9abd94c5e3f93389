import { lstatSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, relative, sep } from 'node:path'
import type { Check, CheckSettings, FileCheck } from './check.ts'
import { checks as registry } from './checks/index.ts'
import { checkRuleSettings, loadConfig, ruleSettingFor, type Config } from './config.ts'
import { compareDiagnostics, type Diagnostic, type Report, type TextEdit } from './diagnostics.ts'
import { writeFileAtomic } from './atomic-write.ts'
import { checkDeadline, pastDeadline, setDeadline, TimeLimitReached } from './budget.ts'
import { installedAmong } from './install/installed.ts'
import { ProjectBoundary, realPathOf } from './load/boundary.ts'
import { discoverProject, isReported, planTargets, userSettingsPlan, type ProjectDiscovery } from './load/discover.ts'
import { LoadedFile } from './load/loaded-file.ts'
import { buildProject } from './project.ts'
import type { SourceText } from './source-text.ts'
import { readSource, type ReadResult } from './load/read-source.ts'
import { findSecrets, maskQuotedSecrets } from './secrets.ts'
import { directiveProblems, FileSuppressions, parseDirectives, unknownRuleId, unusedDirectiveId } from './suppressions.ts'

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

/**
 * A check broke the engine's contract (a report without a file, a fix from a rule not marked fixable, a position
 * outside the file). It is a bug in the check, never in the checked files: the run stops and the CLI exits 2 naming
 * the rule, instead of dropping the report without a word.
 */
export class RuleContractError extends Error {
  constructor(
    readonly ruleId: string,
    problem: string,
  ) {
    super(`rule ${ruleId} broke the check contract: ${problem}`)
  }
}

/** Throws RuleContractError when a report cannot stand as a diagnostic of its file. */
function assertReportContract(check: Check, report: Report, owner: LoadedFile | null): void {
  if (!report.file) throw new RuleContractError(check.id, 'a report without a file')
  if (report.fix && !check.fixable) throw new RuleContractError(check.id, 'a fix from a rule not marked fixable')
  const { line, column, endLine, endColumn } = report.at
  if (![line, column, endLine, endColumn].every((n) => Number.isInteger(n) && n >= 1))
    throw new RuleContractError(check.id, `a position that is not 1-based (${line}:${column}-${endLine}:${endColumn})`)
  if (endLine < line || (endLine === line && endColumn < column))
    throw new RuleContractError(check.id, `a span that ends before it starts (${line}:${column}-${endLine}:${endColumn})`)
  const source = owner?.source
  if (!source) return
  for (const [l, c] of [
    [line, column],
    [endLine, endColumn],
  ] as const) {
    if (l > source.lineCount || c > source.lineText(l).length + 1)
      throw new RuleContractError(check.id, `a position outside ${owner.path} (${l}:${c})`)
  }
}

/** Rule ids the engine itself reports under; suppressions may name them too. */
const engineRuleIds = ['file/too-many-problems', 'file/time-limit', unknownRuleId, unusedDirectiveId]

/** At most this many diagnostics per file, so a hostile file cannot flood pre-commit output. */
export const maxDiagnosticsPerFile = 100

/** Default for `timeLimitMs`: a hostile repository cannot make pre-commit hang. */
export const defaultTimeLimitMs = 60_000

/** BACKEND_TEAM_TIMING=1 prints the time each rule took, like ESLint's TIMING, to find a slow rule. */
const timings: Map<string, number> | null = process.env.BACKEND_TEAM_TIMING ? new Map() : null

function timed(id: string, run: () => void): void {
  if (!timings) return run()
  const start = performance.now()
  run()
  timings.set(id, (timings.get(id) ?? 0) + performance.now() - start)
}

function printTimings(map: Map<string, number>): void {
  const rows = [...map].sort((a, b) => b[1] - a[1]).slice(0, 15)
  process.stderr.write(`${rows.map(([id, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${id}`).join('\n')}\n`)
}

/** Runs `work`; false when the time guard cut it off. */
function withinTime(work: () => void): boolean {
  try {
    work()
    return true
  } catch (error) {
    if (error instanceof TimeLimitReached) return false
    throw error
  }
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
    const found = discoverProject(projectPlan, loaded.config.ignore, loaded.path ? dirname(loaded.path) : projectPlan.root)
    skipped.push(...found.skipped)
    const result = lintProject(found.project, loaded.config, loaded.path ? dirname(loaded.path) : projectPlan.root, options, clock)
    diagnostics.push(...result.diagnostics)
    fileCount += result.fileCount
    firstFile ??= result.firstFile
  }
  if (timings) printTimings(timings)
  const relativeTo = (path: string) => relative(options.cwd, path).split(sep).join('/')
  if (clock.notChecked.length > 0 || clock.skippedProjectChecks > 0)
    diagnostics.push(timeLimitDiagnostic(clock, timeLimitMs, firstFile ?? options.cwd, relativeTo))
  diagnostics.sort(compareDiagnostics)
  return { diagnostics, fileCount, fixedFiles: [], missing: plan.missing, skipped, roots: plan.projects.map((p) => p.root) }
}

/** The run's time guard, shared by every project of one run. */
interface Clock {
  deadline: number
  /** Files not started, or cut off, before the deadline. */
  notChecked: string[]
  skippedProjectChecks: number
  candidateCount: number
}

/** The first few names of a list, for a message: `a.md, b.md and 3 more`. */
function namesOf(paths: string[], rel: (path: string) => string): string {
  const shown = paths.slice(0, 5).map(rel)
  return paths.length > shown.length ? `${shown.join(', ')} and ${paths.length - shown.length} more` : shown.join(', ')
}

function timeLimitDiagnostic(clock: Clock, timeLimitMs: number, fallbackFile: string, relativeTo: (path: string) => string): Diagnostic {
  const parts = [
    ...(clock.notChecked.length > 0
      ? [`${clock.notChecked.length} of ${clock.candidateCount} files were not checked (${namesOf(clock.notChecked, relativeTo)})`]
      : []),
    ...(clock.skippedProjectChecks > 0 ? [`${clock.skippedProjectChecks} project-wide checks did not run`] : []),
  ]
  return {
    file: clock.notChecked[0] ?? fallbackFile,
    ruleId: 'file/time-limit',
    severity: 'error',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    message: `Unexpected run longer than the time limit of ${timeLimitMs / 1000} s, expected every file checked: ${parts.join(' and ')} (raise the limit with --max-time)`,
  }
}

function lintProject(
  found: ProjectDiscovery,
  config: Config,
  configDir: string,
  options: ValidateOptions,
  clock: Clock,
): { diagnostics: Diagnostic[]; fileCount: number; firstFile: string | null } {
  const files: LoadedFile[] = []
  const boundary = new ProjectBoundary([found.root])
  clock.candidateCount += found.candidates.length
  const reported = (path: string) => isReported(found.reportOnly, path)
  // Files the time guard kept from loading still count as files of the run (file/time-limit names them).
  let notLoaded = 0
  for (const candidate of found.candidates) {
    const stdin = candidate.path === options.stdin?.path ? options.stdin.read : undefined
    const load = () => files.push(new LoadedFile(candidate, undefined, stdin, boundary))
    if (pastDeadline() || !withinTime(load)) {
      clock.notChecked.push(candidate.path)
      if (reported(candidate.path)) notLoaded++
    }
  }
  const project = buildProject(files, { agents: config.externalAgents, skills: config.externalSkills })
  const settings: CheckSettings = { skillProfile: config.skillProfile, rules: registry }
  const byFile = new Map<string, { file: LoadedFile | null; reports: Diagnostic[] }>()
  const suppressions = new Map<string, FileSuppressions>()
  const suppressionsOf = (path: string, source: SourceText) => {
    let s = suppressions.get(path)
    if (!s) suppressions.set(path, (s = new FileSuppressions(parseDirectives(source))))
    return s
  }
  const fileByPath = new Map(files.map((f) => [f.path, f]))

  const relPaths = new Map<string, string>()
  const relOf = (path: string) => {
    let rel = relPaths.get(path)
    if (rel === undefined) relPaths.set(path, (rel = relative(configDir, path).split(sep).join('/')))
    return rel
  }
  /** The reporter a check calls; a file check's reports arrive with their file set (see `fileChecks`). */
  const collect = (check: Check) => {
    return (report: Report) => {
      const owner = (report.file && fileByPath.get(report.file)) || null
      assertReportContract(check, report, owner)
      const path = report.file!
      const { severity } = ruleSettingFor(config, check.id, relOf(path), check.defaultSeverity)
      if (severity === 'off') return
      if (owner?.source && suppressionsOf(path, owner.source).suppresses(check.id, report.at.line)) return
      const entry = byFile.get(path) ?? { file: owner, reports: [] }
      byFile.set(path, entry)
      entry.reports.push({
        file: path,
        ruleId: check.id,
        severity: report.severity ?? severity,
        message: report.message,
        ...report.at,
        ...(report.related ? { related: report.related } : {}),
        ...(report.fix ? { fix: report.fix } : {}),
      })
    }
  }

  const checks = (options.checks ?? registry).filter(
    (check) => ruleSettingFor(config, check.id, '', check.defaultSeverity).severity !== 'off' || config.overrides.length > 0,
  )
  for (const check of checks) {
    if (check.scope !== 'project') continue
    const ran =
      !pastDeadline() &&
      withinTime(() =>
        timed(check.id, () =>
          check.check({
            project,
            settings,
            options: ruleSettingFor(config, check.id, '', check.defaultSeverity).options,
            report: collect(check),
          }),
        ),
      )
    if (!ran) clock.skippedProjectChecks++
  }
  // File by file; the time guard stops between files and, through budget.ts, inside one (then named as not checked).
  // One reporter per check, pointed at the current file: no closure per file and check.
  let current: LoadedFile | null = null
  const fileChecks = checks
    .filter((check): check is FileCheck => check.scope === 'file')
    .map((check) => {
      const report = collect(check)
      return {
        check,
        shared: ruleSettingFor(config, check.id, '', check.defaultSeverity).options,
        report: (r: Report) => report(r.file || !current ? r : { ...r, file: current.path }),
      }
    })
  for (const file of files) {
    if (pastDeadline()) {
      clock.notChecked.push(file.path)
      continue
    }
    // Given single files or folders (lint-staged), the others are loaded for the cross-file checks only.
    if (!reported(file.path)) continue
    current = file
    const finished = withinTime(() => {
      for (const { check, shared, report } of fileChecks) {
        if (!check.kinds.includes(file.kind)) continue
        if (!file.read.ok && !check.includeUnreadable) continue
        checkDeadline()
        const options = config.overrides.length ? ruleSettingFor(config, check.id, relOf(file.path), check.defaultSeverity).options : shared
        timed(check.id, () => check.check({ file, project, settings, options, report }))
      }
    })
    if (!finished) clock.notChecked.push(file.path)
  }
  // After every check: a disable comment is unused only once nothing it covers was reported. Skipped when the time
  // limit left files unchecked, where "unused" would be a guess.
  if (clock.notChecked.length === 0) {
    const known = new Set([...registry.map((c) => c.id), ...engineRuleIds])
    const reportUnused = options.reportUnusedDisableDirectives ?? config.reportUnusedDisableDirectives
    for (const file of files) {
      // Files loaded only for the cross-file checks are not reported, so their directives are not read either.
      if (!file.source || !reported(file.path)) continue
      for (const d of directiveProblems(file.path, suppressionsOf(file.path, file.source), known, reportUnused)) {
        const entry = byFile.get(file.path) ?? { file, reports: [] }
        byFile.set(file.path, entry)
        entry.reports.push(d)
      }
    }
  }

  const diagnostics: Diagnostic[] = []
  for (const [path, entry] of byFile) {
    if (!reported(path)) continue
    if (entry.file?.source) maskSecretsIn(entry.reports, entry.file)
    const sorted = entry.reports.sort(compareDiagnostics)
    diagnostics.push(...sorted.slice(0, maxDiagnosticsPerFile))
    if (sorted.length > maxDiagnosticsPerFile) {
      const last = sorted[maxDiagnosticsPerFile - 1]!
      // The hidden problems' fixes still apply: `--fix` mends every stale region in one run, not 100 at a time.
      const hiddenFixes = sorted.slice(maxDiagnosticsPerFile).flatMap((d) => d.fix ?? [])
      diagnostics.push({
        ...(hiddenFixes.length > 0 ? { fix: hiddenFixes } : {}),
        file: path,
        ruleId: 'file/too-many-problems',
        severity: 'error',
        line: last.line,
        column: last.column,
        endLine: last.line,
        endColumn: last.column,
        message: `Unexpected ${sorted.length} problems in one file, expected at most ${maxDiagnosticsPerFile}; the rest are not shown`,
      })
    }
  }
  const firstFile = files.find((f) => reported(f.path))?.path ?? null
  return { diagnostics, fileCount: files.filter((f) => reported(f.path)).length + notLoaded, firstFile }
}

/** Masks, in every message about `file`, the secrets its text holds (see maskQuotedSecrets). */
function maskSecretsIn(reports: Diagnostic[], file: LoadedFile): void {
  const secrets = findSecrets(file.text, file.path)
  if (secrets.length === 0) return
  for (const d of reports) {
    d.message = maskQuotedSecrets(d.message, secrets, file.text)
    for (const r of d.related ?? []) r.message = maskQuotedSecrets(r.message, secrets, file.text)
  }
}

/**
 * Applies every non-overlapping fix, one atomic write per file. A file reached through a symbolic link is written at
 * the link's target, so the link stays a link; a target outside the project is refused with a diagnostic.
 */
function applyFixes(diagnostics: Diagnostic[], boundary: ProjectBoundary): { written: string[]; refused: Diagnostic[] } {
  const edits = new Map<string, TextEdit[]>()
  for (const d of diagnostics) if (d.fix) edits.set(d.file, [...(edits.get(d.file) ?? []), ...d.fix])
  const written: string[] = []
  const refused: Diagnostic[] = []
  // Files `backend-team install` wrote and the user has not changed are the pack's: never rewritten here.
  const installed = installedAmong(edits.keys())
  for (const [path, list] of edits) {
    if (installed.has(path)) continue
    const target = realPathOf(path)
    if (target === null || !boundary.contains(target)) {
      refused.push({
        file: path,
        ruleId: 'file/fix-not-applied',
        severity: 'error',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        message: 'Unexpected fix for a file whose real path is outside the project, expected a file inside it (not written)',
      })
      continue
    }
    const read = lstatSync(target).isFile() ? readSource(target) : null
    if (!read?.ok) continue
    const bom = read.hadBom ? '\ufeff' : ''
    const original = read.text
    let text = original
    let lastStart = Infinity
    for (const edit of [...list].sort((a, b) => b.start - a.start || b.end - a.end)) {
      if (edit.end > lastStart) continue
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end)
      lastStart = edit.start
    }
    if (text !== original) {
      writeFileAtomic(target, bom + text)
      written.push(path)
    }
  }
  return { written, refused }
}
