// Agents copy the JSON examples in their prompts: an example that breaks its contract teaches the broken shape.
import { defineCheck } from '../engine/check.ts'
import { offsetSpan } from '../check-support/locate.ts'
import { parseJsonText } from '../load/json-text.ts'
import { describeSchemaErrors } from '../check-support/schema-problems.ts'
import { contractNames, validatorFor } from '../model/schemas.ts'
import { findNode } from '../load/yaml-path.ts'

const contractMeta = /(?:^|\s)contract=(\S*)/
const known: readonly string[] = contractNames

export default defineCheck({
  id: 'contracts/example-valid',
  description: '```json contract=<name> examples that are not valid JSON or break their contract schema',
  rationale:
    'A subagent reproduces the example in its prompt far more reliably than the prose around it, and the orchestrator parses that reply against schemas/<name>.schema.json. An example with a stale status value or a missing field teaches every spawn to return something the orchestrator cannot read.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command', 'markdown', 'readme'],
  messages: {
    unknownContract: 'Unexpected contract `{{name}}`, expected one of {{contracts}}',
    invalidJson: 'Unexpected invalid JSON in a `{{name}}` example: {{problem}}, expected strict JSON',
    schema: '{{problem}} (schemas/{{name}}.schema.json)',
  },
  check({ file, report }) {
    for (const fence of file.scan.fences) {
      if (fence.lang !== 'json') continue
      const claim = contractMeta.exec(fence.meta)
      if (!claim) continue
      const name = claim[1]!
      const fenceLine = file.text.slice(fence.start, fence.contentStart)
      const nameAt = fence.start + fenceLine.indexOf(`contract=${name}`) + 'contract='.length
      if (!known.includes(name)) {
        report({
          messageId: 'unknownContract',
          data: { name, contracts: known.map((n) => `\`${n}\``).join(', ') },
          at: offsetSpan(file, nameAt, nameAt + name.length),
        })
        continue
      }
      const base = fence.contentStart
      const parsed = parseJsonText(file.text.slice(base, fence.contentEnd))
      if (parsed.value === undefined) {
        const e = parsed.errors[0]!
        report({
          messageId: 'invalidJson',
          data: { name, problem: e.message },
          at: offsetSpan(file, base + e.start, base + e.end),
        })
        continue
      }
      const validate = validatorFor(`${name}.schema.json`)
      if (validate(parsed.value)) continue
      for (const problem of describeSchemaErrors(validate.errors, parsed.value)) {
        let at = null
        for (let path = problem.path; !at; path = path.slice(0, -1)) {
          const node = findNode(parsed.doc, path)
          if (node)
            at = problem.atKey && path.length === problem.path.length ? [node.keyStart, node.keyEnd] : [node.valueStart, node.valueEnd]
          if (path.length === 0) break
        }
        report({
          messageId: 'schema',
          data: { problem: problem.message, name },
          at: at ? offsetSpan(file, base + at[0]!, base + at[1]!) : offsetSpan(file, nameAt, nameAt + name.length),
        })
      }
    }
  },
})
