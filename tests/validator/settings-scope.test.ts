// Which settings files `validate` reads: the project's `.claude/settings*.json` always, managed settings when given by
// name, `~/.claude/settings.json` only with `--user` (or the `user` option), never by default.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validate } from '../../scripts/lib/engine/run.ts'
import { project } from './helpers.ts'

const broken = '{\n  "model": 42\n}\n'
const rulesOf = (files: string[]) => (d: { file: string; ruleId: string }) => files.includes(d.file) && d.ruleId === 'settings/schema'

describe('settings files validate reads', () => {
  it('checks the project settings without flags and ~/.claude/settings.json only when asked', () => {
    const root = project({ '.claude/settings.json': broken, '.claude/settings.local.json': broken })
    const home = project({ '.claude/settings.json': broken })
    const projectFiles = [join(root, '.claude/settings.json'), join(root, '.claude/settings.local.json')]
    const userFile = join(home, '.claude/settings.json')
    const plain = validate({ cwd: root, targets: [], home })
    expect(plain.diagnostics.filter(rulesOf(projectFiles))).toHaveLength(2)
    expect(plain.diagnostics.filter(rulesOf([userFile]))).toHaveLength(0)
    const withUser = validate({ cwd: root, targets: [], home, user: true })
    expect(withUser.diagnostics.filter(rulesOf(projectFiles))).toHaveLength(2)
    expect(withUser.diagnostics.filter(rulesOf([userFile]))).toHaveLength(1)
  })

  it('with --user and no ~/.claude/settings.json, checks the project alone', () => {
    const root = project({ '.claude/settings.json': broken })
    const home = project({ 'notes.txt': 'nothing here\n' })
    expect(validate({ cwd: root, targets: [], home, user: true }).diagnostics.filter((d) => d.ruleId === 'settings/schema')).toHaveLength(1)
  })

  it('checks managed settings and a managed-settings.d drop-in given by name, and nothing else in their folder', () => {
    const dir = project({ 'managed-settings.json': broken, 'managed-settings.d/10-team.json': broken, 'agents/x.md': 'not an agent\n' })
    const managed = join(dir, 'managed-settings.json')
    const dropIn = join(dir, 'managed-settings.d/10-team.json')
    const result = validate({ cwd: dir, targets: [managed, dropIn] })
    expect(result.diagnostics.map((d) => d.file).sort()).toEqual([dropIn, managed])
    expect(result.fileCount).toBe(2)
  })

  it('never reads a managed-settings.json it is not given', () => {
    const root = project({ '.claude/agents/.keep': '', 'managed-settings.json': broken })
    mkdirSync(join(root, 'sub'))
    writeFileSync(join(root, 'sub', 'managed-settings.json'), broken)
    expect(validate({ cwd: root, targets: [] }).diagnostics.filter((d) => d.ruleId.startsWith('settings/'))).toEqual([])
  })
})
