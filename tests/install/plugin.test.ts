// Plugin packaging: the manifests pass our schemas and the pinned Claude Code's `claude plugin validate --strict`.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { describeErrors, validatorFor } from '../../scripts/lib/model/schemas.ts'
import { claudeBinary } from '../../scripts/harness/claude-cli.ts'
import { REPO_ROOT, tempDir } from './helpers.ts'

const exec = promisify(execFile)
const read = (rel: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8'))
const pkg = read('package.json')
const plugin = read('.claude-plugin/plugin.json')
const marketplace = read('.claude-plugin/marketplace.json')

async function pluginValidate(target: string) {
  const env = { ...process.env, HOME: tempDir('claude-home'), DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' }
  try {
    const { stdout } = await exec(claudeBinary(), ['plugin', 'validate', '--strict', '--json', target], {
      cwd: REPO_ROOT,
      env,
      timeout: 30_000,
    })
    return { code: 0, report: JSON.parse(stdout) }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string }
    if (e.code === undefined || !e.stdout) throw error
    return { code: e.code, report: JSON.parse(e.stdout), stderr: e.stderr }
  }
}

describe('plugin packaging', () => {
  it('plugin.json and marketplace.json pass our schemas', () => {
    for (const [id, data] of [
      ['plugin.schema.json', plugin],
      ['marketplace.schema.json', marketplace],
    ] as const) {
      const validate = validatorFor(id)
      expect(validate(data), JSON.stringify(describeErrors(validate.errors, data))).toBe(true)
    }
  })

  it('names, version and licence agree with package.json, and the marketplace lists the plugin from ./', () => {
    expect(plugin).toMatchObject({ name: 'backend-team', version: pkg.version, license: 'MIT' })
    expect(plugin.author.name).toBeTruthy()
    expect(plugin.description).toBeTruthy()
    expect(plugin.repository).toMatch(/^https:\/\//)
    expect(plugin.keywords.length).toBeGreaterThan(3)
    expect(marketplace.plugins).toEqual([expect.objectContaining({ name: 'backend-team', source: './', version: pkg.version })])
    expect(pkg.files).toContain('.claude-plugin/')
  })

  it('passes the pinned `claude plugin validate --strict`, as a marketplace and as a plugin', async () => {
    for (const target of ['.', '.claude-plugin/plugin.json']) {
      const { code, report, stderr } = await pluginValidate(target)
      expect({ target, code, stderr, errors: report.manifest.errors, warnings: report.manifest.warnings }).toEqual({
        target,
        code: 0,
        stderr: undefined,
        errors: [],
        warnings: [],
      })
      expect(report.success).toBe(true)
      expect(report.strict).toBe(true)
      expect(report.provides.agents).toContain('backend-team:backend-orchestrator')
    }
  })

  it('a missing Claude Code binary fails with a clear message, never a silent skip', () => {
    const empty = tempDir('no-claude')
    fs.writeFileSync(path.join(empty, 'package.json'), '{}')
    expect(() => claudeBinary(empty)).toThrow(/Claude Code CLI not found: @anthropic-ai\/claude-code is not installed\. Run `npm ci`/)
  })

  it('.pre-commit-hooks.yaml offers backend-team-validate (its files: pattern is tested in tests/init/recipes.test.ts)', () => {
    const hooks = parse(fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8'))
    expect(hooks).toEqual([
      expect.objectContaining({
        id: 'backend-team-validate',
        entry: 'backend-team validate --staged',
        language: 'node',
        pass_filenames: true,
      }),
    ])
    expect(pkg.bin['backend-team']).toBe('bin/backend-team.js')
  })
})
