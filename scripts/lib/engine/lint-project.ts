import { relative, sep } from 'node:path'
import type { Check, CheckSettings, FileCheck, RuleReport } from './check.ts'
import { checks as registry } from '../checks/index.ts'
import { ruleSettingFor, type Config } from '../config/config.ts'
import { compareDiagnostics, type Diagnostic } from './diagnostics.ts'
import { messageOf } from './messages.ts'
import { checkDeadline, pastDeadline } from './budget.ts'
import { ProjectBoundary } from '../load/boundary.ts'
import { isReported, type ProjectDiscovery } from '../load/discover.ts'
import { LoadedFile } from '../load/loaded-file.ts'
import { ProjectDisk } from '../load/project-disk.ts'
import type { ReadResult } from '../load/read-source.ts'
import type { SourceText } from '../load/source-text.ts'
import { buildProject, type Project } from '../model/project.ts'
import { findSecrets, maskQuotedSecrets } from '../model/secrets.ts'
import { assertReportContract } from './report-contract.ts'
import { timed } from './rule-timing.ts'
import { directiveProblems, FileSuppressions, parseDirectives, unknownRuleId, unusedDirectiveId } from './suppressions.ts'
import { withinTime, type Clock } from './time-limit.ts'

/** Rule ids the engine itself reports under; suppressions may name them too. */
const engineRuleIds = ['file/too-many-problems', 'file/time-limit', unknownRuleId, unusedDirectiveId]

/** At most this many diagnostics per file, so a hostile file cannot flood pre-commit output. */
export const maxDiagnosticsPerFile = 100

export interface LintProjectOptions {
  /** The checks to run; the registry by default. */
  checks?: readonly Check[]
  reportUnusedDisableDirectives?: boolean
  stdin?: { path: string; read: ReadResult }
}

export interface ProjectLint {
  diagnostics: Diagnostic[]
  fileCount: number
  firstFile: string | null
}

/**
 * One project root through the pipeline: load its files, build the project model, run the project checks, then the
 * file checks file by file, then the disable-directive problems, and last cap and mask each file's diagnostics.
 */
export function lintProject(
  found: ProjectDiscovery,
  config: Config,
  configDir: string,
  options: LintProjectOptions,
  clock: Clock,
): ProjectLint {
  const run = new ProjectRun(found, config, configDir)
  // One boundary for the loaded files and for the checks' questions about other paths: the root is resolved once.
  const boundary = new ProjectBoundary([found.root])
  const { files, notLoaded } = run.loadFiles(options.stdin, clock, boundary)
  const project = buildProject(files, { agents: config.externalAgents, skills: config.externalSkills }, new ProjectDisk(boundary))
  const checks = (options.checks ?? registry).filter((check) => run.severityFor(check) !== 'off' || config.overrides.length > 0)
  run.runProjectChecks(checks, project, clock)
  run.runFileChecks(checks, files, project, clock)
  // A disable comment is unused only once nothing it covers was reported; when the time limit left files unchecked,
  // "unused" would be a guess.
  if (clock.notChecked.length === 0)
    run.reportDirectiveProblems(files, options.reportUnusedDisableDirectives ?? config.reportUnusedDisableDirectives)
  const reportedFiles = files.filter((f) => run.isReported(f.path))
  return { diagnostics: run.finalDiagnostics(), fileCount: reportedFiles.length + notLoaded, firstFile: reportedFiles[0]?.path ?? null }
}

/** The state one project's lint builds up: its files by path, their suppressions and the diagnostics so far. */
class ProjectRun {
  private readonly settings: CheckSettings
  private readonly byFile = new Map<string, { file: LoadedFile | null; reports: Diagnostic[] }>()
  private readonly suppressions = new Map<string, FileSuppressions>()
  private readonly relPaths = new Map<string, string>()
  private fileByPath = new Map<string, LoadedFile>()

  constructor(
    private readonly found: ProjectDiscovery,
    private readonly config: Config,
    private readonly configDir: string,
  ) {
    this.settings = { skillProfile: config.skillProfile, rules: registry }
  }

  /** Given single files or folders (lint-staged), the others are loaded for the cross-file checks only. */
  isReported(path: string): boolean {
    return isReported(this.found.reportOnly, path)
  }

  severityFor(check: Check): string {
    return ruleSettingFor(this.config, check.id, '', check.defaultSeverity).severity
  }

  /** Loads every candidate the clock allows; files it kept from loading still count as files of the run. */
  loadFiles(stdin: LintProjectOptions['stdin'], clock: Clock, boundary: ProjectBoundary): { files: LoadedFile[]; notLoaded: number } {
    const files: LoadedFile[] = []
    clock.candidateCount += this.found.candidates.length
    let notLoaded = 0
    for (const candidate of this.found.candidates) {
      const text = candidate.path === stdin?.path ? stdin.read : undefined
      const load = () => files.push(new LoadedFile(candidate, undefined, text, boundary))
      if (pastDeadline() || !withinTime(load)) {
        clock.notChecked.push(candidate.path)
        if (this.isReported(candidate.path)) notLoaded++
      }
    }
    this.fileByPath = new Map(files.map((f) => [f.path, f]))
    return { files, notLoaded }
  }

  runProjectChecks(checks: readonly Check[], project: Project, clock: Clock): void {
    for (const check of checks) {
      if (check.scope !== 'project') continue
      const options = ruleSettingFor(this.config, check.id, '', check.defaultSeverity).options
      const report = this.reporterFor(check)
      const ran =
        !pastDeadline() && withinTime(() => timed(check.id, () => check.check({ project, settings: this.settings, options, report })))
      if (!ran) clock.skippedProjectChecks++
    }
  }

