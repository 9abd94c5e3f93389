// A hand-edited or outdated index table misleads: the orchestrator would delegate to agents by a stale roster.
import { defineCheck } from '../engine/check.ts'
import { generate, regionTypes, renderRegion } from '../index-tables/generators.ts'
import { regionsOf } from '../index-tables/regions.ts'
import { installedAmong } from '../install/installed.ts'
import { offsetSpan } from '../check-support/locate.ts'
import { own } from '../model/own.ts'

export default defineCheck({
  id: 'index/stale',
  description: 'A generated index table that differs from what the front matter and catalogs give now',
  rationale:
    'Index tables (the orchestrator roster, the gateway routing table, the README catalog) are generated; a stale one lists agents, skills or rules that no longer exist, or misses new ones, and Claude reads it as truth.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'markdown', 'readme'],
  messages: {
    stale:
      'Unexpected stale `{{name}}` region, expected the table generated from the current files; run `npx backend-team generate` (or `npx backend-team validate --fix`)',
  },
  fixable: true,
  check({ file, project, settings, report }) {
    // An installed, unchanged pack file carries the tables generated for the pack; the project's own agents never enter them.
    if (regionsOf(file).regions.length > 0 && installedAmong([file.path]).size > 0) return
    for (const region of regionsOf(file).regions) {
      const type = own(regionTypes, region.name)
      if (!type || !type.kinds.includes(file.kind)) continue
      const generated = generate(file, project, region, settings.rules)
      if (!generated.ok) continue
      const expected = renderRegion(generated.table, region.open.eol)
      if (file.text.slice(region.innerStart, region.innerEnd) === expected) continue
      report({
        messageId: 'stale',
        data: { name: region.name },
        at: offsetSpan(file, region.open.start, region.open.end),
        fix: [{ start: region.innerStart, end: region.innerEnd, text: expected }],
      })
    }
  },
})
