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

/** Values for a message's placeholders: `{{name}}` in the template becomes `String(data.name)`. */
export type MessageData = Readonly<Record<string, string | number>>

/** What a rule reports: one of its own message ids with that message's data, and where. */
export interface RuleReport<M extends string = string> extends Report {
  messageId: M
  data?: MessageData
}

interface BaseContext<M extends string> {
  project: Project
  settings: CheckSettings
  /** The rule's own options from the configuration (`["error", {...}]`). */
  options: Record<string, unknown>
  report: (report: RuleReport<M>) => void
}

export interface FileContext<M extends string = string> extends BaseContext<M> {
  file: LoadedFile
}

export type ProjectContext<M extends string = string> = BaseContext<M>

interface CheckMeta<M extends string> {
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
  /**
   * Every message the rule can report, by id, as ESLint's `meta.messages`. `{{name}}` placeholders are filled from
   * the report's `data`; a report naming an id not here, or leaving a placeholder without data, breaks the contract.
   */
  messages: Readonly<Record<M, string>>
}

export interface FileCheck<M extends string = string> extends CheckMeta<M> {
  scope: 'file'
  /** File kinds the check runs on. Unreadable files reach only checks that set `includeUnreadable`. */
  kinds: readonly FileKind[]
  includeUnreadable?: boolean
  check(ctx: FileContext<M>): void
}

export interface ProjectCheck<M extends string = string> extends CheckMeta<M> {
  scope: 'project'
  check(ctx: ProjectContext<M>): void
}

export type Check = FileCheck | ProjectCheck

/**
 * Defines a rule. The message ids its `check` may report are the keys of its `messages`: a report naming any other id
 * does not type-check.
 */
export function defineCheck<const M extends string>(check: FileCheck<M>): FileCheck<M>
export function defineCheck<const M extends string>(check: ProjectCheck<M>): ProjectCheck<M>
export function defineCheck(check: Check): Check {
  return check
}
