import { existsSync, readFileSync } from 'node:fs'
import picomatch from 'picomatch'
import { configFileName, findConfigFile } from './config-location.ts'
import type { SeveritySetting } from './diagnostics.ts'

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
}

/** A configuration problem: the run stops with exit code 2 and this message. */
export class ConfigError extends Error {}

const severities = new Set(['error', 'warning', 'off'])

export function defaultConfig(): Config {
  return { rules: {}, overrides: [], ignore: [], externalAgents: [], externalSkills: [], skillProfile: 'claude-code' }
}

/** Reads the configuration from `explicitPath`, or the nearest configuration file at or above the project `root`. */
export function loadConfig(root: string, explicitPath?: string): { config: Config; path: string | null } {
  const found = explicitPath ?? findConfigFile(root)
  for (const path of found ? [found] : []) {
    if (!existsSync(path)) {
      if (explicitPath) throw new ConfigError(`${path}: configuration file not found`)
      continue
    }
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'))
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

export function parseConfig(raw: unknown, where: string, knownRules?: Set<string>): Config {
  const fail = (message: string): never => {
    throw new ConfigError(`${where}: ${message}`)
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('expected an object')
  const input = raw as Record<string, unknown>
  const config = defaultConfig()
  const allowed = new Set(['$schema', 'rules', 'overrides', 'ignore', 'externalAgents', 'externalSkills', 'skillProfile'])
  for (const key of Object.keys(input)) if (!allowed.has(key)) fail(`unexpected key \`${key}\`, expected one of ${[...allowed].join(', ')}`)
  const strings = (value: unknown, name: string): string[] => {
    if (value === undefined) return []
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(`\`${name}\` must be an array of strings`)
    return value as string[]
  }
  const rules = (value: unknown, name: string): Record<string, RuleSetting> => {
    if (value === undefined) return {}
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail(`\`${name}\` must be an object of rule id → severity`)
    for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
      if (knownRules && !knownRules.has(id)) fail(`unknown rule \`${id}\` in \`${name}\``)
      const severity = Array.isArray(setting) ? setting[0] : setting
      if (typeof severity !== 'string' || !severities.has(severity)) fail(`\`${name}.${id}\` must be "error", "warning" or "off" (or [severity, options])`)
      if (Array.isArray(setting) && (setting.length !== 2 || typeof setting[1] !== 'object' || setting[1] === null)) fail(`\`${name}.${id}\` options must be an object`)
    }
    return value as Record<string, RuleSetting>
  }
  config.rules = rules(input.rules, 'rules')
  if (input.overrides !== undefined) {
    if (!Array.isArray(input.overrides)) fail('`overrides` must be an array')
    config.overrides = (input.overrides as unknown[]).map((o, i) => {
      const entry = o as Record<string, unknown>
      return { files: strings(entry?.files, `overrides[${i}].files`), rules: rules(entry?.rules, `overrides[${i}].rules`) }
    })
  }
  config.ignore = strings(input.ignore, 'ignore')
  config.externalAgents = strings(input.externalAgents, 'externalAgents')
  config.externalSkills = strings(input.externalSkills, 'externalSkills')
  if (input.skillProfile !== undefined) {
    if (input.skillProfile !== 'claude-code' && input.skillProfile !== 'agent-skills') fail('`skillProfile` must be "claude-code" or "agent-skills"')
    config.skillProfile = input.skillProfile as Config['skillProfile']
  }
  return config
}

/** Resolves a rule's severity and options for one file (path relative to the config's folder, POSIX separators). */
export function ruleSettingFor(config: Config, ruleId: string, relPath: string, fallback: SeveritySetting): { severity: SeveritySetting; options: Record<string, unknown> } {
  let setting: RuleSetting = config.rules[ruleId] ?? fallback
  for (const override of config.overrides) {
    const rule = override.rules[ruleId]
    if (rule !== undefined && override.files.some((glob) => picomatch.isMatch(relPath, glob, { dot: true }))) setting = rule
  }
  return Array.isArray(setting) ? { severity: setting[0], options: setting[1] } : { severity: setting, options: {} }
}
