// Every hook recipe matches the files Claude Code loads and nothing else: the globs (lint-staged), the regular
// expression (pre-commit's files:, the Claude Code hook) and .pre-commit-hooks.yaml agree on the same paths.
import { readFileSync } from 'node:fs'
import picomatch from 'picomatch'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { claudeFileGlobs, claudeFilePattern, lintStagedGlob } from '../../scripts/lib/init/recipes.ts'

const loaded = [
  '.claude/agents/reviewer.md',
  '.claude/agents/team/reviewer.md',
  '.claude/skills/go-style/SKILL.md',
  '.claude/skills/go-style/references/errors.md',
  '.claude/commands/ship.md',
  '.claude/settings.json',
  '.claude/settings.local.json',
  'services/orders/.claude/agents/dev.md',
  '.claude-plugin/plugin.json',
  '.claude-plugin/marketplace.json',
  'plugins/tools/.claude-plugin/plugin.json',
  'agents/reviewer.md',
  'skills/go-style/SKILL.md',
  'commands/ship.md',
  'hooks/hooks.json',
]
const notLoaded = [
  'internal/agents/agents.go',
  'internal/agents/README.md',
  'internal/agents/handler_test.go',
  'README.md',
  'docs/agents.md',
  'docs/skills/overview.md',
  'cmd/skills/main.go',
  'go.mod',
  'handler.go',
  'agents/catalog.json',
  '.claude/agents/notes.txt',
  '.claude/hooks/validate.mjs',
  'hooks/pre-commit',
  '.github/workflows/ci.yml',
  'package.json',
  'services/orders/agents/doc.md',
]

describe('hook recipes', () => {
  const regex = new RegExp(claudeFilePattern)
  const globs = picomatch([...claudeFileGlobs], { dot: true })
  const single = picomatch(lintStagedGlob, { dot: true })

  it.each(loaded)('match %s, which Claude Code loads', (path) => {
    expect([regex.test(path), globs(path), single(path)]).toEqual([true, true, true])
  })

  it.each(notLoaded)('leave out %s', (path) => {
    expect([regex.test(path), globs(path), single(path)]).toEqual([false, false, false])
  })

  it('.pre-commit-hooks.yaml uses the same pattern, runs the staged check and is given the files', () => {
    const [hook] = parse(readFileSync(new URL('../../.pre-commit-hooks.yaml', import.meta.url), 'utf8'))
    expect(hook).toMatchObject({
      id: 'backend-team-validate',
      entry: 'backend-team validate --staged',
      language: 'node',
      files: claudeFilePattern,
      pass_filenames: true,
    })
  })
})
