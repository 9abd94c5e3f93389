import { basename, dirname } from 'node:path'
import type { LoadedFile } from './load/loaded-file.ts'

/** Agent types Claude Code ships; a custom agent of the same name replaces one. */
export const builtInAgentTypes = new Set(['general-purpose', 'Explore', 'Plan', 'statusline-setup', 'claude', 'claude-code-guide', 'fork'])

export interface AgentRecord {
  file: LoadedFile
  /** The `name` Claude Code loads the agent under (plugin agents fall back to the file stem). */
  name: string
  /** Plugin-namespaced id (`plugin:name`), when the agent comes from a plugin. */
  qualified?: string
}

export interface SkillRecord {
  file: LoadedFile
  /** The command name: the skill's directory. */
  dir: string
  /** Front-matter `name`, when set. */
  displayName?: string
  pluginName?: string
  hiddenFromModel: boolean
}

/** The names a project defines, for the cross-file checks. */
export interface Project {
  files: LoadedFile[]
  agents: AgentRecord[]
  skills: SkillRecord[]
  /** Names that exist outside the checked files (configuration). */
  externalAgents: Set<string>
  externalSkills: Set<string>
}

const truthy = /^(?:true|yes|on|1)$/i

export function buildProject(files: LoadedFile[], externals: { agents: string[]; skills: string[] }): Project {
  const agents: AgentRecord[] = []
  const skills: SkillRecord[] = []
  for (const file of files) {
    if (!file.read.ok) continue
    const data = file.data
    if (file.kind === 'agent') {
      const plugin = file.scope.pluginName
      const declared = typeof data.name === 'string' && data.name !== '' ? data.name : undefined
      const name = declared ?? (plugin ? basename(file.path, '.md') : undefined)
      if (!name) continue
      agents.push({ file, name, ...(plugin ? { qualified: `${plugin}:${name}` } : {}) })
    } else if (file.kind === 'skill') {
      const hidden = data['disable-model-invocation']
      skills.push({
        file,
        dir: basename(dirname(file.path)),
        ...(typeof data.name === 'string' ? { displayName: data.name } : {}),
        ...(file.scope.pluginName ? { pluginName: file.scope.pluginName } : {}),
        hiddenFromModel: hidden === true || hidden === 1 || (typeof hidden === 'string' && truthy.test(hidden)),
      })
    }
  }
  return { files, agents, skills, externalAgents: new Set(externals.agents), externalSkills: new Set(externals.skills) }
}

/** Resolves a `skills:` entry the way Claude Code does: exact or display name, then `plugin:skill`, then `*:skill`. */
export function findSkill(project: Project, ref: string): SkillRecord | undefined {
  const exact = project.skills.find((s) => s.dir === ref || s.displayName === ref)
  if (exact) return exact
  const colon = ref.indexOf(':')
  if (colon !== -1) {
    const plugin = ref.slice(0, colon)
    const rest = ref.slice(colon + 1)
    return project.skills.find((s) => s.pluginName === plugin && (s.dir === rest || s.displayName === rest))
  }
  return project.skills.find((s) => s.pluginName !== undefined && s.dir === ref)
}

/**
 * Whether an agent type can be dispatched. A bare name matches any agent's name, since a pack may be copied into
 * `.claude/` (bare names) or installed as a plugin (`plugin:name`); a qualified name must match a plugin agent.
 */
export function agentExists(project: Project, ref: string): boolean {
  if (builtInAgentTypes.has(ref) || project.externalAgents.has(ref)) return true
  return project.agents.some((a) => a.name === ref || a.qualified === ref)
}

export function skillExists(project: Project, ref: string): boolean {
  return project.externalSkills.has(ref) || findSkill(project, ref) !== undefined
}
