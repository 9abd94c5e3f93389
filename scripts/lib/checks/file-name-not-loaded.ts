// Claude Code matches file names exactly: `skill.md` and `x.MD` are never loaded.
import { basename, extname } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { pointAt } from '../engine/diagnostics.ts'

export default defineCheck({
  id: 'file/name-not-loaded',
  description: 'Agent, skill and command files whose names Claude Code does not load',
  rationale:
    'Claude Code loads only `*.md` (lower-case extension) agents and commands and skills named exactly `SKILL.md`; any other spelling is ignored without a message.',
  runtime: 'An agent file named `*.MD` is not loaded: it is missing from the agent listing and `Agent` refuses it as not found.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  includeUnreadable: true,
  messages: {
    skillName: 'Unexpected skill file name `{{name}}`, expected `SKILL.md` (Claude Code does not load this file)',
    extension: 'Unexpected extension `{{extension}}`, expected `.md` (Claude Code does not load this file)',
  },
  check({ file, report }) {
    const name = basename(file.path)
    if (file.kind === 'skill' && name !== 'SKILL.md') {
      report({
        messageId: 'skillName',
        data: { name },
        at: pointAt(1),
      })
    } else if (file.kind !== 'skill' && extname(name) !== '.md') {
      report({
        messageId: 'extension',
        data: { extension: extname(name) },
        at: pointAt(1),
      })
    }
  },
})
