import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { runInstall, runUninstall, runUpdate, type InstallDeps } from '../../scripts/lib/commands/install.ts'
import { validatorFor } from '../../scripts/lib/model/schemas.ts'
import { agent, captureIO, makePack, readLockFile, setVersion, sha, skill, snapshot, tempDir, write } from './helpers.ts'

let pack: string
let target: string
let home: string
let deps: InstallDeps

beforeEach(() => {
  pack = makePack()
  target = tempDir('target')
  fs.mkdirSync(path.join(target, '.git'))
  home = tempDir('home')
  deps = { packageRoot: pack, home, now: () => new Date('2026-01-02T03:04:05.678Z') }
})

const claude = () => path.join(target, '.claude')
const packFiles = () => ({
  ...prefix('agents/', snapshot(path.join(pack, 'agents'))),
  ...prefix('skills/', snapshot(path.join(pack, 'skills'))),
})
const prefix = (p: string, o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [p + k, v]))
const lockName = 'backend-team.lock.json'

async function install(args: string[] = [], cwd = target) {
  const io = captureIO(cwd)
  const code = await runInstall(args, io, deps)
  return { code, out: io.out, err: io.err }
}
async function update(args: string[] = []) {
  const io = captureIO(target)
  return { code: await runUpdate(args, io, deps), out: io.out, err: io.err }
}
async function uninstall(args: string[] = []) {
  const io = captureIO(target)
  return { code: await runUninstall(args, io, deps), out: io.out, err: io.err }
}

/** The lock lists exactly the pack files, with the hashes of what is on disk. */
function expectLockMatchesDisk() {
  const lock = readLockFile(target)
  expect(validatorFor('install-lock.schema.json')(lock)).toBe(true)
  expect(lock.journal).toBeUndefined()
  for (const [rel, { sha256 }] of Object.entries(lock.files)) expect(sha(fs.readFileSync(path.join(claude(), rel))), rel).toBe(sha256)
}

