// The marketplace entry and the plugin's own plugin.json must agree: plugin.json wins once the plugin is installed.
import { join, resolve } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { jsonValueSpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'

export default defineCheck({
  id: 'plugin/marketplace-name-mismatch',
  description: "Marketplace entries whose name or version differs from the local plugin's plugin.json",
  rationale:
    "Users install a plugin by its marketplace entry name, but Claude Code namespaces its agents and skills (`name:agent`) by the `name` in plugin.json, and at install time plugin.json's `version` wins over the entry's. When they differ, the listing, the install command and the loaded plugin disagree.",
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['marketplace'],
  messages: {
    name: "Unexpected entry name `{{mine}}`, expected `{{theirs}}` as in the plugin's plugin.json (installs use `{{mine}}` while its agents and skills load as `{{theirs}}:…`)",
    version: "Unexpected entry version `{{mine}}`, expected `{{theirs}}` as in the plugin's plugin.json (plugin.json wins at install time)",
  },
  check({ file, project, report }) {
    const data = file.json?.value
    if (!isRecord(data) || !Array.isArray(data.plugins)) return
    const root = resolve(file.path, '..', '..')
    const manifests = new Map(project.files.filter((f) => f.kind === 'plugin-manifest').map((f) => [f.path, f]))
    data.plugins.forEach((entry: unknown, i: number) => {
      if (!isRecord(entry) || typeof entry.source !== 'string' || !(entry.source.startsWith('./') || entry.source === '.')) return
      const manifestFile = manifests.get(join(resolve(root, entry.source), '.claude-plugin', 'plugin.json'))
      const manifest = manifestFile?.json?.value
      if (!manifestFile || !isRecord(manifest)) return
      for (const field of ['name', 'version'] as const) {
        const mine = entry[field]
        const theirs = manifest[field]
        if (typeof mine !== 'string' || typeof theirs !== 'string' || mine === theirs) continue
        const at = jsonValueSpan(manifestFile, [field])
        report({
          messageId: field,
          data: { mine, theirs },
          at: jsonValueSpan(file, ['plugins', i, field]),
          related: [{ file: manifestFile.path, line: at.line, column: at.column, message: `plugin.json ${field} \`${theirs}\`` }],
        })
      }
    })
  },
})
