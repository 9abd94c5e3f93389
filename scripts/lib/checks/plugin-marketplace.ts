// `/plugin marketplace add` rejects a marketplace.json that fails its schema, and an entry it cannot parse is dropped.
import { defineCheck } from '../engine/check.ts'
import { jsonKeySpan, jsonProblemSpan, jsonValueSpan } from '../check-support/json-locate.ts'
import { isRecord, marketplaceEntryFields, marketplaceFields, marketplaceMetadataFields } from '../model/plugin-fields.ts'
import { describeSchemaErrors } from '../check-support/schema-problems.ts'
import { validatorFor } from '../model/schemas.ts'
import { didYouMean } from '../check-support/suggest.ts'
import marketplaceSchema from '../../../schemas/marketplace.schema.json' with { type: 'json' }

/** Remote source kinds, each the `const` of one anyOf branch of the source schema. */
const sourceBranches = new Map(
  marketplaceSchema.$defs.source.anyOf.flatMap((branch, i) => {
    const kind = (branch as { properties?: { source?: { const?: string } } }).properties?.source?.const
    return kind ? [[kind, i] as const] : []
  }),
)

/** A bare folder name, which Claude Code resolves under `metadata.pluginRoot`. */
const bareName = (source: string) => !/[\\/]/.test(source) && !source.startsWith('.')

/** A source path with a `..` segment, and what it would be inside the marketplace root. */
function traversal(source: string): string | null {
  if (!source.split(/[\\/]/).includes('..')) return null
  return `./${source.replace(/^(?:\.\.?[\\/])+/, '').replace(/^\.\.$/, '')}`
}

export default defineCheck({
  id: 'plugin/marketplace',
  description: 'marketplace.json values of the wrong type, duplicate plugin names, `..` in source paths and unknown fields',
  rationale:
    'Claude Code checks .claude-plugin/marketplace.json when the marketplace is added or refreshed: a schema error rejects it, an entry that does not parse is dropped or stubbed as unsupported, two entries with one name shadow each other, a `..` source is refused as path traversal, and unknown fields are ignored.',
  runtime: '`claude plugin validate` fails on a marketplace.json whose `owner` is a string ("expected object, received string").',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['marketplace'],
  messages: {
    schema: '{{problem}}',
    unknownField: 'Unexpected field `{{key}}` in {{where}} (Claude Code ignores it), expected a field Claude Code reads{{suggestion}}',
    unknownSourceKind: 'Unexpected source kind `{{kind}}`, expected one of {{kinds}}, or a `./` path',
    sourceKindType: 'Unexpected source kind of the wrong type, expected one of {{kinds}}, or a `./` path',
    missingSourceKind: 'Unexpected source object without a `source` kind, expected one of {{kinds}}, or a `./` path',
    traversal:
      'Unexpected `..` in source `{{source}}`, expected a path inside the marketplace root such as `{{inside}}` (Claude Code refuses path traversal)',
    notDotSlash:
      'Unexpected source `{{source}}`, expected a path starting with `./` such as `./{{path}}` (Claude Code resolves it against the marketplace root)',
    duplicateName:
      'Unexpected second plugin named `{{name}}`, expected unique plugin names (`claude plugin validate` rejects the marketplace, and the entries shadow each other)',
  },
  check({ file, report }) {
    const data = file.json?.value
    if (data === undefined) return
    const validate = validatorFor('marketplace.schema.json')
    const entries = isRecord(data) && Array.isArray(data.plugins) ? (data.plugins as unknown[]) : []
    const stringSource = (path: (string | number)[]) =>
      path[0] === 'plugins' &&
      typeof path[1] === 'number' &&
      path[2] === 'source' &&
      typeof (entries[path[1]] as { source?: unknown } | undefined)?.source === 'string'
    if (!validate(data)) {
      // A remote source names its kind: keep only the errors of that kind's branch, not of every other one.
      const errors = (validate.errors ?? []).filter((e) => {
        const m = /^\/plugins\/(\d+)\/source(?:\/|$)/.exec(e.instancePath)
        const source = m ? (entries[Number(m[1])] as { source?: unknown }).source : undefined
        if (!isRecord(source)) return true
        const branch = typeof source.source === 'string' ? sourceBranches.get(source.source) : undefined
        if (branch === undefined || (e.keyword === 'anyOf' && e.instancePath === m![0].replace(/\/$/, ''))) return false
        // Errors inside a `$ref` (a bad `sha`) carry the referenced schema's path, not the branch's.
        return !e.schemaPath.includes('/anyOf/') || e.schemaPath.includes(`/anyOf/${branch}/`)
      })
      for (const problem of describeSchemaErrors(errors, data)) {
        if (stringSource(problem.path)) continue
        report({ messageId: 'schema', data: { problem: problem.message }, at: jsonProblemSpan(file, problem) })
      }
    }
    if (!isRecord(data)) return
    const unknown = (fields: Record<string, unknown>, known: ReadonlySet<string>, path: (string | number)[], where: string) => {
      for (const key of Object.keys(fields)) {
        if (!known.has(key))
          report({
            messageId: 'unknownField',
            data: { key, where, suggestion: didYouMean(key, known) },
            at: jsonKeySpan(file, [...path, key]),
          })
      }
    }
    unknown(data, marketplaceFields, [], 'marketplace.json')
    if (isRecord(data.metadata)) unknown(data.metadata, marketplaceMetadataFields, ['metadata'], '`metadata`')
    const firstByName = new Map<string, number>()
    entries.forEach((entry, i) => {
      if (!isRecord(entry)) return
      unknown(entry, marketplaceEntryFields, ['plugins', i], `\`plugins.${i}\``)
      const source = entry.source
      if (isRecord(source) && !(typeof source.source === 'string' && sourceBranches.has(source.source))) {
        const kinds = [...sourceBranches.keys()].map((k) => `\`${k}\``).join(', ')
        report({
          ...('source' in source
            ? typeof source.source === 'string'
              ? { messageId: 'unknownSourceKind', data: { kind: source.source, kinds } }
              : { messageId: 'sourceKindType', data: { kinds } }
            : { messageId: 'missingSourceKind', data: { kinds } }),
          at: 'source' in source ? jsonValueSpan(file, ['plugins', i, 'source', 'source']) : jsonValueSpan(file, ['plugins', i, 'source']),
        })
      } else if (typeof source === 'string') {
        const inside = traversal(source)
        if (inside !== null) {
          report({
            messageId: 'traversal',
            data: { source, inside },
            at: jsonValueSpan(file, ['plugins', i, 'source']),
          })
        } else if (
          !source.startsWith('./') &&
          source !== '.' &&
          !(bareName(source) && isRecord(data.metadata) && typeof data.metadata.pluginRoot === 'string')
        ) {
          report({
            messageId: 'notDotSlash',
            data: { source, path: source.replace(/^[\\/]+/, '') },
            at: jsonValueSpan(file, ['plugins', i, 'source']),
          })
        }
      }
      if (typeof entry.name !== 'string') return
      const first = firstByName.get(entry.name)
      if (first === undefined) {
        firstByName.set(entry.name, i)
        return
      }
      const at = jsonValueSpan(file, ['plugins', first, 'name'])
      report({
        messageId: 'duplicateName',
        data: { name: entry.name },
        at: jsonValueSpan(file, ['plugins', i, 'name']),
        related: [{ file: file.path, line: at.line, column: at.column, message: `\`${entry.name}\` first defined here` }],
      })
    })
  },
})
