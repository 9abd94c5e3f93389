// Compares the vocabulary in schemas/ with what the installed Claude Code CLI defines (runtime-vocabulary.ts).
// Each difference is one line that names the set, the value, and which side has it.
import type { RuntimeVocabulary } from './runtime-vocabulary.ts'

/** The parts of schemas/ the drift check reads, as plain JSON (so a test can hand in a modified copy). */
export interface SchemaData {
  vocabulary: {
    $comment: string
    $defs: Record<string, { enum?: string[]; 'x-replacement'?: Record<string, string>; 'x-note'?: Record<string, unknown> }>
  }
  agent: { properties: Record<string, unknown> }
  skill: { properties: Record<string, unknown> }
  command: { properties: Record<string, unknown> }
  hooks: { properties: Record<string, unknown> }
  plugin: {
    properties: Record<string, unknown> & {
      channels: { items: { properties: Record<string, unknown> } }
      userConfig: { additionalProperties: { properties: Record<string, unknown> } }
    }
    $defs: Record<string, { enum?: string[]; properties?: Record<string, unknown> }>
  }
  marketplace: { properties: { plugins: { items: { properties: Record<string, unknown> } } }; $defs: Record<string, { enum?: string[] }> }
}

function diffSets(what: string, schema: Iterable<string>, cli: Iterable<string>): string[] {
  const s = new Set(schema)
  const c = new Set(cli)
  return [
    ...[...s]
      .filter((v) => !c.has(v))
      .sort()
      .map((v) => `${what}: schemas/ has \`${v}\`, the CLI does not`),
    ...[...c]
      .filter((v) => !s.has(v))
      .sort()
      .map((v) => `${what}: the CLI has \`${v}\`, schemas/ does not`),
  ]
}

const enumOf = (data: SchemaData, def: string): string[] => {
  const values = data.vocabulary.$defs[def]?.enum
  if (!values) throw new Error(`schemas/vocabulary.schema.json has no enum $defs.${def}`)
  return values
}

/**
 * Every difference between schemas/ and the CLI. `hasLiteral` says whether the bundle holds a string literal, for
 * feature-gated tool names that appear in no list the CLI exports.
 */
