// This repository's .claude/: the pack is reachable through relative links, and the PostToolUse hook validates an agent
// or skill Claude Code just edited, answering with exit 2 and the diagnostics on stderr (which Claude Code shows Claude).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT, agent, tempDir, write } from './helpers.ts'

const hookScript = path.join(REPO_ROOT, '.claude', 'hooks', 'validate-edited.mjs')

function runHook(project: string, input: unknown) {
  const r = spawnSync(process.execPath, [hookScript], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    env: { ...process.env, CLAUDE_PROJECT_DIR: project },
    timeout: 20_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe("this repository's .claude/", () => {
  it('links agents and skills to the pack with relative links', () => {
    for (const folder of ['agents', 'skills']) {
      const link = path.join(REPO_ROOT, '.claude', folder)
      expect(fs.lstatSync(link).isSymbolicLink(), folder).toBe(true)
      expect(fs.readlinkSync(link)).toBe(`../${folder}`)
      expect(fs.realpathSync(link)).toBe(fs.realpathSync(path.join(REPO_ROOT, folder)))
    }
  })

  it('settings.json runs the hook after Write and Edit', () => {
    const settings = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, '.claude', 'settings.json'), 'utf8'))
    expect(settings.hooks.PostToolUse).toEqual([
      {
        matcher: 'Write|Edit',
        hooks: [expect.objectContaining({ type: 'command', command: 'node "$CLAUDE_PROJECT_DIR/.claude/hooks/validate-edited.mjs"' })],
      },
    ])
  })

  it('the hook blocks with the diagnostics for a broken agent or skill, and stays silent otherwise', () => {
    const project = tempDir('hook-project')
    // Like this repository: a plugin whose agents/ Claude Code loads, with a .claude/ of its own.
    write(path.join(project, '.claude-plugin', 'plugin.json'), '{"name": "hook-project"}')
    write(path.join(project, 'agents', 'broken.md'), '---\nname: broken\ntools: Read\n---\n\nBody.\n')
    write(path.join(project, 'agents', 'fine.md'), agent('fine'))
    write(path.join(project, '.claude', 'skills', 'bad', 'SKILL.md'), '---\nname: bad\ndescription: "unterminated\n---\n\n# Bad\n')
    write(path.join(project, 'src', 'main.go'), 'package main\n')

    const broken = runHook(project, {
      hook_event_name: 'PostToolUse',
      tool_name: 'Write',
      cwd: project,
      tool_input: { file_path: path.join(project, 'agents', 'broken.md') },
    })
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('backend-team validate found problems in agents/broken.md')
    expect(broken.stderr).toMatch(/Missing required `description`\s+frontmatter\/schema/)

    const relative = runHook(project, { tool_name: 'Edit', cwd: project, tool_input: { file_path: '.claude/skills/bad/SKILL.md' } })
    expect(relative.code).toBe(2)
    expect(relative.stderr).toContain('.claude/skills/bad/SKILL.md')

    for (const file of [
      path.join(project, 'agents', 'fine.md'),
      path.join(project, 'src', 'main.go'),
      path.join(project, 'agents', 'gone.md'),
      '/etc/hostname',
    ]) {
      const quiet = runHook(project, { tool_name: 'Write', cwd: project, tool_input: { file_path: file } })
      expect({ file, ...quiet }).toEqual({ file, code: 0, stdout: '', stderr: '' })
    }
    expect(runHook(project, 'not json').code).toBe(0)
  })
})
