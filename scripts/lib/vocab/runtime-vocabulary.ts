// What the installed Claude Code CLI itself knows: tool names, front-matter key sets and value sets, read from its
// bundled JavaScript. Each set is found from an anchor, a literal that names what the code does (a log message, a
// describe() text, a property name); minified identifiers are only followed, never matched. A missing anchor throws,
// so a release that rewrites one fails the drift check loudly instead of comparing against nothing.
import { readBunModules, type BunModule } from './bun-graph.ts'
import { Bundle, items, matchingEnd, objectKeys, stringValue } from './js-scan.ts'

export interface RuntimeVocabulary {
  /** Every built-in tool name the CLI knows (its telemetry list), the array just before the legacy alias map. */
  knownTools: string[]
  legacyAliases: Record<string, string>
  /** Names kept only to read old transcripts; `--tools` and permission rules naming them are dropped. */
  removedTools: string[]
  /** Removed from every subagent (built-in or custom). */
  strippedFromSubagents: string[]
  /** Removed from custom (non built-in) subagents. */
  strippedFromCustomSubagents: string[]
  /** The only tools a background subagent keeps (the Agent tool is kept by depth, outside this set). */
  backgroundSubagentTools: string[]
  agentKeys: string[]
  /** Extra keys a plugin agent knows (`when_to_use`). */
  pluginAgentExtraKeys: string[]
  /** Keys a plugin agent ignores, with a warning. */
  pluginAgentIgnoredKeys: string[]
  skillKeys: string[]
  hookEvents: string[]
  /** Events whose unloadable entries stop the hooks beside them (they may guard permissions). */
  guardHookEvents: string[]
  /** Keys of each hook type (`command`, `prompt`, `agent`, `http`, `mcp_tool`). */
  hookTypeKeys: Record<string, string[]>
  hooksFileKeys: string[]
  permissionModes: string[]
  colors: string[]
  /** plugin.json listing fields `claude plugin validate` accepts. */
  pluginListingFields: string[]
  /** Fields a marketplace entry adds to plugin.json's. */
  marketplaceEntryOwnFields: string[]
  reservedMarketplaceNames: string[]
  /** Keys of the strict nested plugin.json objects: an inline LSP server, a monitor, a channel, a userConfig option. */
  lspServerKeys: string[]
  monitorKeys: string[]
  channelKeys: string[]
  userConfigOptionKeys: string[]
}

class Anchors {
  constructor(readonly bundle: Bundle) {}

  /** The one module that contains `needle`, and where. */
  find(needle: string | RegExp, what: string): { module: BunModule; index: number; match: RegExpExecArray | null } {
    const found: { module: BunModule; index: number; match: RegExpExecArray | null }[] = []
    for (const module of this.bundle.modules) {
      if (typeof needle === 'string') {
        const index = module.text.indexOf(needle)
        if (index !== -1) found.push({ module, index, match: null })
      } else {
        const match = new RegExp(needle.source, needle.flags.replace('g', '')).exec(module.text)
        if (match) found.push({ module, index: match.index, match })
      }
    }
    if (found.length === 0) throw new Error(`anchor for ${what} not found: ${String(needle)} (did this Claude Code release rewrite it?)`)
    if (found.length > 1)
      throw new Error(`anchor for ${what} is ambiguous: ${String(needle)} occurs in ${found.map((f) => f.module.name).join(', ')}`)
    return found[0]!
  }

  /** The `{` of the innermost object literal around `index`. */
  enclosingObject(text: string, index: number, what: string): number {
    for (let i = text.lastIndexOf('{', index); i !== -1; i = text.lastIndexOf('{', i - 1)) {
      try {
        if (matchingEnd(text, i) > index) return i
      } catch {
        // a `{` inside a string or regular expression
      }
    }
    throw new Error(`no object literal around the anchor for ${what}`)
  }

  /** The keys of the object literal around the literal `needle`. */
  keysAround(needle: string, what: string): string[] {
    const { module, index } = this.find(needle, what)
    return objectKeys(module.text, this.enclosingObject(module.text, index, what))
  }
}

/** The bundle of the Claude Code executable at `binary`. */
export const readBundle = (binary: string): Bundle => new Bundle(readBunModules(binary))

