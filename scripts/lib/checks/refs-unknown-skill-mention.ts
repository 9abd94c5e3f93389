// A body that tells the model to use a skill that does not exist leaves it without the procedure it was promised.
import { bodyRefs } from '../model/body-refs.ts'
import { defineCheck } from '../engine/check.ts'
import { offsetSpan } from '../check-support/locate.ts'
import { findSkill, skillNames } from '../model/project.ts'
import { didYouMean } from '../check-support/suggest.ts'

export default defineCheck({
  id: 'refs/unknown-skill-mention',
  description: 'Skills named in an agent, skill or command body that do not exist in the project',
  rationale:
    'Claude Code does not read skill names in a body; the model does. A name that matches no skill sends it looking for a procedure that is not there. Libraries of skills that the body tells the model to Read by path are a legitimate pattern, so this is a warning: name them in `externalSkills`.',
  defaultSeverity: 'warning',
  scope: 'project',
  messages: {
    unknown:
      'Unexpected unknown skill `{{name}}` in the body, expected a skill in this project or in `externalSkills` (the model cannot load it){{suggestion}}',
  },
  check({ project, report }) {
    const hint = (name: string) => didYouMean(name, skillNames(project))
    for (const file of project.files) {
      if (!file.read.ok || (file.kind !== 'agent' && file.kind !== 'skill' && file.kind !== 'command')) continue
      for (const ref of bodyRefs(file).skills) {
        if (project.externalSkills.has(ref.name) || findSkill(project, ref.name)) continue
        report({
          file: file.path,
          messageId: 'unknown',
          data: { name: ref.name, suggestion: hint(ref.name) },
          at: offsetSpan(file, ref.start, ref.end),
        })
      }
    }
  },
})
