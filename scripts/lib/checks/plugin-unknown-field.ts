// Claude Code strips plugin.json fields it does not know: a misspelt `descripton` or a marketplace-only `tags` does nothing.
import { defineCheck } from '../engine/check.ts'
import { jsonKeySpan, jsonRootSpan, jsonValueSpan } from '../check-support/json-locate.ts'
import { experimentalComponents as experimental, isRecord, marketplaceOnlyFields, pluginFields } from '../model/plugin-fields.ts'
import { show } from '../model/schemas.ts'
import { didYouMean } from '../check-support/suggest.ts'

const kebabCase = /^[a-z0-9]+(-[a-z0-9]+)*$/
const recommended = [
  ['version', 'a version such as `1.0.0`', 'users cannot tell releases apart'],
  ['description', 'a one-line description', 'the plugin browser shows nothing'],
  ['author', 'an `author` object with a `name`', 'users cannot see who maintains it'],
] as const

export default defineCheck({
  id: 'plugin/unknown-field',
  description: 'plugin.json fields Claude Code ignores, a name that is not kebab-case, and missing version, description or author',
  rationale:
    'Claude Code drops unknown plugin.json fields at load time, so a misspelt field or one that belongs in the marketplace entry (`category`, `tags`, `strict`, `source`) silently does nothing. `claude plugin validate` warns about these and about a missing `version`, `description` or `author`, and a name that is not kebab-case.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['plugin-manifest'],
  check({ file, report }) {
    const manifest = file.json?.value
    if (!isRecord(manifest)) return
    for (const key of Object.keys(manifest)) {
      if (pluginFields.has(key) && !experimental.has(key)) continue
      const at = jsonKeySpan(file, [key])
      if (experimental.has(key)) {
        report({
          message: `Unexpected \`${key}\` at the top level, expected it under \`experimental.${key}\` (an experimental component)`,
          at,
        })
      } else if (marketplaceOnlyFields.has(key)) {
        report({
          message: `Unexpected \`${key}\` in plugin.json, expected it in the plugin's marketplace entry (marketplace.json); Claude Code ignores it here`,
          at,
        })
      } else {
        report({
          message: `Unexpected field \`${key}\` in plugin.json (Claude Code ignores it), expected a field Claude Code reads${didYouMean(key, pluginFields)}`,
          at,
        })
      }
    }
    if ('metadata' in manifest && !isRecord(manifest.metadata)) {
      report({
        message: `Unexpected ${show(manifest.metadata)} for \`metadata\`, expected an object (Claude Code ignores a \`metadata\` that is not one)`,
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
        message: `Unexpected plugin name \`${name}\`, expected kebab-case${suggestion && suggestion !== name ? ` such as \`${suggestion}\`` : ''} (lower-case letters and digits joined by \`-\`)`,
        at: jsonValueSpan(file, ['name']),
      })
    }
    for (const [field, expected, why] of recommended) {
      if (!(field in manifest))
        report({ message: `Missing \`${field}\` in plugin.json, expected ${expected} (${why})`, at: jsonRootSpan(file) })
    }
  },
})
