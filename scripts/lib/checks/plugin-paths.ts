// A manifest path that is missing, leaves the plugin or names the wrong kind of thing breaks the component, or the plugin.
import { realpathSync } from 'node:fs'
import { dirname, join, relative, resolve, isAbsolute } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { jsonValueSpan } from '../check-support/json-locate.ts'
import { componentPaths, componentPathSuffixes, isRecord, type ComponentPathKey } from '../model/plugin-fields.ts'

const missingMeans: Record<ComponentPathKey, string> = {
  commands: 'Claude Code reports a load failure',
  agents: 'Claude Code reports a load failure',
  skills: 'Claude Code reports a load failure',
  hooks: 'Claude Code reports a load failure',
  workflows: 'Claude Code reports a load failure',
  mcpServers: 'Claude Code skips a missing MCP servers file without a word, so none of its servers load',
  lspServers: 'none of its servers load',
  outputStyles: 'none of its output styles load',
  themes: 'none of its themes load',
  monitors: 'none of its monitors start',
}
/** Components that must be a file, with the endings Claude Code requires (the rest may be a file or a folder); `skills` must be a folder. */
const fileOnly = new Set(Object.keys(componentPathSuffixes) as ComponentPathKey[])
const mcpBundleUrl = (value: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value)
/** What makes a folder a plugin: a manifest, or one of the default component locations. */
const pluginMarkers = [
  join('.claude-plugin', 'plugin.json'),
  'agents',
  'skills',
  'commands',
  join('hooks', 'hooks.json'),
  '.mcp.json',
  'SKILL.md',
]

/** `path`, links resolved, lies inside the plugin folder `root`; asked only of paths the disk found inside the project. */
function within(root: string, path: string): boolean {
  try {
    const rel = relative(realpathSync(root), realpathSync(path))
    return !rel.startsWith('..') && !isAbsolute(rel)
  } catch {
    return true
  }
}

const hasTraversal = (path: string) => path.split(/[\\/]/).includes('..')
const dotSlash = (path: string) => `./${path.replace(/^(?:\.{0,2}[\\/])+/, '')}`

