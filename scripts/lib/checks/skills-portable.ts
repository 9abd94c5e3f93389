// Under the `agent-skills` profile a skill must also load outside Claude Code: claude.ai, the API and other agents.
import { defineCheck } from '../engine/check.ts'
import { fenceSpan, keySpan, valueSpan } from '../check-support/locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { show } from '../model/schemas.ts'
import vocabulary from '../../../schemas/vocabulary.schema.json' with { type: 'json' }

const portable = vocabulary.$defs.portableSkill
const portableKeys = portable.propertyNames.enum
const portableKeySet = new Set(portableKeys)
const nameLimit = portable.properties.name.maxLength
const descriptionLimit = portable.properties.description.maxLength
const standard = 'the Agent Skills standard'

/** What is wrong with a portable skill name, or null. */
function nameProblem(name: string): string | null {
  // The standard's validator compares NFKC-normalised names and allows any Unicode lower-case letter or digit.
  const normal = name.normalize('NFKC')
  if (normal.length === 0 || normal.length > nameLimit) return `1 to ${nameLimit} characters (it has ${normal.length})`
  if (!/^[\p{Ll}\p{Lo}\p{Nd}-]+$/u.test(normal)) return 'only lower-case letters, digits and `-`'
  if (normal.startsWith('-') || normal.endsWith('-')) return 'no leading or trailing `-`'
  if (normal.includes('--')) return 'no `--`'
  return null
}

export default defineCheck({
  id: 'skills/portable',
  description: 'Skills that break the Agent Skills standard (only with `skillProfile: "agent-skills"`)',
  rationale:
    'Claude Code accepts far more than the Agent Skills standard, but claude.ai and API uploads, `quick_validate` and other agents that read SKILL.md do not: `name` must be 1–64 characters of `a-z`, `0-9` and single hyphens, `description` at most 1,024 characters without angle brackets, and the front matter only `name`, `description`, `license`, `compatibility`, `metadata` and `allowed-tools` (upload fails with "Unexpected key(s) in SKILL.md frontmatter"). Active only with `skillProfile: "agent-skills"`.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['skill'],
  messages: {
    missingName: `Missing \`name\`, expected the skill's directory name (${standard} requires it)`,
    badName: `Unexpected skill name \`{{name}}\`, expected {{problem}} (${standard})`,
    missingDescription: `Missing \`description\`, expected what the skill does and when to use it (${standard} requires it)`,
    tooLong: `Unexpected description of {{length}} characters, expected at most ${descriptionLimit.toLocaleString('en-US')} (${standard})`,
    angleBracket:
      'Unexpected `{{bracket}}` in the description, expected no angle brackets (claude.ai upload and `quick_validate` reject them)',
    unknownKey: `Unexpected key \`{{key}}\` in a portable skill, expected one of ${portableKeys.map((k) => `\`${k}\``).join(', ')} (claude.ai and API uploads reject other keys)`,
    metadataValue: `Unexpected {{value}} for \`metadata.{{key}}\`, expected a string (${standard} allows string values only)`,
  },
  check({ file, settings, report }) {
    if (settings.skillProfile !== 'agent-skills') return
    const data = file.frontmatter?.data
    if (!data) return
    // Types, empty values, `compatibility` over 500 characters and a non-mapping `metadata` are frontmatter/schema's.
    const name = data.name
    if (name === undefined) {
      report({ messageId: 'missingName', at: fenceSpan(file) })
    } else if (typeof name === 'string' && name !== '') {
      const problem = nameProblem(name)
      if (problem) report({ messageId: 'badName', data: { name, problem }, at: valueSpan(file, ['name']) })
    }
    const description = data.description
    if (description === undefined) {
      report({
        messageId: 'missingDescription',
        at: fenceSpan(file),
      })
    } else if (typeof description === 'string') {
      if (description.length > descriptionLimit)
        report({
          messageId: 'tooLong',
          data: { length: description.length.toLocaleString('en-US') },
          at: valueSpan(file, ['description']),
        })
      if (/[<>]/.test(description))
        report({
          messageId: 'angleBracket',
          data: { bracket: description.match(/[<>]/)![0] },
          at: valueSpan(file, ['description']),
        })
    }
    for (const key of Object.keys(data)) {
      if (!portableKeySet.has(key))
        report({
          messageId: 'unknownKey',
          data: { key },
          at: keySpan(file, [key]),
        })
    }
    if (isRecord(data.metadata)) {
      for (const [key, value] of Object.entries(data.metadata)) {
        if (typeof value !== 'string')
          report({
            messageId: 'metadataValue',
            data: { value: show(value), key },
            at: valueSpan(file, ['metadata', key]),
          })
      }
    }
  },
})
