import type { FileContext } from '../engine/check.ts'
import { keySpan, listEntrySpan } from '../check-support/locate.ts'
import { splitToolList, type ToolEntry } from './tool-list.ts'

/** The messages of a rule that reports with {@link reportMissingTool}; the rule spreads them into its own. */
export const missingToolMessages = {
  toolsWithout: 'Unexpected `tools` without `{{tool}}`, expected {{expected}} in the list ({{because}}, which needs the {{tool}} tool)',
  disallowed: 'Unexpected `{{name}}` in `disallowedTools`, expected the agent to keep it ({{because}}, which needs the {{tool}} tool)',
}

/** A tool the body of an agent relies on: where the body asks for it, and how to tell it is granted. */
export interface ToolNeed {
  /** Offset in the body where the agent is told to use the tool. */
  useAt: number
  /** The tool as the messages name it (`Skill`, `Agent`). */
  tool: string
  /** Names that remove it in `disallowedTools`. */
  removedBy: readonly string[]
  grants(tools: ToolEntry[]): boolean
  /** What the expected value is, e.g. "`Agent` or `Agent(<types>)`". */
  expected: string
  /** Why the body needs it, e.g. "the body delegates to other agents". */
  because: string
  /** What the related position says. */
  relatedMessage: string
}

/** Reports an agent whose restricted `tools`, or whose `disallowedTools`, takes away a tool its body relies on. */
export function reportMissingTool({ file, report }: FileContext<keyof typeof missingToolMessages>, need: ToolNeed): void {
  const data = file.frontmatter?.data
  if (!data || !file.source) return
  const tools = splitToolList(data.tools)
  const removed = splitToolList(data.disallowedTools).find((e) => need.removedBy.includes(e.name))
  const lacking = 'tools' in data && tools.length > 0 && !need.grants(tools)
  if (!lacking && !removed) return
  const related = [{ file: file.path, ...file.source.position(need.useAt), message: need.relatedMessage }]
  if (lacking) {
    report({
      messageId: 'toolsWithout',
      data: { tool: need.tool, expected: need.expected, because: need.because },
      at: keySpan(file, ['tools']),
      related,
    })
  } else if (removed) {
    report({
      messageId: 'disallowed',
      data: { name: removed.name, tool: need.tool, because: need.because },
      at: listEntrySpan(file, 'disallowedTools', removed),
      related,
    })
  }
}
