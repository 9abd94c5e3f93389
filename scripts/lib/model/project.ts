import { basename, dirname } from 'node:path'
import type { LoadedFile } from '../load/loaded-file.ts'
import type { ProjectDisk } from '../load/project-disk.ts'

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
  /** Paths beyond the loaded files, answered inside the project only. */
  disk: ProjectDisk
  /** Lookups built once, so resolving a name costs the same on ten files as on ten thousand. */
  index: {
    /** Every agent name and plugin-qualified id. */
    agentIds: Set<string>
    /** First skill by directory or display name. */
    skillByName: Map<string, SkillRecord>
    /** First plugin skill by `plugin:directory` or `plugin:display name`. */
    skillByQualified: Map<string, SkillRecord>
    /** First plugin skill by bare directory (Claude Code's `*:skill` fallback). */
    pluginSkillByDir: Map<string, SkillRecord>
  }
}

const truthy = /^(?:true|yes|on|1)$/i

export function buildProject(files: LoadedFile[], externals: { agents: string[]; skills: string[] }, disk: ProjectDisk): Project {
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
  return {
    files,
    agents,
    skills,
    externalAgents: new Set(externals.agents),
    externalSkills: new Set(externals.skills),
    disk,
    index: buildIndex(agents, skills),
  }
}

function buildIndex(agents: AgentRecord[], skills: SkillRecord[]): Project['index'] {
  const first = <T>(map: Map<string, T>, key: string | undefined, value: T) => {
    if (key !== undefined && !map.has(key)) map.set(key, value)
  }
  const index: Project['index'] = { agentIds: new Set(), skillByName: new Map(), skillByQualified: new Map(), pluginSkillByDir: new Map() }
  for (const a of agents) {
    index.agentIds.add(a.name)
    if (a.qualified) index.agentIds.add(a.qualified)
  }
  for (const s of skills) {
    first(index.skillByName, s.dir, s)
    first(index.skillByName, s.displayName, s)
    if (!s.pluginName) continue
    first(index.skillByQualified, `${s.pluginName}:${s.dir}`, s)
    if (s.displayName !== undefined) first(index.skillByQualified, `${s.pluginName}:${s.displayName}`, s)
    first(index.pluginSkillByDir, s.dir, s)
  }
  return index
}

/** Resolves a `skills:` entry the way Claude Code does: exact or display name, then `plugin:skill`, then `*:skill`. */
export function findSkill(project: Project, ref: string): SkillRecord | undefined {
  const { skillByName, skillByQualified, pluginSkillByDir } = project.index
  return skillByName.get(ref) ?? (ref.includes(':') ? skillByQualified.get(ref) : pluginSkillByDir.get(ref))
}

/**
 * Whether an agent type can be dispatched. A bare name matches any agent's name, since a pack may be copied into
 * `.claude/` (bare names) or installed as a plugin (`plugin:name`); a qualified name must match a plugin agent.
 */
export function agentExists(project: Project, ref: string): boolean {
  return builtInAgentTypes.has(ref) || project.externalAgents.has(ref) || project.index.agentIds.has(ref)
}

const nameLists = new WeakMap<Project, { agents: string[]; skills: string[] }>()

function namesOf(project: Project): { agents: string[]; skills: string[] } {
  let names = nameLists.get(project)
  if (!names) {
    names = {
      agents: [
        ...new Set([
          ...builtInAgentTypes,
          ...project.externalAgents,
          ...project.agents.flatMap((a) => [a.name, ...(a.qualified ? [a.qualified] : [])]),
        ]),
      ],
      skills: [
        ...new Set([
          ...project.skills.flatMap((s) => [
            s.dir,
            ...(s.displayName ? [s.displayName] : []),
            ...(s.pluginName ? [`${s.pluginName}:${s.dir}`] : []),
          ]),
          ...project.externalSkills,
        ]),
      ],
    }
    nameLists.set(project, names)
  }
  return names
}

/** Every name an agent can be dispatched by (built-in, external, own and plugin-qualified), for "did you mean". */
export function agentNames(project: Project): readonly string[] {
  return namesOf(project).agents
}

/** Every name a skill can be loaded by (directory, display name, plugin-qualified, external), for "did you mean". */
export function skillNames(project: Project): readonly string[] {
  return namesOf(project).skills
}
