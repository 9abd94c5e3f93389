// Claude Code strips plugin.json fields it does not know: a misspelt `descripton` or a marketplace-only `tags` does nothing.
import { defineCheck } from '../engine/check.ts'
import { jsonKeySpan, jsonRootSpan, jsonValueSpan } from '../check-support/json-locate.ts'
import { experimentalComponents as experimental, isRecord, marketplaceOnlyFields, pluginFields } from '../model/plugin-fields.ts'
import { show } from '../model/schemas.ts'
import { didYouMean } from '../check-support/suggest.ts'

const kebabCase = /^[a-z0-9]+(-[a-z0-9]+)*$/
const recommended = [
  ['version', 'missingVersion'],
  ['description', 'missingDescription'],
  ['author', 'missingAuthor'],
] as const

export default defineCheck({
  id: 'plugin/unknown-field',
  description: 'plugin.json fields Claude Code ignores, a name that is not kebab-case, and missing version, description or author',
  rationale:
    'Claude Code drops unknown plugin.json fields at load time, so a misspelt field or one that belongs in the marketplace entry (`category`, `tags`, `strict`, `source`) silently does nothing. `claude plugin validate` warns about these and about a missing `version`, `description` or `author`, and a name that is not kebab-case.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['plugin-manifest'],
  messages: {
    experimental: 'Unexpected `{{key}}` at the top level, expected it under `experimental.{{key}}` (an experimental component)',
    marketplaceOnly:
      "Unexpected `{{key}}` in plugin.json, expected it in the plugin's marketplace entry (marketplace.json); Claude Code ignores it here",
    unknownField: 'Unexpected field `{{key}}` in plugin.json (Claude Code ignores it), expected a field Claude Code reads{{suggestion}}',
    metadataNotObject: 'Unexpected {{found}} for `metadata`, expected an object (Claude Code ignores a `metadata` that is not one)',
    notKebabCase:
      'Unexpected plugin name `{{name}}`, expected kebab-case such as `{{suggestion}}` (lower-case letters and digits joined by `-`)',
    notKebabCaseNoSuggestion: 'Unexpected plugin name `{{name}}`, expected kebab-case (lower-case letters and digits joined by `-`)',
    missingVersion: 'Missing `version` in plugin.json, expected a version such as `1.0.0` (users cannot tell releases apart)',
    missingDescription: 'Missing `description` in plugin.json, expected a one-line description (the plugin browser shows nothing)',
    missingAuthor: 'Missing `author` in plugin.json, expected an `author` object with a `name` (users cannot see who maintains it)',
  },
  check({ file, report }) {
    const manifest = file.json?.value
    if (!isRecord(manifest)) return
    for (const key of Object.keys(manifest)) {
      if (pluginFields.has(key) && !experimental.has(key)) continue
      const at = jsonKeySpan(file, [key])
      if (experimental.has(key)) {
        report({
          messageId: 'experimental',
          data: { key },
          at,
        })
      } else if (marketplaceOnlyFields.has(key)) {
        report({
          messageId: 'marketplaceOnly',
          data: { key },
          at,
        })
      } else {
        report({
          messageId: 'unknownField',
          data: { key, suggestion: didYouMean(key, pluginFields) },
          at,
        })
      }
    }
    if ('metadata' in manifest && !isRecord(manifest.metadata)) {
      report({
        messageId: 'metadataNotObject',
        data: { found: show(manifest.metadata) },
        at: jsonValueSpan(file, ['metadata']),
      })
    }
    const name = manifest.name
    if (typeof name === 'string' && name !== '' && !/\s/.test(name) && !kebabCase.test(name)) {
      const suggestion = name
        .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
      report({
        ...(suggestion && suggestion !== name
          ? { messageId: 'notKebabCase', data: { name, suggestion } }
          : { messageId: 'notKebabCaseNoSuggestion', data: { name } }),
        at: jsonValueSpan(file, ['name']),
      })
    }
    for (const [field, messageId] of recommended) {
      if (!(field in manifest)) report({ messageId, at: jsonRootSpan(file) })
    }
  },
})
