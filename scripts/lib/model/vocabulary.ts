import vocabularySchema from '../../../schemas/vocabulary.schema.json' with { type: 'json' }
import agentSchema from '../../../schemas/agent.schema.json' with { type: 'json' }
import skillSchema from '../../../schemas/skill.schema.json' with { type: 'json' }
import commandSchema from '../../../schemas/command.schema.json' with { type: 'json' }

/** The Claude Code release the vocabulary describes. */
export const claudeCodeVersion = vocabularySchema.$comment.replace(/^claude-code\s+/, '')

const defs = vocabularySchema.$defs
const setOf = (values: readonly string[]) => new Set(values)

export const toolNames = setOf(defs.toolName.enum)
export const gatedToolNames = setOf(defs.gatedToolName.enum)
/** Why some gated tools deserve a warning: the condition under which Claude Code offers them. */
export const gatedToolConditions: Readonly<Record<string, string>> = defs.gatedToolName['x-note']
export const mainThreadOnlyToolNames = setOf(defs.mainThreadOnlyToolName.enum)
export const backgroundSubagentToolNames = setOf(defs.backgroundSubagentToolName.enum)
export const removedToolNames = setOf([...defs.removedToolName.enum, ...defs.retiredToolName.enum])
export const legacyToolReplacement: Readonly<Record<string, string>> = defs.legacyToolAlias['x-replacement']
export const modelAliases = setOf(defs.modelAlias.enum)
export const modelIdPattern = new RegExp(defs.modelId.pattern)
export const hookEvents = setOf(defs.hookEvent.enum)
export const guardHookEvents = setOf(defs.guardHookEvent.enum)
export const writeToolNames = setOf(defs.writeToolName.enum)
export const shadowedByBash = setOf(defs.shadowedByBash.enum)
export const planModeToolNames = setOf(defs.planModeToolName.enum)
const mcpToolPattern = new RegExp(defs.mcpToolPattern.pattern)

/** Agent keys only plugin agents read, and what plugin agents ignore (with the advice for each). */
export const pluginAgentOnlyKeys = setOf(defs.pluginAgentOnlyKey.enum)
export const ignoredInPluginAgents: Readonly<Record<string, string>> = defs.pluginAgentIgnoredKey['x-note']
export const pluginAgentIsolations = setOf(defs.pluginAgentIsolation.enum)

/** The keys of each file kind that hold tool lists. */
export const toolListKeys: Readonly<Record<'agent' | 'skill' | 'command', readonly string[]>> = defs.toolListKey['x-note']

/** Front-matter keys Claude Code reads, per file kind, taken from the schemas; project agents lack the plugin-only ones. */
export const knownKeys = {
  agent: setOf(Object.keys(agentSchema.properties).filter((k) => !pluginAgentOnlyKeys.has(k))),
  pluginAgent: setOf(Object.keys(agentSchema.properties)),
  skill: setOf(Object.keys(skillSchema.properties)),
  command: setOf(Object.keys(commandSchema.properties)),
} as const

/** The keys Claude Code reads in `file`'s front matter: plugin agents know a few more than project agents. */
export function knownKeysFor(file: { kind: string; scope: { kind: string } }): ReadonlySet<string> {
  if (file.kind === 'agent') return file.scope.kind === 'plugin' ? knownKeys.pluginAgent : knownKeys.agent
  return knownKeys[file.kind as 'skill' | 'command']
}

export type ToolClass = 'tool' | 'gated' | 'main-thread-only' | 'removed' | 'legacy' | 'mcp' | 'unknown'

/** Sorts a bare tool name (no parentheses) into what Claude Code does with it. */
export function classifyTool(name: string): ToolClass {
  if (toolNames.has(name)) return 'tool'
  if (Object.hasOwn(legacyToolReplacement, name)) return 'legacy'
  if (gatedToolNames.has(name)) return 'gated'
  if (mainThreadOnlyToolNames.has(name)) return 'main-thread-only'
  if (removedToolNames.has(name)) return 'removed'
  if (mcpToolPattern.test(name)) return 'mcp'
  return 'unknown'
}

/** Whether `name` is the Agent tool under its current or a legacy name (`Task`). */
export const isAgentTool = (name: string) => name === 'Agent' || legacyToolReplacement[name] === 'Agent'

/** Every tool name Claude Code would recognise, for "did you mean" suggestions. */
export const allKnownToolNames: readonly string[] = [...toolNames, ...gatedToolNames, ...mainThreadOnlyToolNames]

/** Whether Claude Code resolves `model`: an alias in any case, or a Claude model id (bare, Bedrock, Vertex, gateway). */
export function isKnownModel(model: string): boolean {
  const lower = model.trim().toLowerCase()
  return modelAliases.has(lower) || modelIdPattern.test(lower)
}

/** Keys that belong to another file kind, with what they do where they were written. */
export const foreignKeys: Readonly<Record<'agent' | 'skill' | 'command', Readonly<Record<string, string>>>> = defs.foreignKey['x-note']
