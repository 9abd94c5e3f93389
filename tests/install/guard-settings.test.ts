// Install registers the pack's Bash guard in a copied install: the hook scripts go to .claude/backend-team/hooks/
// and hooks.json's entries are merged into settings.json in place. Uninstall gives the file back byte for byte while
// nobody touched it, and otherwise takes out only the pack's entries.
import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { runInstall, runUninstall, runUpdate, type InstallDeps } from '../../scripts/lib/commands/install.ts'
import { validatorFor } from '../../scripts/lib/model/schemas.ts'
import { captureIO, makePack, readLockFile, tempDir, write } from './helpers.ts'

const HOOKS_JSON = {
  hooks: {
    PreToolUse: [
      {
        matcher: 'Bash',
        hooks: [{ type: 'command', command: 'node "${CLAUDE_PLUGIN_ROOT}/hooks/bash-guard.mjs"', timeout: 10, onFailure: 'block' }],
      },
    ],
  },
}
const PROJECT_COMMAND = 'node "${CLAUDE_PROJECT_DIR}/.claude/backend-team/hooks/bash-guard.mjs"'

let pack: string
let target: string
let home: string
let deps: InstallDeps

beforeEach(() => {
  pack = makePack()
  write(path.join(pack, 'hooks', 'hooks.json'), JSON.stringify(HOOKS_JSON, null, 2))
  write(path.join(pack, 'hooks', 'bash-guard.mjs'), "import './guard/policy.mjs'\n")
  write(path.join(pack, 'hooks', 'guard', 'policy.mjs'), 'export {}\n')
  target = tempDir('target')
  fs.mkdirSync(path.join(target, '.git'))
  home = tempDir('home')
  deps = { packageRoot: pack, home, now: () => new Date('2026-01-02T03:04:05.678Z') }
})

const settingsFile = () => path.join(target, '.claude', 'settings.json')
const readSettings = () => JSON.parse(fs.readFileSync(settingsFile(), 'utf8')) as { hooks: Record<string, unknown[]>; [k: string]: unknown }
const preToolUse = () => readSettings().hooks.PreToolUse ?? []

async function run(command: typeof runInstall, args: string[] = []) {
  const io = captureIO(target)
  const code = await command(args, io, deps)
  return { code, out: io.out, err: io.err }
}