export function readRuntimeVocabulary(bundle: Bundle): RuntimeVocabulary {
  const anchors = new Anchors(bundle)

  // Legacy aliases: the object literal that maps `Task` to `Agent`; the known-tool list is the array just before it.
  const legacy = anchors.find(/([\w$]+)=\{Task:"Agent",/, 'the legacy tool alias map')
  const legacyText = legacy.module.text
  const mapStart = legacy.index + legacy.match![0].length - 'Task:"Agent",'.length - 1
  const legacyAliases = Object.fromEntries(
    items(legacyText, mapStart).map((item) => {
      const [key, value] = item.split(':')
      return [key!.replace(/^"|"$/g, ''), stringValue(value!)!]
    }),
  )
  const listEnd = legacy.index - 1
  if (legacyText[listEnd - 1] !== ']') throw new Error('the known-tool list no longer precedes the legacy alias map')
  let knownTools: string[] | undefined
  for (const m of legacyText.slice(0, listEnd).matchAll(/[\w$]+=\[/g)) {
    const open = m.index + m[0].length - 1
    if (matchingEnd(legacyText, open) === listEnd) knownTools = items(legacyText, open).map((i) => stringValue(i)!)
  }
  if (!knownTools) throw new Error('cannot find the start of the known-tool list')

  const removed = anchors.find(/if\(([\w$]+)\.has\([\w$]+\)\)\{[\w$]+\(`--tools exclusion names a removed tool:/, 'the removed-tool set')
  const removedTools = bundle.strings(removed.module, removed.match![1]!)

  // The subagent tool filter: `({tools, isBuiltIn, agentType, isAsync, ...}) => tools.filter(...)`.
  const filter = anchors.find(/\{tools:[\w$]+,isBuiltIn:([\w$]+),agentType:[\w$]+,isAsync:([\w$]+)=/, 'the subagent tool filter')
  const [, builtIn, isAsync] = filter.match!
  const body = filter.module.text.slice(filter.index, filter.index + 4000)
  const esc = (s: string) => s.replace(/\$/g, '\\$')
  const pick = (re: RegExp, what: string) => {
    const m = re.exec(body)
    if (!m) throw new Error(`anchor for ${what} not found in the subagent tool filter`)
    return m[1]!
  }
  // `if(isAsync&&!has(tool,ALLOWED))`: `has` is the set-membership test the other two exclusions use too.
  const backgroundTest = new RegExp(`if\\(${esc(isAsync!)}&&!([\\w$]+)\\([\\w$]+,([\\w$]+)\\)\\)`).exec(body)
  if (!backgroundTest) throw new Error('anchor for the background subagent allowlist not found in the subagent tool filter')
  const [, has, background] = backgroundTest
  const every = pick(new RegExp(`if\\(${esc(has!)}\\([\\w$]+,([\\w$]+)\\)\\)return!1`), 'the tools removed from every subagent')
  const custom = pick(
    new RegExp(`if\\(!${esc(builtIn!)}&&${esc(has!)}\\([\\w$]+,([\\w$]+)\\)\\)return!1`),
    'the tools removed from custom subagents',
  )

  const pluginAgent = anchors.find(/==="Plugin agent file"\?\[\.\.\.[\w$]+,\.\.\.([\w$]+)\]/, 'the plugin-agent extra keys')
  const ignoredSets = [
    ...pluginAgent.module.text.matchAll(
      /for\(let ([\w$]+) of ([\w$]+)\)if\([\w$]+\[\1\]!==void 0\)[\w$]+\(`Plugin agent file \$\{[\w$]+\} sets \$\{\1\}, which is ignored for plugin agents/g,
    ),
  ]
  if (ignoredSets.length === 0) throw new Error('anchor for the keys plugin agents ignore not found')

  const hookReturn = anchors.find(/return\{BashCommandHookSchema:[\w$]+,[^}]*\}/, 'the hook type schemas')
  const hookTypeKeys: Record<string, string[]> = {}
  for (const item of items(hookReturn.module.text, hookReturn.index + 'return'.length)) {
    const local = item.split(':')[1]!
    const text = hookReturn.module.text
    const defs = [...text.slice(0, hookReturn.index).matchAll(new RegExp(`(?:let |,)${esc(local)}=[\\w$]+\\(\\{`, 'g'))]
    const def = defs.at(-1)
    if (!def) throw new Error(`cannot find the hook schema ${item}`)
    const open = def.index + def[0].length - 1
    const keys = objectKeys(text, open)
    const type = /^type:[\w$]+\("([\w-]+)"\)/.exec(items(text, open)[0] ?? '')
    if (!type) throw new Error(`hook schema ${item} does not start with a literal type`)
    hookTypeKeys[type[1]!] = keys
  }

  const colors = anchors.find(/\{red:"red_FOR_SUBAGENTS_ONLY"/, 'the agent colours')
  const modes = anchors.find(
    /([\w$]+)=\[[^\]]*\][^;]*;function [\w$]+\([\w$]+\)\{return [\w$]+==="manual"\?"default":/,
    'the permission modes',
  )
  // The hook-entry loader reports `unloadableGuards`: entries of the events in this set stop the hooks beside them.
  const guard = anchors.find(/return\{stripped:\[\],unloadableGuards:\[\]\};let [\w$]+=([\w$]+)\.has\(/, 'the guard hook events')
  // The hooks map: a record from an enum of the events to lists of matchers (`{matcher?, hooks}`).
  const events = anchors.find(
    /\.describe\("List of hooks to execute when the matcher matches"\)\}\)\),[\w$]+=[\w$]+\(\(\)=>[\w$]+\([\w$]+\(([\w$]+)\),/,
    'the hook events',
  )
  const listing = anchors.find(/([\w$]+)=new Set\(\["icon","screenshots",/, 'the plugin listing fields')
  const reserved = anchors.find(/\{inline:"--plugin-dir session plugins"/, 'the reserved marketplace names')
  const entryExtend = anchors.find(
    /\.partial\(\)\.extend\(\{name:[\w$]+\(\)\.describe\("Unique identifier matching the plugin name"\)/,
    'the marketplace entry fields',
  )

  return {
    knownTools,
    legacyAliases,
    removedTools,
    strippedFromSubagents: bundle.strings(filter.module, every),
    strippedFromCustomSubagents: bundle.strings(filter.module, custom),
    backgroundSubagentTools: bundle.strings(filter.module, background!),
    agentKeys: anchors.keysAround('"Agent identifier.', 'the agent front-matter keys'),
    pluginAgentExtraKeys: bundle.strings(pluginAgent.module, pluginAgent.match![1]!),
    pluginAgentIgnoredKeys: ignoredSets.flatMap((m) => bundle.strings(pluginAgent.module, m[2]!)),
    skillKeys: [
      ...anchors.keysAround('"Display name. Defaults to the filename without extension."', 'the skill and command front-matter keys'),
      ...anchors.keysAround('"Guidance for when the model should reach for this skill.', 'the skill-only front-matter keys'),
    ],
    hookEvents: bundle.strings(events.module, events.match![1]!),
    guardHookEvents: bundle.strings(guard.module, guard.match![1]!),
    hookTypeKeys,
    hooksFileKeys: anchors.keysAround(
      '"The hooks provided by the plugin, in the same format as the one used for settings"',
      'the hooks.json keys',
    ),
    permissionModes: bundle.strings(modes.module, modes.match![1]!),
    colors: objectKeys(colors.module.text, colors.index),
    pluginListingFields: bundle.strings(listing.module, listing.match![1]!),
    marketplaceEntryOwnFields: objectKeys(entryExtend.module.text, entryExtend.index + '.partial().extend('.length),
    reservedMarketplaceNames: objectKeys(reserved.module.text, reserved.index),
    lspServerKeys: anchors.keysAround('"Mapping from file extension to LSP language ID.', 'the LSP server keys'),
    monitorKeys: anchors.keysAround('"Identifier for this monitor, unique within the plugin.', 'the monitor keys'),
    channelKeys: anchors.keysAround('"Name of the MCP server this channel binds to.', 'the channel keys'),
    userConfigOptionKeys: anchors.keysAround('"Human-readable label shown in the config dialog"', 'the userConfig option keys'),
  }
}
