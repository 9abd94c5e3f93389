// Front matter that Claude Code cannot parse even after its quoting retry: every field is dropped.
import { defineCheck } from '../engine/check.ts'
import { offsetSpan, fenceSpan } from '../check-support/locate.ts'

export default defineCheck({
  id: 'frontmatter/yaml-syntax',
  description: 'Front matter that Claude Code cannot parse, even after its quoting retry',
  rationale:
    'When YAML fails, Claude Code retries once after quoting risky values; if that fails too it drops every field: a project agent does not load at all, a plugin agent loads under its file name with every tool, a skill loses its description. YAML that only the retry rescues is frontmatter/yaml-strict.',
  runtime:
    'Front matter with an unclosed quote is dropped ([ERROR] "failed to parse and was ignored") and the project agent is not loaded.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['agent', 'skill', 'command'],
  fixable: true,
  check({ file, report }) {
    const fm = file.frontmatter
    if (!fm) return
    if (fm.language !== 'yaml' && fm.language !== 'yml') {
      report({
        message: `Unexpected \`${fm.language}\` front matter, expected YAML (it is never evaluated; Claude Code reads no fields from it)`,
        at: fenceSpan(file),
      })
      return
    }
    if (fm.errors.length === 0 || fm.recoveredByClaude) return
    const first = fm.errors[0]!
    const consequence =
      file.kind !== 'agent'
        ? 'Claude Code drops every field'
        : file.scope.kind === 'plugin'
          ? 'Claude Code drops every field and loads this plugin agent under its file name with every tool'
          : 'Claude Code drops every field, so this agent does not load'
    report({
      message: `Unexpected invalid YAML: ${first.message}, expected strict YAML 1.2 (${consequence}${fm.quotingFix ? '; quoting the value fixes it' : ''})`,
      at: offsetSpan(file, first.start, first.end),
      ...(fm.quotingFix ? { fix: fm.quotingFix } : {}),
    })
  },
})
