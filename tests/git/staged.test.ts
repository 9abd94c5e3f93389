// `validate --staged` checks the commit, not the working tree: the index is exported to a temporary folder and
// validated there, cross-file checks included, with paths reported as the repository's.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { agent, cli, project } from '../validator/helpers.ts'
import { git, gitEnv } from '../git-env.ts'

const roots: string[] = []
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true })
})

const env = gitEnv()

function repo(files: Record<string, string>): string {
  const root = project(files)
  roots.push(root)
  git(root, 'init', '-q')
  git(root, 'add', '-A')
  return root
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), text)
}

const snapshotsLeft = () => readdirSync(tmpdir()).filter((n) => n.startsWith('backend-team-staged-')).length

describe('validate --staged', () => {
  it('refuses a staged broken agent even when the working copy is fixed, with the diagnostic', async () => {
    const root = repo({ 'agents/reviewer.md': agent('reviewer', 'color: magenta\n') })
    write(root, 'agents/reviewer.md', agent('reviewer'))
    expect((await cli(root, 'validate')).code).toBe(0)
    const before = snapshotsLeft()
    const r = await cli(root, 'validate', '--staged')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('agents/reviewer.md\n  7:8  error  Unexpected `magenta` for `color`')
    expect(r.stdout).not.toContain('backend-team-staged-')
    expect(snapshotsLeft()).toBe(before)
  })

  it('accepts a good staged change when an unstaged file is broken or an untracked file is', async () => {
    const root = repo({ 'agents/reviewer.md': agent('reviewer'), 'agents/writer.md': agent('writer') })
    write(root, 'agents/writer.md', agent('writer', 'color: magenta\n'))
    write(root, 'agents/untracked.md', '---\nname: [\n---\n')
    expect((await cli(root, 'validate')).code).toBe(1)
    expect(await cli(root, 'validate', '--staged')).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('runs cross-file checks on the snapshot: a preloaded skill that exists only unstaged is missing', async () => {
    const root = repo({ 'agents/dev.md': agent('dev', 'skills:\n  - go-style\n') })
    write(root, 'skills/go-style/SKILL.md', '---\nname: go-style\ndescription: Use when writing Go.\n---\n\nGo style.\n')
    expect((await cli(root, 'validate')).code).toBe(0)
    const r = await cli(root, 'validate', '--staged', '--format', 'json')
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ file: 'agents/dev.md', ruleId: 'refs/unknown-skill' })])
    git(root, 'add', 'skills')
    expect((await cli(root, 'validate', '--staged')).code).toBe(0)
  })

  it('given files (lint-staged, pre-commit), reports only those, as staged, relative to a subfolder cwd', async () => {
    const root = repo({ '.claude/agents/a.md': agent('a', 'color: magenta\n'), '.claude/agents/b.md': agent('b', 'color: magenta\n') })
    write(root, '.claude/agents/a.md', agent('a'))
    const r = await cli(join(root, '.claude'), 'validate', '--staged', '--format', 'json', join(root, '.claude/agents/a.md'))
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).map((d: { file: string }) => d.file)).toEqual(['agents/a.md'])
  })

  it('reads the staged configuration, and the index git names in GIT_INDEX_FILE (git commit <paths>)', async () => {
    const root = repo({
      'agents/reviewer.md': agent('reviewer', 'color: magenta\n'),
      'backend-team.config.json': '{ "rules": { "frontmatter/schema": "off" } }\n',
    })
    write(root, 'backend-team.config.json', '{}\n')
    expect((await cli(root, 'validate')).code).toBe(1)
    expect((await cli(root, 'validate', '--staged')).code).toBe(0)
    git(root, 'commit', '-qm', 'first')
    // A second index in which the config turns the rule back on: the run must read that one.
    const other = join(root, '.git', 'other-index')
    for (const args of [
      ['read-tree', 'HEAD'],
      ['add', 'backend-team.config.json'],
    ])
      execFileSync('git', args, { cwd: root, env: { ...env, GIT_INDEX_FILE: other } })
    expect((await cli(root, 'validate', '--staged')).code).toBe(0)
    const saved = process.env.GIT_INDEX_FILE
    process.env.GIT_INDEX_FILE = other
    try {
      expect((await cli(root, 'validate', '--staged')).code).toBe(1)
    } finally {
      if (saved === undefined) delete process.env.GIT_INDEX_FILE
      else process.env.GIT_INDEX_FILE = saved
    }
  })

  it('exits 2 with a one-line message outside a git repository and with --fix', async () => {
    const plain = project({ 'agents/a.md': agent('a') })
    roots.push(plain)
    const outside = await cli(plain, 'validate', '--staged')
    expect(outside.code).toBe(2)
    expect(outside.stderr).toBe('backend-team validate: --staged needs a git repository: the working directory is not inside one\n')
    const root = repo({ 'agents/a.md': agent('a') })
    expect((await cli(root, 'validate', '--staged', '--fix')).code).toBe(2)
    expect(existsSync(join(root, 'agents/a.md'))).toBe(true)
  })
})
