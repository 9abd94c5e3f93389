// A broken marker makes a region silently ungenerated, so its table drifts while validate stays green.
import { defineCheck } from '../engine/check.ts'
import type { FileKind } from '../load/discover.ts'
import { generate, regionNames, regionTypes } from '../index-tables/generators.ts'
import { endMarker, regionsOf } from '../index-tables/regions.ts'
import { offsetSpan } from '../check-support/locate.ts'
import { didYouMean } from '../check-support/suggest.ts'
import { own } from '../model/own.ts'

const kindNames: Partial<Record<FileKind, string>> = {
  agent: 'an agent',
  skill: 'a skill (`SKILL.md`)',
  markdown: 'a skill resource file',
  readme: 'the README',
}

export default defineCheck({
  id: 'index/markers',
  description: 'Index region markers that are unknown, unmatched, nested, misplaced or lack their data',
  rationale:
    'A region that cannot be generated is never checked for staleness, so its table drifts from the files it describes while `npm run validate` stays green.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'markdown', 'readme'],
  messages: {
    notAlone: 'Unexpected text around an index marker, expected the marker alone on its line',
    unmatchedEnd: 'Unexpected `{{endMarker}}` without a start marker, expected `<!-- backend-team:index NAME -->` before it',
    unmatchedStart: 'Unexpected start of region `{{name}}` without an end marker, expected `{{endMarker}}` on its own line after the table',
    nested:
      'Unexpected start of region `{{name}}` inside region `{{outerName}}`, expected regions not to nest (close `{{outerName}}` first)',
    noName: 'Unexpected index marker without a region name, expected `<!-- backend-team:index NAME -->` with NAME one of {{known}}',
    unknown: 'Unexpected index region `{{name}}`, expected one of {{known}}{{suggestion}}',
    wrongKind: 'Unexpected region `{{name}}` in {{kind}}, expected it in {{expected}}',
    missingData: 'Unexpected region `{{name}}` without its data file, expected `{{path}}` to exist (the table is generated from it)',
    badData: 'Unexpected data in `{{path}}` for region `{{name}}`: {{detail}}',
  },
  check({ file, project, settings, report }) {
    const scan = regionsOf(file)
    const known = regionNames.map((n) => `\`${n}\``).join(', ')
    const at = (m: { start: number; end: number }) => offsetSpan(file, m.start, m.end)
    for (const p of scan.problems) {
      if (p.kind === 'not-alone') {
        report({ messageId: 'notAlone', at: at(p.marker) })
      } else if (p.kind === 'unmatched-end') {
        report({
          messageId: 'unmatchedEnd',
          data: { endMarker },
          at: at(p.marker),
        })
      } else if (p.kind === 'unmatched-start') {
        report({
          messageId: 'unmatchedStart',
          data: { name: p.name, endMarker },
          at: at(p.marker),
        })
      } else {
        report({
          messageId: 'nested',
          data: { name: p.name, outerName: p.outerName },
          at: at(p.marker),
          related: [{ file: file.path, ...file.source!.position(p.outer.start), message: `region \`${p.outerName}\` starts here` }],
        })
      }
    }
    for (const region of scan.regions) {
      const type = own(regionTypes, region.name)
      if (!type) {
        if (region.name === '') report({ messageId: 'noName', data: { known }, at: at(region.open) })
        else
          report({
            messageId: 'unknown',
            data: { name: region.name, known, suggestion: didYouMean(region.name, regionNames) },
            at: at(region.open),
          })
        continue
      }
      if (!type.kinds.includes(file.kind)) {
        report({
          messageId: 'wrongKind',
          data: {
            name: region.name,
            kind: kindNames[file.kind] ?? file.kind,
            expected: type.kinds.map((k) => kindNames[k] ?? k).join(' or '),
          },
          at: at(region.open),
        })
        continue
      }
      const generated = generate(file, project, region, settings.rules)
      if (generated.ok) continue
      if (generated.problem === 'missing-data')
        report({ messageId: 'missingData', data: { name: region.name, path: generated.path }, at: at(region.open) })
      else
        report({
          messageId: 'badData',
          data: { name: region.name, path: generated.path, detail: generated.detail },
          at: at(region.open),
        })
    }
  },
})