export function vocabularyDrift(data: SchemaData, cli: RuntimeVocabulary, hasLiteral: (value: string) => boolean): string[] {
  const out: string[] = []
  const always = enumOf(data, 'toolName')
  const gated = enumOf(data, 'gatedToolName')
  const mainThreadOnly = enumOf(data, 'mainThreadOnlyToolName')
  const classified = new Set([...always, ...gated, ...mainThreadOnly])
  for (const tool of cli.knownTools) {
    if (!classified.has(tool))
      out.push(`tool names: the CLI knows \`${tool}\`, schemas/ classifies it nowhere (toolName, gatedToolName, mainThreadOnlyToolName)`)
  }
  const cliNames = new Set([...cli.knownTools, ...cli.strippedFromSubagents, ...cli.backgroundSubagentTools])
  for (const tool of classified) {
    if (!cliNames.has(tool) && !hasLiteral(tool)) out.push(`tool names: schemas/ has \`${tool}\`, the CLI has no such name`)
  }
  for (const tool of always)
    if (!cli.knownTools.includes(tool))
      out.push(`toolName: \`${tool}\` is not in the CLI's list of built-in tools, so it is not always available`)
  out.push(...diffSets('removedToolName', enumOf(data, 'removedToolName'), cli.removedTools))
  for (const tool of enumOf(data, 'retiredToolName'))
    if (cliNames.has(tool) || cli.removedTools.includes(tool)) out.push(`retiredToolName: the CLI knows \`${tool}\` again`)
  out.push(...diffSets('mainThreadOnlyToolName (removed from every subagent)', mainThreadOnly, cli.strippedFromSubagents))
  out.push(...diffSets('mainThreadOnlyToolName (removed from custom subagents)', mainThreadOnly, cli.strippedFromCustomSubagents))
  out.push(...diffSets('backgroundSubagentToolName', enumOf(data, 'backgroundSubagentToolName'), cli.backgroundSubagentTools))
  const legacy = data.vocabulary.$defs.legacyToolAlias?.['x-replacement'] ?? {}
  out.push(
    ...diffSets(
      'legacyToolAlias',
      Object.entries(legacy).map(([k, v]) => `${k}→${v}`),
      Object.entries(cli.legacyAliases).map(([k, v]) => `${k}→${v}`),
    ),
  )

  const pluginOnly = enumOf(data, 'pluginAgentOnlyKey')
  out.push(
    ...diffSets(
      'agent keys',
      Object.keys(data.agent.properties).filter((k) => !pluginOnly.includes(k)),
      cli.agentKeys,
    ),
  )
  out.push(...diffSets('pluginAgentOnlyKey', pluginOnly, cli.pluginAgentExtraKeys))
  out.push(...diffSets('pluginAgentIgnoredKey', enumOf(data, 'pluginAgentIgnoredKey'), cli.pluginAgentIgnoredKeys))
  const portableOnly = enumOf(data, 'portableOnlySkillKey')
  out.push(
    ...diffSets(
      'skill keys',
      Object.keys(data.skill.properties).filter((k) => !portableOnly.includes(k)),
      cli.skillKeys,
    ),
  )
  // Commands go through the skill loader without `paths`.
  out.push(
    ...diffSets(
      'command keys',
      Object.keys(data.command.properties),
      cli.skillKeys.filter((k) => k !== 'paths'),
    ),
  )

  out.push(...diffSets('hookEvent', enumOf(data, 'hookEvent'), cli.hookEvents))
  out.push(...diffSets('guardHookEvent', enumOf(data, 'guardHookEvent'), cli.guardHookEvents))
  const hookKeys = (data.vocabulary.$defs.hookCommand?.['x-note'] ?? {}) as Record<string, string[]>
  out.push(...diffSets('hook types', Object.keys(hookKeys), Object.keys(cli.hookTypeKeys)))
  for (const [type, keys] of Object.entries(cli.hookTypeKeys)) {
    const ours = hookKeys[type]
    if (ours) out.push(...diffSets(`${type} hook keys`, ours, keys))
  }
  out.push(...diffSets('hooks.json keys', Object.keys(data.hooks.properties), cli.hooksFileKeys))
  out.push(
    ...diffSets(
      'permissionMode',
      enumOf(data, 'permissionMode').filter((m) => m !== 'manual'),
      cli.permissionModes,
    ),
  )
  out.push(...diffSets('color', enumOf(data, 'color'), cli.colors))

  const listing = data.plugin.$defs.listingField?.enum ?? []
  out.push(...diffSets('plugin.json listing fields', listing, cli.pluginListingFields))
  for (const field of listing)
    if (!(field in data.plugin.properties)) out.push(`plugin.json listing fields: \`${field}\` is not a property of plugin.schema.json`)
  const entry = Object.keys(data.marketplace.properties.plugins.items.properties)
  const pluginFields = new Set(Object.keys(data.plugin.properties))
  out.push(
    ...diffSets(
      'marketplace entry fields',
      entry.filter((k) => !pluginFields.has(k) || k === 'name'),
      cli.marketplaceEntryOwnFields,
    ),
  )
  out.push(...diffSets('reserved marketplace names', data.marketplace.$defs.reservedName?.enum ?? [], cli.reservedMarketplaceNames))
  const strict: [string, Record<string, unknown> | undefined, string[]][] = [
    ['inline LSP server keys', data.plugin.$defs.lspServer?.properties, cli.lspServerKeys],
    ['monitor keys', data.plugin.$defs.monitor?.properties, cli.monitorKeys],
    ['channel keys', data.plugin.properties.channels.items.properties, cli.channelKeys],
    ['userConfig option keys', data.plugin.properties.userConfig.additionalProperties.properties, cli.userConfigOptionKeys],
  ]
  for (const [what, properties, keys] of strict) out.push(...diffSets(what, Object.keys(properties ?? {}), keys))
  return out
}
