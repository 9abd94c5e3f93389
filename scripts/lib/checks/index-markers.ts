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
  check({ file, project, settings, report }) {
    const scan = regionsOf(file)
    const known = regionNames.map((n) => `\`${n}\``).join(', ')
    const at = (m: { start: number; end: number }) => offsetSpan(file, m.start, m.end)
    for (const p of scan.problems) {
      if (p.kind === 'not-alone') {
        report({ message: 'Unexpected text around an index marker, expected the marker alone on its line', at: at(p.marker) })
      } else if (p.kind === 'unmatched-end') {
        report({
          message: `Unexpected \`${endMarker}\` without a start marker, expected \`<!-- backend-team:index NAME -->\` before it`,
          at: at(p.marker),
        })
      } else if (p.kind === 'unmatched-start') {
        report({
          message: `Unexpected start of region \`${p.name}\` without an end marker, expected \`${endMarker}\` on its own line after the table`,
          at: at(p.marker),
        })
      } else {
        report({
          message: `Unexpected start of region \`${p.name}\` inside region \`${p.outerName}\`, expected regions not to nest (close \`${p.outerName}\` first)`,
          at: at(p.marker),
          related: [{ file: file.path, ...file.source!.position(p.outer.start), message: `region \`${p.outerName}\` starts here` }],
        })
      }
    }
    for (const region of scan.regions) {
      const type = own(regionTypes, region.name)
      if (!type) {
        report({
          message:
            region.name === ''
              ? `Unexpected index marker without a region name, expected \`<!-- backend-team:index NAME -->\` with NAME one of ${known}`
              : `Unexpected index region \`${region.name}\`, expected one of ${known}${didYouMean(region.name, regionNames)}`,
          at: at(region.open),
        })
        continue
      }
      if (!type.kinds.includes(file.kind)) {
        report({
          message: `Unexpected region \`${region.name}\` in ${kindNames[file.kind] ?? file.kind}, expected it in ${type.kinds.map((k) => kindNames[k] ?? k).join(' or ')}`,
          at: at(region.open),
        })
        continue
      }
      const generated = generate(file, project, region, settings.rules)
      if (generated.ok) continue
      report({
        message:
          generated.problem === 'missing-data'
            ? `Unexpected region \`${region.name}\` without its data file, expected \`${generated.path}\` to exist (the table is generated from it)`
            : `Unexpected data in \`${generated.path}\` for region \`${region.name}\`: ${generated.detail}`,
        at: at(region.open),
      })
    }
  },
})