export default defineCheck({
  id: 'plugin/paths',
  description: 'plugin.json component paths and marketplace sources that are malformed, leave the plugin or do not exist',
  rationale:
    'Claude Code resolves plugin.json component paths against the plugin root: each must start with `./`, contain no `..` and exist, or the loader reports a load failure (a missing MCP servers file is skipped silently). `agents` takes `.md` files only, and `hooks`, `mcpServers`, `lspServers` and `monitors` paths must end in `.json` (`mcpServers` also `.mcpb` or `.dxt`): anything else makes Claude Code reject the manifest and load nothing from the plugin. `skills` takes folders; a marketplace `./` source must be a plugin folder.',
  runtime:
    '`claude plugin validate` fails on an `agents` path that does not exist ("The runtime loader will report this as a load failure").',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['plugin-manifest', 'marketplace'],
  messages: {
    sourceFile:
      'Unexpected file `{{source}}` as a plugin source, expected a plugin folder inside the marketplace (the plugin cannot be installed)',
    sourceMissing:
      'Unexpected missing folder `{{source}}` as a plugin source, expected a plugin folder inside the marketplace (the plugin cannot be installed)',
    sourceOutside:
      'Unexpected source `{{source}}` that links outside the marketplace, expected a plugin folder inside it (installs copy the marketplace folder only)',
    sourceNoPlugin:
      'Unexpected source `{{source}}` that holds no plugin, expected a folder with `.claude-plugin/plugin.json` or components (`agents/`, `skills/`, `commands/`, `hooks/hooks.json`)',
    mcpUrl:
      'Unexpected URL `{{value}}` for `mcpServers`, expected a URL ending in {{endings}} (Claude Code rejects the manifest and loads nothing from the plugin)',
    notDotSlash:
      'Unexpected path `{{value}}` for `{{key}}`, expected a path starting with `./` such as `{{suggestion}}` (Claude Code rejects the manifest and skips the whole plugin)',
    traversal:
      'Unexpected `..` in `{{value}}` for `{{key}}`, expected a path inside the plugin (Claude Code refuses path traversal; installs copy the plugin folder only)',
    agentsNotMd:
      'Unexpected `{{value}}` for `agents`, expected `.md` agent files, never a folder (Claude Code rejects the manifest and loads nothing from the plugin)',
    wrongEnding:
      'Unexpected `{{value}}` for `{{key}}`, expected a file path ending in {{endings}} (Claude Code rejects the manifest and loads nothing from the plugin)',
    missingFile: 'Unexpected missing path `{{value}}` for `{{key}}`, expected an existing file in the plugin ({{effect}})',
    missingFolder: 'Unexpected missing path `{{value}}` for `{{key}}`, expected an existing folder in the plugin ({{effect}})',
    missingFileOrFolder:
      'Unexpected missing path `{{value}}` for `{{key}}`, expected an existing file or folder in the plugin ({{effect}})',
    linksOutside:
      'Unexpected path `{{value}}` for `{{key}}` that links outside the plugin, expected a path inside it (installs copy the plugin folder only)',
    skillsFile:
      'Unexpected file `{{value}}` for `skills`, expected a skill folder or a folder of them; point to its parent `{{parent}}` (Claude Code reports a load failure)',
    agentsFolder:
      'Unexpected folder `{{value}}` for `agents`, expected a file (Claude Code rejects the manifest and loads nothing from the plugin)',
    folder: 'Unexpected folder `{{value}}` for `{{key}}`, expected a file ({{effect}})',
  },
  check({ file, project, report }) {
    const data = file.json?.value
    if (!isRecord(data)) return
    const root = dirname(dirname(file.path))
    if (file.kind === 'marketplace') {
      const entries = Array.isArray(data.plugins) ? (data.plugins as unknown[]) : []
      entries.forEach((entry, i) => {
        if (!isRecord(entry) || typeof entry.source !== 'string') return
        const source = entry.source
        if (!(source.startsWith('./') || source === '.') || hasTraversal(source)) return
        const dir = resolve(root, source)
        const at = jsonValueSpan(file, ['plugins', i, 'source'])
        const kind = project.disk.kindOf(dir)
        if (kind !== 'folder' && kind !== 'outside') {
          report({
            messageId: kind === 'file' ? 'sourceFile' : 'sourceMissing',
            data: { source },
            at,
          })
        } else if (kind === 'outside' || !within(root, dir)) {
          report({
            messageId: 'sourceOutside',
            data: { source },
            at,
          })
        } else if (entry.strict !== false && !pluginMarkers.some((m) => project.disk.exists(join(dir, m)))) {
          report({
            messageId: 'sourceNoPlugin',
            data: { source },
            at,
          })
        }
      })
      return
    }
    for (const { key, path, value } of componentPaths(data)) {
      const at = jsonValueSpan(file, path)
      const suffixes = componentPathSuffixes[key]
      if (key === 'mcpServers' && mcpBundleUrl(value)) {
        if (!suffixes!.some((s) => s !== '.json' && value.endsWith(s)))
          report({
            messageId: 'mcpUrl',
            data: {
              value,
              endings: suffixes!
                .filter((s) => s !== '.json')
                .map((s) => `\`${s}\``)
                .join(' or '),
            },
            at,
          })
        continue
      }
      if (key === 'skills' && value === '.') continue
      if (!value.startsWith('./')) {
        report({
          messageId: 'notDotSlash',
          data: { value, key, suggestion: dotSlash(value) },
          at,
        })
        continue
      }
      if (hasTraversal(value)) {
        report({
          messageId: 'traversal',
          data: { value, key },
          at,
        })
        continue
      }
      if (suffixes && !suffixes.some((s) => value.endsWith(s))) {
        const endings = suffixes.map((s) => `\`${s}\``).join(' or ')
        report({
          ...(key === 'agents'
            ? { messageId: 'agentsNotMd', data: { value } }
            : { messageId: 'wrongEnding', data: { value, key, endings } }),
          at,
        })
        continue
      }
      const abs = resolve(root, value)
      const kind = project.disk.kindOf(abs)
      if (kind === null) {
        report({
          messageId: fileOnly.has(key) ? 'missingFile' : key === 'skills' ? 'missingFolder' : 'missingFileOrFolder',
          data: { value, key, effect: missingMeans[key] },
          at,
        })
      } else if (kind === 'outside' || !within(root, abs)) {
        report({
          messageId: 'linksOutside',
          data: { value, key },
          at,
        })
      } else if (key === 'skills' && kind === 'file') {
        report({
          messageId: 'skillsFile',
          data: { value, parent: dotSlash(dirname(value)) },
          at,
        })
      } else if (fileOnly.has(key) && kind === 'folder') {
        report({
          ...(key === 'agents'
            ? { messageId: 'agentsFolder', data: { value } }
            : { messageId: 'folder', data: { value, key, effect: missingMeans[key] } }),
          at,
        })
      }
    }
  },
})
