import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import picomatch from 'picomatch'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser'
import { configFileName, findConfigFile } from './config-location.ts'
import { ProjectBoundary } from '../load/boundary.ts'
import { outsideProject, readSource } from '../load/read-source.ts'
import type { SeveritySetting } from '../engine/diagnostics.ts'
import { describeErrors } from '../model/schemas.ts'
import { didYouMean } from '../check-support/suggest.ts'

export { configFileName }

export type RuleSetting = SeveritySetting | [SeveritySetting, Record<string, unknown>]

/** The documented configuration: `backend-team.config.json`, or the `backend-team` key of package.json. */
export interface Config {
  rules: Record<string, RuleSetting>
  overrides: { files: string[]; rules: Record<string, RuleSetting> }[]
  ignore: string[]
  externalAgents: string[]
  externalSkills: string[]
  skillProfile: 'claude-code' | 'agent-skills'
  /** Warn about disable comments that silence nothing (`--report-unused-disable-directives`). */
  reportUnusedDisableDirectives: boolean
}

/** A configuration problem: the run stops with exit code 2 and this message. */
export class ConfigError extends Error {}

export function defaultConfig(): Config {
  return {
    rules: {},
    overrides: [],
    ignore: [],
    externalAgents: [],
    externalSkills: [],
    skillProfile: 'claude-code',
    reportUnusedDisableDirectives: false,
  }
}

/** Reads the configuration from `explicitPath`, or the nearest configuration file at or above the project `root`. */
export function loadConfig(root: string, explicitPath?: string): { config: Config; path: string | null } {
  const found = explicitPath ?? findConfigFile(root)
  for (const path of found ? [found] : []) {
    if (!existsSync(path)) {
      if (explicitPath) throw new ConfigError(`${path}: configuration file not found`)
      continue
    }
    // Through the loader: a FIFO or a device is refused, a huge file costs a stat, and a found file that links out of
    // the folder it was found in is not read (its parse error would quote someone else's file).
    const read = !explicitPath && !new ProjectBoundary([dirname(path)]).contains(path) ? outsideProject : readSource(path)
    if (!read.ok) throw new ConfigError(`${path}: cannot read the configuration: ${read.detail}`)
    let raw: unknown
    try {
      raw = parseConfigText(read.text)
    } catch (error) {
      throw new ConfigError(`${path}: invalid JSON: ${(error as Error).message}`)
    }
    if (path.endsWith('package.json')) {
      raw = (raw as Record<string, unknown>)?.['backend-team']
      if (raw === undefined) continue
    }
    return { config: parseConfig(raw, path), path }
  }
  return { config: defaultConfig(), path: null }
}

/** Parses a configuration file's text: JSON with comments and trailing commas, as editors write `jsonc`. */
export function parseConfigText(text: string): unknown {
  const errors: ParseError[] = []
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false })
  const first = errors[0]
  if (first) {
    const before = text.slice(0, first.offset).split('\n')
    throw new Error(`line ${before.length}, column ${before.at(-1)!.length + 1}: ${printParseErrorCode(first.error)}`)
  }
  return value
}

const topLevelKeys = [
  '$schema',
  'rules',
  'overrides',
  'ignore',
  'externalAgents',
  'externalSkills',
  'skillProfile',
  'reportUnusedDisableDirectives',
]

/** ESLint's spellings of a severity, so a rule block copied from an ESLint config reads as meant. */
const severityAliases: Record<string, SeveritySetting> = {
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  off: 'off',
  2: 'error',
  1: 'warning',
  0: 'off',
}

function normaliseSeverity(value: unknown): SeveritySetting | undefined {
  return (typeof value === 'string' || typeof value === 'number') && Object.hasOwn(severityAliases, value)
    ? severityAliases[value]
    : undefined
}

