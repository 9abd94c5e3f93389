// Under the `agent-skills` profile a skill must also load outside Claude Code: claude.ai, the API and other agents.
import { defineCheck } from '../check.ts'
import { fenceSpan, keySpan, valueSpan } from '../locate.ts'
import { isRecord } from '../plugin-fields.ts'
import { show } from '../schemas.ts'

const portableKeys = ['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools']
const portableKeySet = new Set(portableKeys)
const standard = 'the Agent Skills standard'

/** What is wrong with a portable skill name, or null. */
function nameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 64) return `1 to 64 characters (it has ${name.length})`
  if (!/^[a-z0-9-]+$/.test(name)) return 'only lower-case letters, digits and `-`'
  if (name.startsWith('-') || name.endsWith('-')) return 'no leading or trailing `-`'
  if (name.includes('--')) return 'no `--`'
  return null
}

export default defineCheck({
  id: 'skills/portable',
  description: 'Skills that break the Agent Skills standard (only with `skillProfile: "agent-skills"`)',
  rationale: 'Claude Code accepts far more than the Agent Skills standard, but claude.ai and API uploads, `quick_validate` and other agents that read SKILL.md do not: `name` must be 1–64 characters of `a-z`, `0-9` and single hyphens, `description` at most 1,024 characters without angle brackets, and the front matter only `name`, `description`, `license`, `compatibility`, `metadata` and `allowed-tools` (upload fails with "Unexpected key(s) in SKILL.md frontmatter"). Active only with `skillProfile: "agent-skills"`.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['skill'],
  check({ file, settings, report }) {
    if (settings.skillProfile !== 'agent-skills') return
    const data = file.frontmatter?.data
    if (!data) return
    // Types, empty values, `compatibility` over 500 characters and a non-mapping `metadata` are frontmatter/schema's.
    const name = data.name
    if (name === undefined) {
      report({ message: `Missing \`name\`, expected the skill's directory name (${standard} requires it)`, at: fenceSpan(file) })
    } else if (typeof name === 'string' && name !== '') {
      const problem = nameProblem(name)
      if (problem) report({ message: `Unexpected skill name \`${name}\`, expected ${problem} (${standard})`, at: valueSpan(file, ['name']) })
    }
    const description = data.description
    if (description === undefined) {
      report({ message: `Missing \`description\`, expected what the skill does and when to use it (${standard} requires it)`, at: fenceSpan(file) })
    } else if (typeof description === 'string') {
      if (description.length > 1024) report({ message: `Unexpected description of ${description.length.toLocaleString('en-US')} characters, expected at most 1,024 (${standard})`, at: valueSpan(file, ['description']) })
      if (/[<>]/.test(description)) report({ message: `Unexpected \`${description.match(/[<>]/)![0]}\` in the description, expected no angle brackets (claude.ai upload and \`quick_validate\` reject them)`, at: valueSpan(file, ['description']) })
    }
    for (const key of Object.keys(data)) {
      if (!portableKeySet.has(key)) report({ message: `Unexpected key \`${key}\` in a portable skill, expected one of ${portableKeys.map((k) => `\`${k}\``).join(', ')} (claude.ai and API uploads reject other keys)`, at: keySpan(file, [key]) })
    }
    if (isRecord(data.metadata)) {
      for (const [key, value] of Object.entries(data.metadata)) {
        if (typeof value !== 'string') report({ message: `Unexpected ${show(value)} for \`metadata.${key}\`, expected a string (${standard} allows string values only)`, at: valueSpan(file, ['metadata', key]) })
      }
    }
  },
})
