// Waiting on asynchronous work with a fixed sleep makes acceptance tests slow and flaky; the pack teaches polling.
import { defineCheck } from '../engine/check.ts'
import { offsetSpan } from '../check-support/locate.ts'

const goFence = new Set(['go', 'golang'])
const sleep = /\btime\.Sleep\s*\(/g

export default defineCheck({
  id: 'content/no-sleep-polling',
  description: 'Go examples that wait with `time.Sleep` instead of polling with a deadline',
  rationale:
    'Agents copy the examples in their prompts and skills. A fixed `time.Sleep` while waiting for SQS, DynamoDB or Lambda side effects is either too short (flaky) or too long (slow); poll with `require.Eventually` or a context deadline.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command', 'markdown'],
  messages: {
    sleep: 'Unexpected `time.Sleep` in a Go example, expected polling with a deadline (`require.Eventually` or a context timeout)',
  },
  check({ file, report }) {
    for (const fence of file.scan.fences) {
      if (!goFence.has(fence.lang)) continue
      const code = file.text.slice(fence.contentStart, fence.contentEnd)
      for (const m of code.matchAll(sleep)) {
        const line = code.slice(
          code.lastIndexOf('\n', m.index) + 1,
          code.indexOf('\n', m.index) === -1 ? undefined : code.indexOf('\n', m.index),
        )
        if (/\/\/\s*(?:bad|don't|do not|avoid)/i.test(line)) continue // a counter-example says so on its line
        const start = fence.contentStart + m.index
        report({
          messageId: 'sleep',
          at: offsetSpan(file, start, start + m[0].length - 1),
        })
      }
    }
  },
})
