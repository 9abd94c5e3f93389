// Dispatching an agent type that does not exist fails at run time with "Agent type 'x' not found".
import { bodyRefs } from '../model/body-refs.ts'
import { defineCheck } from '../engine/check.ts'
import type { Span } from '../engine/diagnostics.ts'
import type { LoadedFile } from '../load/loaded-file.ts'
import { listEntrySpan, offsetSpan } from '../check-support/locate.ts'
import { agentExists, agentNames } from '../model/project.ts'
import { didYouMean } from '../check-support/suggest.ts'
import { agentTypeSpans, splitToolList } from '../model/tool-list.ts'

export default defineCheck({
  id: 'refs/unknown-agent',
  description: 'Agent types in `Agent(...)` or dispatched from a body that do not exist',
  rationale:
    'An unknown `subagent_type` fails with "Agent type \'x\' not found" only when the orchestrator reaches that step. A subagent gets no agent listing on its first turn, so the names in its prompt are all it has.',
  defaultSeverity: 'warning',
  scope: 'project',
  messages: {
    unknown:
      'Unexpected unknown agent `{{name}}`, expected an agent in this project, a built-in agent or one in `externalAgents` ({{effect}}){{suggestion}}',
  },
  check({ project, report }) {
    const hint = (name: string) => didYouMean(name, agentNames(project))
    const check = (file: LoadedFile, name: string, at: () => Span, effect: string) => {
      if (name === '*' || agentExists(project, name)) return
      report({
        file: file.path,
        messageId: 'unknown',
        data: { name, effect, suggestion: hint(name) },
        at: at(),
      })
    }
    const notFound = (name: string) => `Claude Code answers "Agent type '${name}' not found"`
    for (const file of project.files) {
      if (!file.read.ok || (file.kind !== 'agent' && file.kind !== 'skill' && file.kind !== 'command')) continue
      const data = file.data
      if (file.kind === 'agent') {
        for (const key of ['tools', 'disallowedTools']) {
          for (const entry of splitToolList(data[key])) {
            for (const type of agentTypeSpans(entry)) {
              check(
                file,
                type.name,
                () =>
                  listEntrySpan(file, key, {
                    ...(entry.index !== undefined ? { index: entry.index } : {}),
                    start: type.start,
                    end: type.end,
                  }),
                notFound(type.name),
              )
            }
          }
        }
      }
      // A skill's or command's `agent:` is refs/unknown-fork-agent's.
      for (const ref of bodyRefs(file).agents) check(file, ref.name, () => offsetSpan(file, ref.start, ref.end), notFound(ref.name))
    }
  },
})
