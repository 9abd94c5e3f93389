// YAML that only Claude Code's quoting retry rescues loads fine in Claude Code, but breaks every other YAML tool.
import { defineCheck } from '../engine/check.ts'
import { offsetSpan } from '../check-support/locate.ts'

export default defineCheck({
  id: 'frontmatter/yaml-strict',
  description: 'Front matter that Claude Code loads only after quoting values itself, or resource front matter that is not strict YAML',
  rationale:
    "When YAML fails, Claude Code retries once after quoting risky values, and the file loads as meant. Other YAML parsers (editors, indexers, the Agent Skills tools, this pack's generator) fail on the same text; quoting the value makes it portable.",
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command', 'markdown'],
  fixable: true,
  messages: {
    resource:
      'Unexpected invalid YAML: {{problem}}, expected strict YAML 1.2 (Claude Code does not read it; other YAML parsers fail{{quoting}})',
    recovered:
      'Unexpected invalid YAML: {{problem}}, expected strict YAML 1.2 (Claude Code loads it only after quoting values itself; other YAML parsers fail{{quoting}})',
  },
  check({ file, report }) {
    const fm = file.frontmatter
    if (!fm || (fm.language !== 'yaml' && fm.language !== 'yml') || fm.errors.length === 0) return
    // Claude Code never parses a resource file's front matter, so any YAML error there is a portability problem only.
    if (!fm.recoveredByClaude && file.kind !== 'markdown') return
    const first = fm.errors[0]!
    report({
      messageId: file.kind === 'markdown' ? 'resource' : 'recovered',
      data: { problem: first.message, quoting: fm.quotingFix ? '; quoting the value fixes it' : '' },
      at: offsetSpan(file, first.start, first.end),
      ...(fm.quotingFix ? { fix: fm.quotingFix } : {}),
    })
  },
})