describe('the guard in a copied install', () => {
  it('copies the hook scripts (not hooks.json) and creates settings.json with the entry; uninstall removes both', async () => {
    const r = await run(runInstall)
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain('created .claude/settings.json: the PreToolUse hook of the Bash guard')
    const hooks = path.join(target, '.claude', 'backend-team', 'hooks')
    expect(fs.readFileSync(path.join(hooks, 'bash-guard.mjs'), 'utf8')).toBe("import './guard/policy.mjs'\n")
    expect(fs.existsSync(path.join(hooks, 'guard', 'policy.mjs'))).toBe(true)
    expect(fs.existsSync(path.join(hooks, 'hooks.json'))).toBe(false)
    const shipped = HOOKS_JSON.hooks.PreToolUse[0]!
    expect(readSettings().hooks.PreToolUse).toEqual([{ ...shipped, hooks: [{ ...shipped.hooks[0], command: PROJECT_COMMAND }] }])
    const lock = readLockFile(target)
    expect(validatorFor('install-lock.schema.json')(lock)).toBe(true)
    expect(lock.settings).toMatchObject({ created: true })
    expect(lock.transforms).toContain('guard-hook')

    const u = await run(runUninstall)
    expect(u.code, u.err).toBe(0)
    expect(fs.existsSync(path.join(target, '.claude'))).toBe(false)
  })

  it('merges into the user’s settings in their own layout, twice is once, and uninstall restores the exact bytes', async () => {
    const before =
      '{\r\n    "model": "opus",\r\n    "hooks": {\r\n        "PreToolUse": [\r\n            { "matcher": "Edit", "hooks": [] }\r\n        ]\r\n    }\r\n}\r\n'
    write(settingsFile(), before)
    expect((await run(runInstall)).code).toBe(0)
    const once = fs.readFileSync(settingsFile(), 'utf8')
    expect(once.startsWith('{\r\n    "model": "opus",\r\n')).toBe(true)
    expect(once).toContain(`\r\n                        "command": ${JSON.stringify(PROJECT_COMMAND)},`)
    expect(preToolUse()).toHaveLength(2)
    expect(preToolUse()[0]).toEqual({ matcher: 'Edit', hooks: [] })

    const again = await run(runUpdate)
    expect(again.code).toBe(0)
    expect(again.out).not.toContain('settings.json')
    expect(fs.readFileSync(settingsFile(), 'utf8')).toBe(once)

    const u = await run(runUninstall)
    expect(u.out).toContain('back to its bytes before install')
    expect(fs.readFileSync(settingsFile(), 'utf8')).toBe(before)
  })

  it('after the user edits the file, uninstall takes out only the pack’s entry and keeps their edit', async () => {
    write(settingsFile(), '{\n  "model": "opus"\n}\n')
    await run(runInstall)
    const edited = readSettings()
    edited.env = { GOFLAGS: '-mod=mod' }
    fs.writeFileSync(settingsFile(), JSON.stringify(edited, null, 2) + '\n')
    const u = await run(runUninstall)
    expect(u.code).toBe(0)
    expect(u.out).toContain('the rest as you left it')
    expect(readSettings()).toEqual({ model: 'opus', hooks: { PreToolUse: [] }, env: { GOFLAGS: '-mod=mod' } })
  })

  it('an entry from an older version is replaced, not duplicated', async () => {
    write(
      settingsFile(),
      JSON.stringify({
        hooks: {
          PreToolUse: [
            { matcher: 'Bash', hooks: [{ type: 'command', command: 'node "${CLAUDE_PROJECT_DIR}/.claude/backend-team/hooks/old.mjs"' }] },
          ],
        },
      }),
    )
    expect((await run(runInstall)).code).toBe(0)
    const list = readSettings().hooks.PreToolUse as { hooks: { command: string }[] }[]
    expect(list.map((e) => e.hooks[0]!.command)).toEqual([PROJECT_COMMAND])
    // No exact undo from a file that held an entry of the pack: uninstall must not bring the old one back.
    expect(readLockFile(target).settings?.undo).toBeUndefined()
    await run(runUninstall)
    expect(readSettings()).toEqual({ hooks: { PreToolUse: [] } })
  })

  it('settings Claude Code cannot read block the install, in the dry run too, and nothing is written', async () => {
    for (const [content, problem] of [
      ['{ // mine\n  "model": "opus"\n}\n', 'is not valid JSON, so Claude Code skips it'],
      ['[]\n', 'is not a JSON object'],
      ['{"hooks": {"PreToolUse": {}}}\n', 'has a `hooks.PreToolUse` that is not a list'],
    ] as const) {
      write(settingsFile(), content)
      const dry = await run(runInstall, ['--dry-run'])
      expect(dry.code).toBe(1)
      expect(dry.out).toMatch(new RegExp(`conflict +\\.claude/settings\\.json +${problem.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')}`))
      const real = await run(runInstall)
      expect(real.code).toBe(1)
      expect(real.err).toContain(`.claude/settings.json  ${problem}`)
      expect(real.err).toContain('Fix it and run again.')
      expect(fs.readdirSync(path.join(target, '.claude'))).toEqual(['settings.json'])
      expect(fs.readFileSync(settingsFile(), 'utf8')).toBe(content)
    }
  })

  it('a folder named settings.json is a conflict', async () => {
    fs.mkdirSync(settingsFile(), { recursive: true })
    const r = await run(runInstall)
    expect(r.code).toBe(1)
    expect(r.err).toContain('.claude/settings.json  is a folder; move it away')
  })

  it('--user registers the scripts under ~/.claude through $HOME', async () => {
    const io = captureIO(home)
    expect(await runInstall(['--user'], io, deps), io.err).toBe(0)
    const settings = JSON.parse(fs.readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8'))
    expect(settings.hooks.PreToolUse[0].hooks[0].command).toBe('node "${HOME}/.claude/backend-team/hooks/bash-guard.mjs"')
    expect(fs.existsSync(path.join(home, '.claude', 'backend-team', 'hooks', 'bash-guard.mjs'))).toBe(true)
  })

  it('a pack without hooks/hooks.json leaves the settings alone', async () => {
    fs.rmSync(path.join(pack, 'hooks'), { recursive: true })
    write(settingsFile(), '{}\n')
    expect((await run(runInstall)).code).toBe(0)
    expect(fs.readFileSync(settingsFile(), 'utf8')).toBe('{}\n')
    expect(readLockFile(target).settings).toBeUndefined()
  })
})
