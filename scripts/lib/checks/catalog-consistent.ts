// The catalogs feed the generated roster and skill index: an entry out of step with the files gives a wrong table.
import { basename, dirname, join, sep } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { jsonKeySpan, jsonProblemSpan, jsonRootSpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { describeSchemaErrors } from '../check-support/schema-problems.ts'
import { validatorFor } from '../model/schemas.ts'
import { didYouMean } from '../check-support/suggest.ts'

export default defineCheck({
  id: 'catalog/consistent',
  description:
    'agents/catalog.json and skills/catalog.json that fail their schema or do not list exactly the agents and skills beside them',
  rationale:
    "Claude Code never reads the catalogs, but the generator builds the orchestrator's roster, the skill index and the gateway routing from them: an agent or skill without an entry is missing from those tables, and an entry without a file sends the orchestrator to something that does not exist.",
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['catalog'],
  messages: {
    schema: '{{problem}}',
    otherKind: 'Unexpected `{{other}}` in {{kind}}/catalog.json, expected only `{{kind}}` ({{other}} belong in {{other}}/catalog.json)',
    missingAgents: 'Missing `agents` in agents/catalog.json, expected a mapping of agent names to entries',
    missingSkills: 'Missing `skills` in skills/catalog.json, expected a mapping of skill folders to entries',
    missingEntry:
      'Missing catalog entry for {{what}} `{{name}}`, expected one entry per {{what}} in {{kind}}/ (the generated tables leave it out)',
    unknownAgent:
      'Unexpected catalog entry `{{name}}`, expected an agent named `{{name}}` in agents/{{suggestion}} (the generated tables would point at nothing)',
    unknownSkill:
      'Unexpected catalog entry `{{name}}`, expected a skill folder `{{name}}` in skills/{{suggestion}} (the generated tables would point at nothing)',
    missingCatalog:
      'Missing {{other}}/catalog.json beside {{kind}}/catalog.json, expected a catalog for the {{count}} {{things}} in {{other}}/ too',
  },
  check({ file, project, report }) {
    const data = file.json?.value
    if (data === undefined) return
    const folder = dirname(file.path)
    const kind = basename(folder) === 'skills' ? 'skills' : 'agents'
    const other = kind === 'agents' ? 'skills' : 'agents'
    const validate = validatorFor('catalog.schema.json')
    if (!validate(data)) {
      // The top-level oneOf only says which key a catalog holds; the folder tells which one it should.
      const errors = (validate.errors ?? []).filter((e) => !e.schemaPath.startsWith('#/oneOf'))
      for (const problem of describeSchemaErrors(errors, data))
        report({ messageId: 'schema', data: { problem: problem.message }, at: jsonProblemSpan(file, problem) })
    }
    if (!isRecord(data)) return
    if (Object.hasOwn(data, other))
      report({
        messageId: 'otherKind',
        data: { other, kind },
        at: jsonKeySpan(file, [other]),
      })
    const entries = data[kind]
    if (!isRecord(entries)) {
      if (!Object.hasOwn(data, kind)) report({ messageId: kind === 'agents' ? 'missingAgents' : 'missingSkills', at: jsonRootSpan(file) })
      return
    }
    const inside = folder + sep
    const names = new Map<string, string>()
    if (kind === 'agents') {
      for (const a of project.agents) if (a.file.path.startsWith(inside) && !names.has(a.name)) names.set(a.name, a.file.path)
    } else {
      for (const s of project.skills) if (dirname(dirname(s.file.path)) === folder && !names.has(s.dir)) names.set(s.dir, s.file.path)
    }
    const what = kind === 'agents' ? 'agent' : 'skill'
    const keyAt = jsonKeySpan(file, [kind])
    for (const [name, path] of names) {
      if (Object.hasOwn(entries, name)) continue
      report({
        messageId: 'missingEntry',
        data: { what, name, kind },
        at: keyAt,
        related: [{ file: path, line: 1, column: 1, message: `${what} \`${name}\`` }],
      })
    }
    for (const name of Object.keys(entries)) {
      if (names.has(name)) continue
      report({
        messageId: kind === 'agents' ? 'unknownAgent' : 'unknownSkill',
        data: { name, suggestion: didYouMean(name, names.keys()) },
        at: jsonKeySpan(file, [kind, name]),
      })
    }
    // A root that keeps catalogs keeps both: the generator reads agents and skills together.
    const root = dirname(folder)
    const otherCatalog = join(root, other, 'catalog.json')
    const otherCount =
      kind === 'agents'
        ? project.skills.filter(
            (s) => dirname(dirname(dirname(s.file.path))) === root && basename(dirname(dirname(s.file.path))) === 'skills',
          ).length
        : project.agents.filter((a) => a.file.path.startsWith(join(root, 'agents') + sep)).length
    if (otherCount > 0 && project.disk.missing(otherCatalog)) {
      report({
        messageId: 'missingCatalog',
        data: { other, kind, count: otherCount, things: otherCount === 1 ? other.slice(0, -1) : other },
        at: jsonRootSpan(file),
      })
    }
  },
})
