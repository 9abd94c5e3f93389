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
  messages: {
    notYaml: 'Unexpected `{{language}}` front matter, expected YAML (it is never evaluated; Claude Code reads no fields from it)',
    invalid: 'Unexpected invalid YAML: {{problem}}, expected strict YAML 1.2 (Claude Code drops every field{{quoting}})',
    invalidPluginAgent:
      'Unexpected invalid YAML: {{problem}}, expected strict YAML 1.2 (Claude Code drops every field and loads this plugin agent under its file name with every tool{{quoting}})',
    invalidAgent:
      'Unexpected invalid YAML: {{problem}}, expected strict YAML 1.2 (Claude Code drops every field, so this agent does not load{{quoting}})',
  },
  check({ file, report }) {
    const fm = file.frontmatter
    if (!fm) return
    if (fm.language !== 'yaml' && fm.language !== 'yml') {
      report({
        messageId: 'notYaml',
        data: { language: fm.language },
        at: fenceSpan(file),
      })
      return
    }
    if (fm.errors.length === 0 || fm.recoveredByClaude) return
    const first = fm.errors[0]!
    const messageId = file.kind !== 'agent' ? 'invalid' : file.scope.kind === 'plugin' ? 'invalidPluginAgent' : 'invalidAgent'
    report({
      messageId,
      data: { problem: first.message, quoting: fm.quotingFix ? '; quoting the value fixes it' : '' },
      at: offsetSpan(file, first.start, first.end),
      ...(fm.quotingFix ? { fix: fm.quotingFix } : {}),
    })
  },
})
