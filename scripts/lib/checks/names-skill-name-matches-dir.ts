// Claude Code names a skill's command after its directory; a different front-matter `name` is only a display name.
import { basename, dirname } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { valueSpan } from '../check-support/locate.ts'

export default defineCheck({
  id: 'names/skill-name-matches-dir',
  description: 'Skills whose `name` differs from their directory',
  rationale:
    'Claude Code runs a skill as `/<directory>` and shows the front-matter `name` beside it as a display name, so the two names drift apart; the Agent Skills standard (profile `agent-skills`) requires them to be equal.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['skill'],
  messages: {
    mismatch:
      'Unexpected skill name `{{name}}`, expected `{{dir}}` to match the directory (Claude Code runs this skill as `/{{dir}}` and shows `{{name}}` only as its display name)',
    mismatchStandard:
      'Unexpected skill name `{{name}}`, expected `{{dir}}` to match the directory (the Agent Skills standard requires `name` to equal the directory name)',
  },
  check({ file, report, settings }) {
    const name = file.frontmatter?.data?.name
    const folder = dirname(file.path)
    // A root SKILL.md (plugin `"skills": "."`) is named by its front matter.
    if (typeof name !== 'string' || name === '' || folder === file.scope.root) return
    const dir = basename(folder)
    if (name === dir) return
    report({
      messageId: settings.skillProfile === 'agent-skills' ? 'mismatchStandard' : 'mismatch',
      data: { name, dir },
      at: valueSpan(file, ['name']),
    })
  },
})