export function parseConfig(raw: unknown, where: string, knownRules?: Set<string>): Config {
  const fail = (message: string): never => {
    throw new ConfigError(`${where}: ${message}`)
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('expected an object')
  const input = raw as Record<string, unknown>
  const config = defaultConfig()
  for (const key of Object.keys(input))
    if (!topLevelKeys.includes(key))
      fail(`unexpected key \`${key}\`${didYouMean(key, topLevelKeys)}, expected one of ${topLevelKeys.join(', ')}`)
  const strings = (value: unknown, name: string): string[] => {
    if (value === undefined) return []
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(`\`${name}\` must be an array of strings`)
    return value as string[]
  }
  const rules = (value: unknown, name: string): Record<string, RuleSetting> => {
    if (value === undefined) return {}
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail(`\`${name}\` must be an object of rule id → severity`)
    const out: Record<string, RuleSetting> = {}
    for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
      if (knownRules && !knownRules.has(id)) fail(`unknown rule \`${id}\` in \`${name}\`${didYouMean(id, knownRules)}`)
      const severity = normaliseSeverity(Array.isArray(setting) ? setting[0] : setting)
      if (!severity) fail(`\`${name}.${id}\` must be "error", "warning" (or "warn"), "off", 2, 1 or 0, or [severity, options]`)
      if (
        Array.isArray(setting) &&
        (setting.length !== 2 || typeof setting[1] !== 'object' || setting[1] === null || Array.isArray(setting[1]))
      )
        fail(`\`${name}.${id}\` options must be an object`)
      out[id] = Array.isArray(setting) ? [severity!, setting[1] as Record<string, unknown>] : severity!
    }
    return out
  }
  config.rules = rules(input.rules, 'rules')
  if (input.overrides !== undefined) {
    if (!Array.isArray(input.overrides)) fail('`overrides` must be an array')
    config.overrides = (input.overrides as unknown[]).map((o, i) => {
      if (!o || typeof o !== 'object' || Array.isArray(o)) fail(`\`overrides[${i}]\` must be an object with \`files\` and \`rules\``)
      const entry = o as Record<string, unknown>
      for (const key of Object.keys(entry))
        if (key !== 'files' && key !== 'rules')
          fail(`unexpected key \`overrides[${i}].${key}\`${didYouMean(key, ['files', 'rules'])}, expected files, rules`)
      return { files: strings(entry.files, `overrides[${i}].files`), rules: rules(entry.rules, `overrides[${i}].rules`) }
    })
  }
  config.ignore = strings(input.ignore, 'ignore')
  config.externalAgents = strings(input.externalAgents, 'externalAgents')
  config.externalSkills = strings(input.externalSkills, 'externalSkills')
  if (input.skillProfile !== undefined) {
    if (input.skillProfile !== 'claude-code' && input.skillProfile !== 'agent-skills')
      fail(
        `\`skillProfile\` must be "claude-code" or "agent-skills"${typeof input.skillProfile === 'string' ? didYouMean(input.skillProfile, ['claude-code', 'agent-skills']) : ''}`,
      )
    config.skillProfile = input.skillProfile as Config['skillProfile']
  }
  if (input.reportUnusedDisableDirectives !== undefined) {
    if (typeof input.reportUnusedDisableDirectives !== 'boolean') fail('`reportUnusedDisableDirectives` must be true or false')
    config.reportUnusedDisableDirectives = input.reportUnusedDisableDirectives as boolean
  }
  return config
}

/** What the settings check needs of a rule: its id and the JSON Schema of its options, if it takes any. */
export interface RuleOptionsMeta {
  id: string
  optionsSchema?: object
}

/**
 * Checks the rule settings against the rules themselves: every id names a rule and every options object passes
 * that rule's `optionsSchema` (a rule without one takes no options). A failure is a ConfigError naming the file,
 * the setting's path and the closest rule id.
 */
export function checkRuleSettings(config: Config, rules: readonly RuleOptionsMeta[], where: string): void {
  const byId = new Map(rules.map((r) => [r.id, r]))
  const blocks = [
    { name: 'rules', rules: config.rules },
    ...config.overrides.map((o, i) => ({ name: `overrides[${i}].rules`, rules: o.rules })),
  ]
  for (const block of blocks) {
    for (const [id, setting] of Object.entries(block.rules)) {
      const path = `${block.name}.${id}`
      const rule = byId.get(id)
      if (!rule)
        throw new ConfigError(`${where}: ${path}: unknown rule \`${id}\`${didYouMean(id, byId.keys())}; \`backend-team rules\` lists them`)
      if (!Array.isArray(setting)) continue
      const options = setting[1]
      if (!rule.optionsSchema) {
        if (Object.keys(options).length > 0)
          throw new ConfigError(
            `${where}: ${path}: \`${id}\` takes no options, found ${Object.keys(options)
              .map((k) => `\`${k}\``)
              .join(', ')}`,
          )
        continue
      }
      const validate = compiledOptionsSchema(rule.optionsSchema)
      if (validate(options)) continue
      const problem = describeErrors(validate.errors, options)[0]
      const at = problem?.path.length ? `[1].${problem.path.join('.')}` : '[1]'
      const suggestion = problem?.atKey
        ? didYouMean(String(problem.path.at(-1)), Object.keys((rule.optionsSchema as { properties?: object }).properties ?? {}))
        : ''
      throw new ConfigError(`${where}: ${path}${at}: ${problem?.message ?? 'invalid options'}${suggestion}`)
    }
  }
}

const optionsValidators = new Map<object, ValidateFunction>()
let optionsAjv: Ajv2020 | null = null

function compiledOptionsSchema(schema: object): ValidateFunction {
  let fn = optionsValidators.get(schema)
  if (!fn) {
    optionsAjv ??= new Ajv2020({ allErrors: true, strict: true, verbose: true })
    optionsValidators.set(schema, (fn = optionsAjv.compile(schema)))
  }
  return fn
}

/** Resolves a rule's severity and options for one file (path relative to the config's folder, POSIX separators). */
export function ruleSettingFor(
  config: Config,
  ruleId: string,
  relPath: string,
  fallback: SeveritySetting,
): { severity: SeveritySetting; options: Record<string, unknown> } {
  let setting: RuleSetting = config.rules[ruleId] ?? fallback
  for (const override of config.overrides) {
    const rule = override.rules[ruleId]
    if (rule !== undefined && override.files.some((glob) => picomatch.isMatch(relPath, glob, { dot: true }))) setting = rule
  }
  return Array.isArray(setting) ? { severity: setting[0], options: setting[1] } : { severity: setting, options: {} }
}
