// A body that tells the agent to invoke a skill needs the Skill tool; with a restricted `tools` it must be listed.
import { bodyRefs } from '../body-refs.ts'
import { defineCheck } from '../check.ts'
import { keySpan, listEntrySpan } from '../locate.ts'
import { splitToolList } from '../tool-list.ts'

export default defineCheck({
  id: 'refs/missing-skill-tool',
  description: 'Agents whose body invokes skills but whose `tools` lacks `Skill`',
  rationale: 'Loading a skill on demand goes through the Skill tool; an agent with a `tools` list without `Skill` cannot do what its body asks. Preloading through `skills:` works without it, so only body instructions count.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent'],
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const use = bodyRefs(file).skillToolUse
    if (!use || !file.source) return
    const tools = splitToolList(data.tools)
    const removed = splitToolList(data.disallowedTools).find((e) => e.name === 'Skill')
    const lacking = 'tools' in data && tools.length > 0 && !tools.some((e) => e.name === 'Skill' || e.raw === '*')
    if (!lacking && !removed) return
    const at = file.source.position(use.start)
    const related = [{ file: file.path, ...at, message: 'the body asks for a skill here' }]
    if (lacking) {
      report({ message: 'Unexpected `tools` without `Skill`, expected `Skill` in the list (the body has the agent invoke a skill, which needs the Skill tool)', at: keySpan(file, ['tools']), related })
    } else if (removed) {
      report({ message: 'Unexpected `Skill` in `disallowedTools`, expected the agent to keep it (the body has the agent invoke a skill, which needs the Skill tool)', at: listEntrySpan(file, 'disallowedTools', removed), related })
    }
  },
})
