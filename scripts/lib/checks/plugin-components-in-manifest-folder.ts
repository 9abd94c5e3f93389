// Component folders belong at the plugin root; Claude Code never looks for them inside .claude-plugin/.
import { dirname, join } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { jsonRootSpan } from '../check-support/json-locate.ts'
import { componentPaths, isRecord } from '../model/plugin-fields.ts'

/** Default component folders, each loaded only from the plugin root. */
const componentFolders = ['agents', 'skills', 'commands', 'hooks', 'output-styles'] as const

export default defineCheck({
  id: 'plugin/components-in-manifest-folder',
  description: 'Plugins with `agents/`, `skills/`, `commands/`, `hooks/` or `output-styles/` inside `.claude-plugin/`',
  rationale:
    'Only `plugin.json` (and `marketplace.json`) belong in `.claude-plugin/`. Claude Code looks for the component folders at the plugin root, so agents, skills, commands, hooks and output styles put beside the manifest are never loaded, and `claude plugin validate` does not mention them. Move the folder up one level, or name its files in plugin.json.',
  runtime:
    'A plugin given with `--plugin-dir` whose agent sits in `.claude-plugin/agents/` is missing from the agent listing; the one in `agents/` is listed.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['plugin-manifest'],
  messages: {
    insideManifestFolder:
      'Unexpected `.claude-plugin/{{folder}}/`, expected `{{folder}}/` at the plugin root, beside `.claude-plugin/` (Claude Code does not load components from inside it)',
  },
  check({ file, project, report }) {
    const manifestDir = dirname(file.path)
    const value = file.json?.value
    // A manifest that names paths inside .claude-plugin/ loads them from there.
    const named = isRecord(value) ? componentPaths(value).map((p) => p.value.replace(/^\.\//, '')) : []
    for (const folder of componentFolders) {
      if (!project.disk.isFolder(join(manifestDir, folder))) continue
      if (named.some((p) => p.startsWith(`.claude-plugin/${folder}`))) continue
      report({
        messageId: 'insideManifestFolder',
        data: { folder },
        at: jsonRootSpan(file),
      })
    }
  },
})
