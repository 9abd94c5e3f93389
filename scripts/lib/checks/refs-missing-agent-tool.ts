// A body that delegates needs the Agent tool; with a restricted `tools` it must be listed.
import { bodyRefs } from '../body-refs.ts'
import { defineCheck } from '../check.ts'
import { keySpan, listEntrySpan } from '../locate.ts'
import { grantsAgentTool, splitToolList } from '../tool-list.ts'

export default defineCheck({
  id: 'refs/missing-agent-tool',
  description: 'Agents whose body delegates to other agents but whose `tools` lacks `Agent`',
  rationale: 'Spawning a subagent goes through the Agent tool (`Task` in older packs); an agent with a `tools` list without it cannot dispatch anyone, and improvises the work itself instead.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent'],
  check({ file, report }) {
    const data = file.frontmatter?.data
    if (!data) return
    const use = bodyRefs(file).delegation
    if (!use || !file.source) return
    const tools = splitToolList(data.tools)
    const removed = splitToolList(data.disallowedTools).find((e) => e.name === 'Agent' || e.name === 'Task')
    const lacking = 'tools' in data && tools.length > 0 && !grantsAgentTool(tools)
    if (!lacking && !removed) return
    const at = file.source.position(use.start)
    const related = [{ file: file.path, ...at, message: 'the body delegates here' }]
    if (lacking) {
      report({ message: 'Unexpected `tools` without `Agent`, expected `Agent` or `Agent(<types>)` in the list (the body delegates to other agents, which needs the Agent tool)', at: keySpan(file, ['tools']), related })
    } else if (removed) {
      report({ message: `Unexpected \`${removed.name}\` in \`disallowedTools\`, expected the agent to keep it (the body delegates to other agents, which needs the Agent tool)`, at: listEntrySpan(file, 'disallowedTools', removed), related })
    }
  },
})
