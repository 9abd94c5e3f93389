// A `skills:` entry that does not resolve is skipped by Claude Code with a debug line only. Bodies: refs/unknown-skill-mention.
import { defineCheck } from '../engine/check.ts'
import type { Span } from '../engine/diagnostics.ts'
import type { LoadedFile } from '../load/loaded-file.ts'
import { listEntrySpan } from '../check-support/locate.ts'
import { findSkill, skillNames } from '../model/project.ts'
import { didYouMean } from '../check-support/suggest.ts'
import { splitToolList } from '../model/tool-list.ts'

export default defineCheck({
  id: 'refs/unknown-skill',
  description: 'Skills an agent preloads with `skills:` that do not exist or cannot be loaded by the model',
  rationale:
    'Claude Code skips a `skills:` entry it cannot resolve, or one whose skill sets `disable-model-invocation`, with a "not found" line in the debug log only: the agent starts without the procedure it was given. Skills from outside the checked files go in `externalSkills`.',
  runtime:
    'A `skills:` entry that does not exist is skipped with a [WARN] "Skill \'…\' specified in frontmatter was not found" line; the agent starts without it.',
  defaultSeverity: 'error',
  scope: 'project',
  messages: {
    unknown:
      'Unexpected unknown skill `{{name}}`, expected a skill in this project or in `externalSkills` (Claude Code reports it "not found" and skips it){{suggestion}}',
    hiddenFromModel:
      'Unexpected skill `{{name}}` with `disable-model-invocation`, expected a skill the model may load (Claude Code reports it "not found" and skips it)',
  },
  check({ project, report }) {
    const hint = (name: string) => didYouMean(name, skillNames(project))
    const check = (file: LoadedFile, name: string, at: () => Span) => {
      if (project.externalSkills.has(name)) return
      const skill = findSkill(project, name)
      if (!skill) {
        report({
          file: file.path,
          messageId: 'unknown',
          data: { name, suggestion: hint(name) },
          at: at(),
        })
      } else if (skill.hiddenFromModel) {
        report({
          file: file.path,
          messageId: 'hiddenFromModel',
          data: { name },
          at: at(),
        })
      }
    }
    for (const file of project.files) {
      if (!file.read.ok || file.kind !== 'agent') continue
      for (const entry of splitToolList(file.data.skills)) check(file, entry.raw, () => listEntrySpan(file, 'skills', entry))
    }
  },
})