  /**
   * File by file; the time guard stops between files and, through budget.ts, inside one (then named as not checked).
   * One reporter per check, pointed at the current file: no closure per file and check.
   */
  runFileChecks(checks: readonly Check[], files: readonly LoadedFile[], project: Project, clock: Clock): void {
    let current: LoadedFile | null = null
    const fileChecks = checks
      .filter((check): check is FileCheck => check.scope === 'file')
      .map((check) => {
        const report = this.reporterFor(check)
        return {
          check,
          shared: ruleSettingFor(this.config, check.id, '', check.defaultSeverity).options,
          report: (r: RuleReport) => report(r.file || !current ? r : { ...r, file: current.path }),
        }
      })
    const overridden = this.config.overrides.length > 0
    for (const file of files) {
      if (pastDeadline()) {
        clock.notChecked.push(file.path)
        continue
      }
      if (!this.isReported(file.path)) continue
      current = file
      const finished = withinTime(() => {
        for (const { check, shared, report } of fileChecks) {
          if (!check.kinds.includes(file.kind)) continue
          if (!file.read.ok && !check.includeUnreadable) continue
          checkDeadline()
          const options = overridden ? ruleSettingFor(this.config, check.id, this.relOf(file.path), check.defaultSeverity).options : shared
          timed(check.id, () => check.check({ file, project, settings: this.settings, options, report }))
        }
      })
      if (!finished) clock.notChecked.push(file.path)
    }
  }

  /** Disable comments naming unknown rules, and (when asked) those that silenced nothing. */
  reportDirectiveProblems(files: readonly LoadedFile[], reportUnused: boolean): void {
    const known = new Set([...registry.map((c) => c.id), ...engineRuleIds])
    for (const file of files) {
      // Files loaded only for the cross-file checks are not reported, so their directives are not read either.
      if (!file.source || !this.isReported(file.path)) continue
      for (const d of directiveProblems(file.path, this.suppressionsOf(file.path, file.source), known, reportUnused))
        this.entryOf(file.path, file).reports.push(d)
    }
  }

  /** Each reported file's diagnostics, sorted, secrets masked, capped at maxDiagnosticsPerFile. */
  finalDiagnostics(): Diagnostic[] {
    const diagnostics: Diagnostic[] = []
    for (const [path, entry] of this.byFile) {
      if (!this.isReported(path)) continue
      if (entry.file?.source) maskSecretsIn(entry.reports, entry.file)
      diagnostics.push(...capped(path, entry.reports.sort(compareDiagnostics)))
    }
    return diagnostics
  }

  /** The reporter a check calls: contract, severity, suppressions, then the diagnostic. */
  private reporterFor(check: Check): (report: RuleReport) => void {
    return (report) => {
      const owner = (report.file && this.fileByPath.get(report.file)) || null
      assertReportContract(check, report, owner)
      const message = messageOf(check, report)
      const path = report.file!
      const { severity } = ruleSettingFor(this.config, check.id, this.relOf(path), check.defaultSeverity)
      if (severity === 'off') return
      if (owner?.source && this.suppressionsOf(path, owner.source).suppresses(check.id, report.at.line)) return
      this.entryOf(path, owner).reports.push({
        file: path,
        ruleId: check.id,
        severity: report.severity ?? severity,
        message,
        messageId: report.messageId,
        ...report.at,
        ...(report.related ? { related: report.related } : {}),
        ...(report.fix ? { fix: report.fix } : {}),
      })
    }
  }

  private entryOf(path: string, file: LoadedFile | null): { file: LoadedFile | null; reports: Diagnostic[] } {
    let entry = this.byFile.get(path)
    if (!entry) this.byFile.set(path, (entry = { file, reports: [] }))
    return entry
  }

  private suppressionsOf(path: string, source: SourceText): FileSuppressions {
    let s = this.suppressions.get(path)
    if (!s) this.suppressions.set(path, (s = new FileSuppressions(parseDirectives(source))))
    return s
  }

  /** The path as the configuration's overrides see it: relative to the configuration's folder. */
  private relOf(path: string): string {
    let rel = this.relPaths.get(path)
    if (rel === undefined) this.relPaths.set(path, (rel = relative(this.configDir, path).split(sep).join('/')))
    return rel
  }
}

/** A file's sorted diagnostics cut to the cap, with one `file/too-many-problems` carrying the hidden fixes. */
function capped(path: string, sorted: Diagnostic[]): Diagnostic[] {
  if (sorted.length <= maxDiagnosticsPerFile) return sorted
  const last = sorted[maxDiagnosticsPerFile - 1]!
  // The hidden problems' fixes still apply: `--fix` mends every stale region in one run, not 100 at a time.
  const hiddenFixes = sorted.slice(maxDiagnosticsPerFile).flatMap((d) => d.fix ?? [])
  return [
    ...sorted.slice(0, maxDiagnosticsPerFile),
    {
      ...(hiddenFixes.length > 0 ? { fix: hiddenFixes } : {}),
      file: path,
      ruleId: 'file/too-many-problems',
      severity: 'error',
      line: last.line,
      column: last.column,
      endLine: last.line,
      endColumn: last.column,
      message: `Unexpected ${sorted.length} problems in one file, expected at most ${maxDiagnosticsPerFile}; the rest are not shown`,
    },
  ]
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
