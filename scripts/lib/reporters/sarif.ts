import { homepageUrl, ruleDocsUrl, toolVersion } from './rule-docs.ts'
import type { Reporter } from './reporter.ts'
import { printable } from './printable.ts'
import { relativePath } from './relative.ts'

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** A relative path as a SARIF `uri-reference`: each segment percent-encoded (spaces, `%`, `#`, `?`, a `:` that would read as a scheme). */
export function uriReference(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment.replace(loneSurrogate, '\ufffd')))
    .join('/')
}

/** SARIF 2.1.0, for code-scanning uploads. */
export const sarif: Reporter = (diagnostics, { cwd, rules: known = [] }) => {
  const used = [...new Set(diagnostics.map((d) => d.ruleId))].sort()
  const rules = used.map((id) => {
    const check = known.find((c) => c.id === id)
    return {
      id,
      shortDescription: { text: check?.description ?? id },
      fullDescription: { text: check?.rationale ?? id },
      defaultConfiguration: { level: check?.defaultSeverity === 'warning' ? 'warning' : 'error' },
      ...ruleHelp(id),
    }
  })
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { ...driverIdentity(), rules } },
        results: diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ruleIndex: used.indexOf(d.ruleId),
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: printable(d.message) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriReference(relativePath(d.file, cwd)) },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
          ],
          ...(d.related
            ? {
                relatedLocations: d.related.map((r, i) => ({
                  id: i,
                  message: { text: printable(r.message) },
                  physicalLocation: {
                    artifactLocation: { uri: uriReference(relativePath(r.file, cwd)) },
                    region: { startLine: r.line, startColumn: r.column },
                  },
                })),
              }
            : {}),
        })),
      },
    ],
  }
  return JSON.stringify(log, null, 2) + '\n'
}

/** Who made the log: code-scanning shows the version and links the home page. */
function driverIdentity(): { name: string; version: string; informationUri?: string } {
  return { name: 'backend-team', version: toolVersion, ...(homepageUrl ? { informationUri: homepageUrl } : {}) }
}

/** A rule's page, linked from each result. */
function ruleHelp(id: string): { helpUri?: string } {
  const url = ruleDocsUrl(id)
  return url ? { helpUri: url } : {}
}
