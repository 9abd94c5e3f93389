// A rule in .claude/rules/ is scoped by `paths` alone; when Claude Code finds no glob there, the rule loads everywhere.
import { defineCheck } from '../engine/check.ts'
import { keySpan, valueSpan } from '../check-support/locate.ts'

/** Keys other tools use for the same idea: Cursor's `globs`, Copilot's `applyTo`. */
const otherToolsKeys = ['globs', 'applyTo', 'glob', 'files']

const isRule = (path: string) => /(?:^|[\\/])\.claude[\\/]rules[\\/]/.test(path)
const shown = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)))

export default defineCheck({
  id: 'memory/rule-paths',
  description: "Rules in `.claude/rules/` whose `paths` gives Claude Code no glob, or that scope themselves with another tool's key",
  rationale:
    "Claude Code scopes a rule file by its front matter's `paths`: a glob string (commas and `{a,b}` braces allowed) or a list of them, matched like `.gitignore` lines. A value that is neither (a number, a mapping), list items that are not strings, or an empty value give it no glob, and a rule with no glob is loaded into every session, which is the opposite of what the author asked for. Cursor's `globs` and Copilot's `applyTo` are not read at all. To load a rule always, leave `paths` out.",
  runtime:
    "In one session, rules with `paths: 42`, `paths: [42, true]` and `globs: src/**/*.go` are all in the first request's context, while a rule with `paths: src/**/*.go` is not.",
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['memory'],
  messages: {
    otherToolKey:
      "Unexpected `{{key}}` in a rule's front matter, expected `paths` (Claude Code reads only `paths`, so this rule loads in every session)",
    emptyString:
      'Unexpected an empty `paths`, expected at least one glob (Claude Code finds no glob in it and loads this rule in every session; leave `paths` out to load it always)',
    notGlob:
      'Unexpected `{{value}}` for `paths`, expected a glob or a list of globs such as `src/**/*.go` (Claude Code finds no glob in it and loads this rule in every session)',
    emptyList:
      'Unexpected an empty `paths` list, expected at least one glob (Claude Code finds no glob in it and loads this rule in every session; leave `paths` out to load it always)',
    nonStringItem: 'Unexpected `{{value}}` in `paths`, expected a glob string (Claude Code drops it)',
    nonStringItemNoGlob:
      'Unexpected `{{value}}` in `paths`, expected a glob string (Claude Code drops it; no glob is left, so it loads this rule in every session)',
  },
  check({ file, report }) {
    if (!isRule(file.path) || !file.frontmatter) return
    const data = file.data
    if (!Object.hasOwn(data, 'paths')) {
      for (const key of otherToolsKeys) {
        if (!Object.hasOwn(data, key)) continue
        report({
          messageId: 'otherToolKey',
          data: { key },
          at: keySpan(file, [key]),
        })
      }
      return
    }
    const paths = data.paths
    if (paths === null || paths === undefined) return
    if (typeof paths === 'string') {
      if (paths.split(',').every((p) => p.trim() === ''))
        report({
          messageId: 'emptyString',
          at: valueSpan(file, ['paths']),
        })
      return
    }
    if (!Array.isArray(paths)) {
      report({
        messageId: 'notGlob',
        data: { value: shown(paths) },
        at: valueSpan(file, ['paths']),
      })
      return
    }
    const globs = paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    if (paths.length === 0) {
      report({
        messageId: 'emptyList',
        at: valueSpan(file, ['paths']),
      })
      return
    }
    paths.forEach((item, index) => {
      if (typeof item === 'string') return
      report({
        messageId: globs.length === 0 ? 'nonStringItemNoGlob' : 'nonStringItem',
        data: { value: shown(item) },
        at: valueSpan(file, ['paths', index]),
      })
    })
  },
})
