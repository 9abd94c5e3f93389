import pluginSchema from '../../../schemas/plugin.schema.json' with { type: 'json' }
import marketplaceSchema from '../../../schemas/marketplace.schema.json' with { type: 'json' }

/** Fields of plugin.json and marketplace.json that Claude Code reads, taken from the schemas. */
export const pluginFields: ReadonlySet<string> = new Set(Object.keys(pluginSchema.properties))
export const marketplaceFields: ReadonlySet<string> = new Set(Object.keys(marketplaceSchema.properties))
export const marketplaceMetadataFields: ReadonlySet<string> = new Set(Object.keys(marketplaceSchema.properties.metadata.properties))
const entryOwn = Object.keys(marketplaceSchema.properties.plugins.items.properties)
/** A marketplace entry takes every plugin.json field as well as its own. */
export const marketplaceEntryFields: ReadonlySet<string> = new Set([...entryOwn, ...[...pluginFields].filter((f) => f !== '$schema')])
/** Fields only a marketplace entry has (`category`, `tags`, `strict`, `source`, …). */
export const marketplaceOnlyFields: ReadonlySet<string> = new Set(entryOwn.filter((f) => !pluginFields.has(f)))

/** plugin.json fields that name files or folders in the plugin. */
export const componentPathKeys = pluginSchema.$defs.componentPathKey.enum as readonly ComponentPathKey[]
export type ComponentPathKey =
  'commands' | 'agents' | 'skills' | 'hooks' | 'mcpServers' | 'lspServers' | 'outputStyles' | 'workflows' | 'themes' | 'monitors'
/** The endings Claude Code requires of string component paths that must name files (`hooks` → `.json`). */
export const componentPathSuffixes: Readonly<Partial<Record<ComponentPathKey, readonly string[]>>> =
  pluginSchema.$defs.componentPathSuffix['x-note']
/** Components Claude Code wants declared under `experimental`. */
export const experimentalComponents: ReadonlySet<string> = new Set(pluginSchema.$defs.experimentalComponent.enum)
const pathKeySet: ReadonlySet<string> = new Set(componentPathKeys)

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Every string path in a manifest's component fields, a single string or the strings of a list, with its JSON path. */
export function componentPaths(manifest: Record<string, unknown>): { key: ComponentPathKey; path: (string | number)[]; value: string }[] {
  const out: { key: ComponentPathKey; path: (string | number)[]; value: string }[] = []
  for (const key of componentPathKeys) {
    const value = manifest[key]
    if (typeof value === 'string') out.push({ key, path: [key], value })
    else if (Array.isArray(value)) value.forEach((v, i) => typeof v === 'string' && out.push({ key, path: [key, i], value: v }))
  }
  return out
}

/**
 * Whether a schema problem at `path` of a manifest belongs to a more specific check: string component paths to
 * `plugin/paths`, inline hook maps to `plugin/hooks`.
 */
export function ownedByComponentChecks(manifest: Record<string, unknown>, path: readonly (string | number)[]): boolean {
  const [key, index] = path
  if (typeof key !== 'string' || !pathKeySet.has(key)) return false
  const top = manifest[key]
  const item: unknown = Array.isArray(top) && typeof index === 'number' ? (top as unknown[])[index] : top
  return typeof item === 'string' || (key === 'hooks' && isRecord(item))
}
