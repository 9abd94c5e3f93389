// The pre-commit hook for real: in a temporary git repo, simple-git-hooks installs this repository's configured
// pre-commit command; a commit that adds a broken agent is refused with the validator's diagnostic, the fixed one lands.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { gitEnv } from '../git-env.ts'
import { BIN, REPO_ROOT, tempDir, write } from './helpers.ts'

const exec = promisify(execFile)
const ourPackage = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'))

async function git(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await exec('git', args, { cwd, env, timeout: 30_000 })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string }
    return { code: e.code ?? -1, output: e.stdout + e.stderr }
  }
}

describe('pre-commit hook', () => {
  it('this repo validates each commit as staged, with the hook simple-git-hooks installs, and no install script', () => {
    expect(ourPackage.scripts.prepare).toBeUndefined()
    expect(ourPackage.devDependencies['simple-git-hooks']).toBeDefined()
    expect(ourPackage['simple-git-hooks']).toEqual({ 'pre-commit': 'npm run -s validate -- --staged' })
  })

  it('refuses a commit that adds a broken agent, with the diagnostic, and lets the fixed commit through', async () => {
    const repo = tempDir('hook')
    const home = tempDir('home')
    const env = gitEnv({ ...process.env, HOME: home, NO_COLOR: '1', CI: '' })
    await git(repo, env, 'init', '-q')
    write(
      path.join(repo, 'package.json'),
      JSON.stringify(
        {
          name: 'consumer',
          private: true,
          scripts: { validate: `node ${JSON.stringify(BIN)} validate` },
          'simple-git-hooks': ourPackage['simple-git-hooks'],
        },
        null,
        2,
      ),
    )
    const hooksCli = path.join(
      path.dirname(createRequire(path.join(REPO_ROOT, 'package.json')).resolve('simple-git-hooks/package.json')),
      'cli.js',
    )
    await exec(process.execPath, [hooksCli], { cwd: repo, env, timeout: 30_000 })
    expect(fs.readFileSync(path.join(repo, '.git', 'hooks', 'pre-commit'), 'utf8')).toContain('npm run -s validate -- --staged')

    write(path.join(repo, 'agents', 'reviewer.md'), '---\nname: reviewer\ntools: [Read\n---\n\nYou review diffs.\n')
    await git(repo, env, 'add', '-A')
    const refused = await git(repo, env, 'commit', '-m', 'add a broken agent')
    expect(refused.code).not.toBe(0)
    expect(refused.output).toContain('agents/reviewer.md')
    expect(refused.output).toMatch(/error\s+Missing required `description`\s+frontmatter\/schema/)
    expect((await git(repo, env, 'rev-parse', '--verify', '-q', 'HEAD')).code).not.toBe(0)

    write(
      path.join(repo, 'agents', 'reviewer.md'),
      '---\nname: reviewer\ndescription: Reviews diffs for correctness.\ntools: Read, Grep\n---\n\nYou review diffs.\n',
    )
    await git(repo, env, 'add', '-A')
    const landed = await git(repo, env, 'commit', '-m', 'add a reviewer agent')
    expect(landed.code, landed.output).toBe(0)
    expect((await git(repo, env, 'log', '--format=%s')).output.trim()).toBe('add a reviewer agent')
  })
})
