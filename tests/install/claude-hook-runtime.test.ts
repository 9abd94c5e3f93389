// The PostToolUse hook in a real run of the pinned Claude Code: a scripted model writes a broken agent, and the
// validator's diagnostics come back to it in the next request.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runClaude } from '../../scripts/harness/claude-cli.ts'
import { text, toolUses } from '../../scripts/harness/messages-api.ts'
import { allText, isMainThreadRequest, messagesRequests, toolRoundTrips } from '../../scripts/harness/observe.ts'
import { REPO_ROOT, tempDir } from './helpers.ts'

describe('the .claude/settings.json hook under the pinned Claude Code', () => {
  it('feeds the diagnostics of an agent Claude just wrote back to Claude', async () => {
    const project = tempDir('hook-run')
    execFileSync('git', ['init', '-q', project])
    fs.mkdirSync(path.join(project, '.claude'))
    // Like this repository: a plugin whose agents/ Claude Code loads.
    fs.mkdirSync(path.join(project, '.claude-plugin'))
    fs.writeFileSync(path.join(project, '.claude-plugin', 'plugin.json'), '{"name": "hook-run"}')
    fs.copyFileSync(path.join(REPO_ROOT, '.claude', 'settings.json'), path.join(project, '.claude', 'settings.json'))
    // The hook script finds the validator next to itself, so link (not copy) the hooks folder.
    fs.symlinkSync(path.join(REPO_ROOT, '.claude', 'hooks'), path.join(project, '.claude', 'hooks'))
    const file = path.join(project, 'agents', 'broken.md')
    fs.mkdirSync(path.dirname(file))

    const run = await runClaude({
      cwd: project,
      args: ['--permission-mode', 'acceptEdits'],
      timeoutMs: 30_000,
      script: (req) => {
        if (!isMainThreadRequest(req)) return text('ok')
        if (toolRoundTrips(req).length === 0)
          return toolUses({ name: 'Write', input: { file_path: file, content: '---\nname: broken\ntools: Read\n---\n\nBody.\n' } })
        return text('done')
      },
    })
    expect(run.exitCode, run.stderr).toBe(0)
    expect(fs.existsSync(file)).toBe(true)
    const after = messagesRequests(run.requests)
      .filter(isMainThreadRequest)
      .find((r) => toolRoundTrips(r).some((t) => t.name === 'Write' && t.result))
    expect(after, 'a request after the Write').toBeDefined()
    const seen = allText(after!)
    expect(seen).toContain('backend-team validate found problems in agents/broken.md')
    expect(seen).toMatch(/Missing required `description`/)
  })
})
