// A `skills:` entry or a skill named in a body that does not resolve is skipped by Claude Code with a debug line only.
import { bodyRefs } from '../body-refs.ts'
import { defineCheck } from '../check.ts'
import type { Span } from '../diagnostics.ts'
import type { LoadedFile } from '../load/loaded-file.ts'
import { listEntrySpan, offsetSpan } from '../locate.ts'
import { findSkill } from '../project.ts'
import { didYouMean } from '../suggest.ts'
import { splitToolList } from '../tool-list.ts'

export default defineCheck({
  id: 'refs/unknown-skill',
  description: 'Skills named in `skills:` or in a body that do not exist or cannot be loaded by the model',
  rationale: 'Claude Code skips a `skills:` entry it cannot resolve, or one whose skill sets `disable-model-invocation`, with a "not found" line in the debug log only; a skill named in a body that does not exist leaves the agent without the procedure it was told to follow.',
  defaultSeverity: 'error',
  scope: 'project',
  check({ project, report }) {
    let candidates: string[] | null = null
    const hint = (name: string) => {
      candidates ??= [...new Set([
        ...project.skills.flatMap((s) => [s.dir, ...(s.displayName ? [s.displayName] : []), ...(s.pluginName ? [`${s.pluginName}:${s.dir}`] : [])]),
        ...project.externalSkills,
      ])]
      return didYouMean(name, candidates)
    }
    const check = (file: LoadedFile, name: string, at: () => Span, preload: boolean) => {
      if (project.externalSkills.has(name)) return
      const skill = findSkill(project, name)
      if (!skill) {
        const effect = preload ? 'Claude Code reports it "not found" and skips it' : 'the agent cannot load it'
        report({ file: file.path, message: `Unexpected unknown skill \`${name}\`, expected a skill in this project or in \`externalSkills\` (${effect})${hint(name)}`, at: at() })
      } else if (preload && skill.hiddenFromModel) {
        report({ file: file.path, message: `Unexpected skill \`${name}\` with \`disable-model-invocation\`, expected a skill the model may load (Claude Code reports it "not found" and skips it)`, at: at() })
      }
    }
    for (const file of project.files) {
      if (!file.read.ok || (file.kind !== 'agent' && file.kind !== 'skill' && file.kind !== 'command')) continue
      if (file.kind === 'agent') {
        for (const entry of splitToolList(file.data.skills)) check(file, entry.raw, () => listEntrySpan(file, 'skills', entry), true)
      }
      for (const ref of bodyRefs(file).skills) check(file, ref.name, () => offsetSpan(file, ref.start, ref.end), false)
    }
  },
})
