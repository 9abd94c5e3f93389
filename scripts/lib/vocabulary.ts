import vocabularySchema from '../../schemas/vocabulary.schema.json' with { type: 'json' }
import agentSchema from '../../schemas/agent.schema.json' with { type: 'json' }
import skillSchema from '../../schemas/skill.schema.json' with { type: 'json' }
import commandSchema from '../../schemas/command.schema.json' with { type: 'json' }

/** The Claude Code release the vocabulary describes. */
export const claudeCodeVersion = vocabularySchema.$comment.replace(/^claude-code\s+/, '')

const defs = vocabularySchema.$defs
const setOf = (values: readonly string[]) => new Set(values)

export const toolNames = setOf(defs.toolName.enum)
export const gatedToolNames = setOf(defs.gatedToolName.enum)
export const mainThreadOnlyToolNames = setOf(defs.mainThreadOnlyToolName.enum)
export const removedToolNames = setOf(defs.removedToolName.enum)
export const legacyToolReplacement: Readonly<Record<string, string>> = defs.legacyToolAlias['x-replacement']
export const modelAliases = setOf(defs.modelAlias.enum)
export const modelIdPattern = new RegExp(defs.modelId.pattern)
export const hookEvents = setOf(defs.hookEvent.enum)

/** Front-matter keys Claude Code reads, per file kind, taken from the schemas. */
export const knownKeys = {
  agent: setOf(Object.keys(agentSchema.properties)),
  skill: setOf(Object.keys(skillSchema.properties)),
  command: setOf(Object.keys(commandSchema.properties)),
} as const

export type ToolClass = 'tool' | 'gated' | 'main-thread-only' | 'removed' | 'legacy' | 'mcp' | 'unknown'

/** Sorts a bare tool name (no parentheses) into what Claude Code does with it. */
export function classifyTool(name: string): ToolClass {
  if (toolNames.has(name)) return 'tool'
  if (name in legacyToolReplacement) return 'legacy'
  if (gatedToolNames.has(name)) return 'gated'
  if (mainThreadOnlyToolNames.has(name)) return 'main-thread-only'
  if (removedToolNames.has(name)) return 'removed'
  if (/^mcp__[A-Za-z0-9_-]+(?:__(?:[A-Za-z0-9_-]+|\*))?$/.test(name) || name === 'mcp__*') return 'mcp'
  return 'unknown'
}

/** Every tool name Claude Code would recognise, for "did you mean" suggestions. */
export const allKnownToolNames: readonly string[] = [
  ...toolNames, ...gatedToolNames, ...mainThreadOnlyToolNames,
]

/** Whether Claude Code resolves `model` (an alias in any case, or a full Claude model id). */
export function isKnownModel(model: string): boolean {
  return modelAliases.has(model.toLowerCase()) || modelIdPattern.test(model)
}