describe('install', () => {
  it('copies agents/ and skills/ into an empty repo and records every file with its sha256', async () => {
    const sub = path.join(target, 'src', 'deep')
    fs.mkdirSync(sub, { recursive: true })
    const { code, out } = await install([], sub) // default target: the git work tree
    expect(code).toBe(0)
    expect(out).toContain('5 created')
    const { [lockName]: lockText, ...installed } = snapshot(claude())
    expect(installed).toEqual(packFiles())
    expect(lockText).toBeDefined()
    const lock = readLockFile(target)
    expect(Object.keys(lock.files).sort()).toEqual(Object.keys(packFiles()).sort())
    expect(lock.package.version).toBe('1.0.0')
    expect(lock.directories).toEqual(['.', 'agents', 'skills', 'skills/sk', 'skills/sk/references'])
    expectLockMatchesDisk()
  })

  it('a repeated install changes nothing', async () => {
    await install()
    const before = snapshot(claude())
    const { code, out } = await install()
    expect(code).toBe(0)
    expect(out).toContain('0 created, 0 updated, 0 removed, 5 unchanged')
    expect(snapshot(claude())).toEqual(before)
  })

  it('into a repo with its own agents: reports file and name collisions and writes nothing', async () => {
    write(path.join(claude(), 'agents', 'alpha.md'), agent('my-alpha'))
    write(path.join(claude(), 'agents', 'team', 'b.md'), agent('Beta')) // same name, other file (case-insensitive lookup)
    write(path.join(claude(), 'skills', 'other', 'SKILL.md'), skill('sk'))
    write(path.join(home, '.claude', 'agents', 'mine.md'), agent('alpha'))
    write(path.join(home, '.claude', 'skills', 'sk', 'SKILL.md'), skill('sk'))
    const before = snapshot(claude())
    const { code, out, err } = await install()
    expect(code).toBe(1)
    expect(out).toBe('')
    expect(snapshot(claude())).toEqual(before)
    expect(err).toContain('5 conflicts')
    expect(err).toContain('nothing was written')
    expect(err).toMatch(/\.claude\/agents\/alpha\.md\s+exists and was not installed by backend-team/)
    expect(err).toMatch(/\.claude\/agents\/team\/b\.md\s+defines agent `Beta`, the name of the pack's agents\/beta\.md/)
    expect(err).toMatch(/\.claude\/skills\/other\/SKILL\.md\s+defines skill `sk`/)
    expect(err).toMatch(/~\/\.claude\/agents\/mine\.md\s+defines agent `alpha`/)
    expect(err).toMatch(/~\/\.claude\/skills\/sk\/SKILL\.md\s+defines skill `sk`/)
    expect(err).toContain('--force')
  })

  it('a file with exactly the pack content is adopted, not a conflict', async () => {
    write(path.join(claude(), 'agents', 'alpha.md'), agent('alpha'))
    const { code } = await install()
    expect(code).toBe(0)
    expect(readLockFile(target).files['agents/alpha.md']).toBeDefined()
    expect(readLockFile(target).directories).not.toContain('agents') // it existed before
  })

  it('re-install after a user edit is refused and leaves the file as the user wrote it', async () => {
    await install()
    const edited = path.join(claude(), 'agents', 'alpha.md')
    fs.appendFileSync(edited, '\nMy own rule.\n')
    const mine = fs.readFileSync(edited, 'utf8')
    const lockBefore = fs.readFileSync(path.join(claude(), lockName), 'utf8')
    const { code, err } = await install()
    expect(code).toBe(1)
    expect(err).toMatch(/\.claude\/agents\/alpha\.md\s+changed since backend-team installed it/)
    expect(fs.readFileSync(edited, 'utf8')).toBe(mine)
    expect(fs.readFileSync(path.join(claude(), lockName), 'utf8')).toBe(lockBefore)
  })

  it('--force backs up each colliding file, then writes', async () => {
    write(path.join(claude(), 'agents', 'alpha.md'), 'mine\n')
    write(path.join(claude(), 'agents', 'other.md'), agent('beta'))
    write(path.join(home, '.claude', 'agents', 'mine.md'), agent('alpha'))
    const { code, out } = await install(['--force'])
    expect(code).toBe(0)
    const stamp = '20260102T030405Z'
    expect(fs.readFileSync(path.join(claude(), 'agents', `alpha.md.backup-${stamp}`), 'utf8')).toBe('mine\n')
    expect(fs.readFileSync(path.join(claude(), 'agents', 'alpha.md'), 'utf8')).toBe(agent('alpha'))
    // A same-name agent at another path is moved aside so only one `beta` loads.
    expect(fs.existsSync(path.join(claude(), 'agents', 'other.md'))).toBe(false)
    expect(fs.readFileSync(path.join(claude(), 'agents', `other.md.backup-${stamp}`), 'utf8')).toBe(agent('beta'))
    // Files in ~/.claude are never touched.
    expect(fs.readFileSync(path.join(home, '.claude', 'agents', 'mine.md'), 'utf8')).toBe(agent('alpha'))
    expect(out).toContain(`backed up .claude/agents/alpha.md → .claude/agents/alpha.md.backup-${stamp}`)
    expect(out).toMatch(/note: ~\/\.claude\/agents\/mine\.md/)
    expectLockMatchesDisk()
    expect(Object.keys(readLockFile(target).files).some((k) => k.includes('backup'))).toBe(false)
  })

  it('--dry-run prints create/update/skip/conflict per file and writes nothing', async () => {
    await install()
    fs.appendFileSync(path.join(claude(), 'agents', 'beta.md'), 'edit\n')
    write(path.join(pack, 'agents', 'alpha.md'), agent('alpha', ' Newer.'))
    write(path.join(pack, 'agents', 'gamma.md'), agent('gamma'))
    const before = snapshot(claude())
    const { code, out } = await install(['--dry-run'])
    expect(code).toBe(1)
    expect(snapshot(claude())).toEqual(before)
    expect(out).toContain('dry run: nothing is written')
    expect(out).toMatch(/conflict +\.claude\/agents\/beta\.md +changed since/)
    expect(out).toMatch(/create +\.claude\/agents\/gamma\.md +new file/)
    expect(out).toMatch(/update +\.claude\/agents\/alpha\.md +unchanged since installed/)
    expect(out).toMatch(/skip +\.claude\/skills\/sk\/SKILL\.md +up to date/)
    expect(out).toContain('1 to create, 1 to update, 0 to remove, 3 unchanged, 1 conflict')
  })

  it('dry-run into an empty folder creates no .claude', async () => {
    const { code, out } = await install(['--dry-run'])
    expect(code).toBe(0)
    expect(out).toContain('5 to create')
    expect(fs.existsSync(claude())).toBe(false)
  })

  it('rejects bad arguments and a target that is the package itself with exit 2 (the CLI prints them)', async () => {
    await expect(install(['a', 'b'])).rejects.toThrow(/one target/)
    await expect(install([path.join(target, 'missing')])).rejects.toThrow(/not a folder/)
    fs.mkdirSync(path.join(pack, '.claude'))
    fs.symlinkSync('../agents', path.join(pack, '.claude', 'agents'))
    await expect(install([pack])).rejects.toThrow(/is the backend-team package itself/)
  })

  it('a corrupt lock is reported, not overwritten', async () => {
    await install()
    fs.writeFileSync(path.join(claude(), lockName), '{"lockVersion": 1}')
    await expect(install()).rejects.toThrow(/does not match install-lock\.schema\.json: Missing required `package`/)
  })
})

describe('update', () => {
  it('refreshes unchanged files, adds new ones, removes ones that left the pack, and leaves user changes alone', async () => {
    await install()
    fs.appendFileSync(path.join(claude(), 'skills', 'sk', 'SKILL.md'), 'my note\n')
    const mine = fs.readFileSync(path.join(claude(), 'skills', 'sk', 'SKILL.md'), 'utf8')
    setVersion(pack, '1.1.0')
    write(path.join(pack, 'agents', 'alpha.md'), agent('alpha', ' Newer.'))
    write(path.join(pack, 'skills', 'sk', 'SKILL.md'), skill('sk', 'newer'))
    write(path.join(pack, 'agents', 'gamma.md'), agent('gamma'))
    fs.rmSync(path.join(pack, 'skills', 'sk', 'references'), { recursive: true })
    const { code, out } = await update()
    expect(code).toBe(1) // something was left alone
    expect(out).toContain('1 created, 1 updated, 1 removed, 2 unchanged')
    expect(out).toMatch(/\.claude\/skills\/sk\/SKILL\.md\s+changed since backend-team installed it/)
    expect(fs.readFileSync(path.join(claude(), 'agents', 'alpha.md'), 'utf8')).toBe(agent('alpha', ' Newer.'))
    expect(fs.readFileSync(path.join(claude(), 'agents', 'gamma.md'), 'utf8')).toBe(agent('gamma'))
    expect(fs.existsSync(path.join(claude(), 'skills', 'sk', 'references', 'notes.md'))).toBe(false)
    expect(fs.readFileSync(path.join(claude(), 'skills', 'sk', 'SKILL.md'), 'utf8')).toBe(mine)
    const lock = readLockFile(target)
    expect(lock.package.version).toBe('1.1.0')
    // The changed file stays on record with the hash backend-team wrote, so it is still reported next time.
    expect(lock.files['skills/sk/SKILL.md']!.sha256).toBe(sha(skill('sk')))
    expect(lock.files['skills/sk/references/notes.md']).toBeUndefined()
    expect(lock.files['agents/gamma.md']!.sha256).toBe(sha(agent('gamma')))
  })

  it('with nothing changed exits 0; without an install it says so', async () => {
    expect((await update()).code).toBe(1)
    await install()
    const { code, out } = await update()
    expect(code).toBe(0)
    expect(out).toContain('5 unchanged')
  })

  it('a new pack agent whose name is taken blocks the update', async () => {
    await install()
    write(path.join(home, '.claude', 'agents', 'g.md'), agent('gamma'))
    write(path.join(pack, 'agents', 'gamma.md'), agent('gamma'))
    const { code, err } = await update()
    expect(code).toBe(1)
    expect(err).toMatch(/~\/\.claude\/agents\/g\.md\s+defines agent `gamma`, the name of the pack's agents\/gamma\.md/)
    expect(fs.existsSync(path.join(claude(), 'agents', 'gamma.md'))).toBe(false)
  })
})

describe('uninstall', () => {
  it('removes every unchanged file, the folders it created and the lock', async () => {
    write(path.join(target, 'README.md'), 'hi\n')
    await install()
    const { code, out } = await uninstall()
    expect(code).toBe(0)
    expect(out).toContain('5 removed')
    expect(fs.existsSync(claude())).toBe(false)
    expect(fs.readFileSync(path.join(target, 'README.md'), 'utf8')).toBe('hi\n')
  })

  it('keeps changed files and the user’s own files, and the lock while something it installed remains', async () => {
    write(path.join(claude(), 'agents', 'own.md'), agent('own'))
    write(path.join(claude(), 'settings.json'), '{}\n')
    await install()
    fs.appendFileSync(path.join(claude(), 'agents', 'beta.md'), 'edit\n')
    const { code, out } = await uninstall()
    expect(code).toBe(1)
    expect(out).toMatch(/\.claude\/agents\/beta\.md\s+installed by backend-team, but changed since installed; left alone/)
    expect(snapshot(claude())).toEqual({
      'agents/own.md': agent('own'),
      'agents/beta.md': `${agent('beta')}edit\n`,
      'settings.json': '{}\n',
      [lockName]: expect.any(String),
    })
    expect(Object.keys(readLockFile(target).files)).toEqual(['agents/beta.md'])
    // Once the user deletes it, a second uninstall finishes the job.
    fs.rmSync(path.join(claude(), 'agents', 'beta.md'))
    expect((await uninstall()).code).toBe(0)
    expect(snapshot(claude())).toEqual({ 'agents/own.md': agent('own'), 'settings.json': '{}\n' })
  })

  it('without an install does nothing', async () => {
    const { code, out } = await uninstall()
    expect(code).toBe(0)
    expect(out).toContain('nothing to remove')
  })
})

describe('written for where it lands', () => {
  it('drop-in: bare Agent(...) names, the referenced schemas copied, links and paths to them rewritten; recorded in the lock', async () => {
    write(
      path.join(pack, 'agents', 'lead.md'),
      `---\nname: lead\ndescription: Leads.\ntools: Agent(alpha, backend-team:alpha, backend-team:beta), Read\n---\n\nReturn JSON per \`schemas/result.schema.json\` ([schema](../schemas/result.schema.json)); backend-team:alpha in prose stays.\n`,
    )
    write(
      path.join(pack, 'skills', 'sk', 'SKILL.md'),
      skill('sk', 'See [the schema](../../schemas/result.schema.json) and schemas/missing.schema.json.'),
    )
    write(
      path.join(pack, 'commands', 'run.md'),
      `---\ndescription: Runs the lead.\ncontext: fork\nagent: backend-team:lead\n---\n\nRun backend-team:lead's plan.\n`,
    )
    write(path.join(pack, 'schemas', 'result.schema.json'), '{"$ref": "part.schema.json#/$defs/x"}\n')
    write(path.join(pack, 'schemas', 'part.schema.json'), '{"$defs": {"x": {}}}\n')
    write(path.join(pack, 'schemas', 'unused.schema.json'), '{}\n')
    expect((await install()).code).toBe(0)
    const lead = fs.readFileSync(path.join(claude(), 'agents', 'lead.md'), 'utf8')
    expect(lead).toContain('tools: Agent(alpha, beta), Read\n')
    expect(lead).toContain(
      'Return JSON per `.claude/backend-team/schemas/result.schema.json` ([schema](../backend-team/schemas/result.schema.json)); backend-team:alpha in prose stays.',
    )
    // A forked command names its agent the way the mode loads it (a plugin's backend-team:lead is a copy's lead).
    expect(fs.readFileSync(path.join(claude(), 'commands', 'run.md'), 'utf8')).toBe(
      `---\ndescription: Runs the lead.\ncontext: fork\nagent: lead\n---\n\nRun backend-team:lead's plan.\n`,
    )
    const sk = fs.readFileSync(path.join(claude(), 'skills', 'sk', 'SKILL.md'), 'utf8')
    expect(sk).toContain('See [the schema](../../backend-team/schemas/result.schema.json) and schemas/missing.schema.json.')
    expect(snapshot(path.join(claude(), 'backend-team', 'schemas'))).toEqual({
      'part.schema.json': '{"$defs": {"x": {}}}\n',
      'result.schema.json': '{"$ref": "part.schema.json#/$defs/x"}\n',
    })
    const lock = readLockFile(target) as ReturnType<typeof readLockFile> & { transforms: string[] }
    expect(lock.mode).toBe('project')
    expect(lock.transforms).toEqual(['agent-names-bare', 'schemas'])
    expect(lock.files['agents/lead.md']!.sha256).toBe(sha(lead))
    expectLockMatchesDisk()
    // Uninstall takes the schemas and their folders with it.
    expect((await uninstall()).code).toBe(0)
    expect(fs.existsSync(claude())).toBe(false)
  })
})

describe('exit codes a script can rely on', () => {
  it('--dry-run exits as the real run does, and --keep makes update exit 0 for good', async () => {
    const both = async (run: (a: string[]) => Promise<{ code: number }>, args: string[] = []) => {
      const dry = (await run([...args, '--dry-run'])).code
      const real = (await run(args)).code
      expect(dry, args.join(' ')).toBe(real)
      return real
    }
    write(path.join(claude(), 'agents', 'alpha.md'), 'mine\n')
    expect(await both(install)).toBe(1) // a conflict
    fs.rmSync(path.join(claude(), 'agents', 'alpha.md'))
    expect(await both(install)).toBe(0)
    fs.appendFileSync(path.join(claude(), 'agents', 'beta.md'), 'my rule\n')
    expect(await both(update)).toBe(1) // changed by the user, left alone
    await expect(update(['--keep', '.claude/agents/nope.md'])).rejects.toThrow(/--keep .*nope\.md: not a file backend-team installed/)
    const kept = await update(['--keep', '.claude/agents/beta.md'])
    expect(kept.code).toBe(0)
    expect(kept.out).toContain('1 kept by you')
    expect(readLockFile(target).files['agents/beta.md']).toEqual({ sha256: sha(agent('beta')), kept: true })
    expect(await both(update)).toBe(0)
    // A newer pack does not overwrite a kept file either.
    write(path.join(pack, 'agents', 'beta.md'), agent('beta', ' Newer.'))
    expect(await both(update)).toBe(0)
    expect(fs.readFileSync(path.join(claude(), 'agents', 'beta.md'), 'utf8')).toBe(`${agent('beta')}my rule\n`)
    // Uninstall leaves the kept file: it is the user's now.
    expect(await both(uninstall)).toBe(0)
    expect(snapshot(claude())).toEqual({ 'agents/beta.md': `${agent('beta')}my rule\n` })
  })
})
