import type { Report, SeveritySetting } from './diagnostics.ts'
import type { FileKind } from '../load/discover.ts'
import type { LoadedFile } from '../load/loaded-file.ts'
import type { Project } from '../model/project.ts'

/** What the table generator, the reporters and `rules` need to know of a rule, without importing the registry. */
export interface RuleSummary {
  id: string
  description: string
  rationale: string
  defaultSeverity: SeveritySetting
  fixable?: boolean
}

/** Settings every check may read; checks never read configuration files themselves. */
export interface CheckSettings {
  /** `claude-code` checks what Claude Code loads; `agent-skills` also holds skills to the portable standard. */
  skillProfile: 'claude-code' | 'agent-skills'
  /** Every rule of the registry (not only the ones this run checks), for the generated rule list. */
  rules: readonly RuleSummary[]
}

interface BaseContext {
  project: Project
  settings: CheckSettings
  /** The rule's own options from the configuration (`["error", {...}]`). */
  options: Record<string, unknown>
  report: (report: Report) => void
}

export interface FileContext extends BaseContext {
  file: LoadedFile
}

export type ProjectContext = BaseContext

interface CheckMeta {
  /** `<group>/<kebab-name>`; the module file is named after it with `/` replaced by `-`. */
  id: string
  /** One line: what the check reports. */
  description: string
  /** Why it matters: what Claude Code does with the defect. Shown by `backend-team rules`. */
  rationale: string
  /**
   * What the pinned Claude Code (2.1.332) was seen to do with the defect, in one or two sentences. Required for rules
   * that default to `error`, each shown by a case in tests/cli/rule-evidence.test.ts; shown by `backend-team rules`.
   */
  runtime?: string
  defaultSeverity: SeveritySetting
  fixable?: boolean
  /** JSON Schema of the rule's options object, checked when the configuration loads; none means no options. */
  optionsSchema?: object
}

export interface FileCheck extends CheckMeta {
  scope: 'file'
  /** File kinds the check runs on. Unreadable files reach only checks that set `includeUnreadable`. */
  kinds: readonly FileKind[]
  includeUnreadable?: boolean
  check(ctx: FileContext): void
}

export interface ProjectCheck extends CheckMeta {
  scope: 'project'
  check(ctx: ProjectContext): void
}

export type Check = FileCheck | ProjectCheck

export function defineCheck<const T extends Check>(check: T): T {
  return check
}
