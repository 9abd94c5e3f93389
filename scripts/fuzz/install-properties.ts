/**
 * The installer's fuzzing property, shared by `npm test` (a few dozen cases) and `npm run fuzz`: whatever the
 * repository holds, install, update and uninstall never throw, exit 0, 1 or 2, never change a byte outside the
 * project's `.claude/` (the outside folder, the fake home and the project's other files are compared before and after),
 * and never print the content of a file outside the project.
 */
import { createHash } from 'node:crypto'
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { main } from '../cli.ts'
import type { InstallCase, InstallLinkTarget } from './install-generators.ts'

const victimText = 'OUTSIDE-CONTENT-victim\n'

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex')

/** Every entry under `dir`, links not followed: path → file hash, link target or `dir`. */
function snapshot(dir: string, skip?: string): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (at: string, rel: string) => {
    const st = lstatSync(at, { throwIfNoEntry: false })
    if (!st) return
    if (st.isSymbolicLink()) out.set(rel, `link ${readlinkSync(at)}`)
    else if (st.isDirectory()) {
      out.set(rel, 'dir')
      for (const name of readdirSync(at)) if (join(rel, name) !== skip) walk(join(at, name), join(rel, name))
    } else out.set(rel, `file ${createHash('sha256').update(readFileSync(at)).digest('hex')}`)
  }
  walk(dir, '.')
  return out
}

function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()])
  return [...keys].filter((k) => before.get(k) !== after.get(k)).map((k) => `${k}: ${before.get(k) ?? 'none'} -> ${after.get(k) ?? 'none'}`)
}

function lockText(c: NonNullable<InstallCase['lock']>, outside: string, home: string): string {
  const real = (p: string) => p.replace('{outside}', outside).replace('{home}', home)
  const files: Record<string, { sha256: string }> = {}
  for (const e of c.entries) {
    const sha256 = e.hash === 'victim' ? hashOf(victimText) : e.hash === 'random' ? hashOf(e.path) : 'not-a-hash'
    Object.defineProperty(files, real(e.path), { value: { sha256 }, enumerable: true, configurable: true, writable: true })
  }
  const lock: Record<string, unknown> = {
    lockVersion: 1,
    package: { name: 'backend-team', version: '0.1.0' },
    updated: '2026-01-01T00:00:00.000Z',
    mode: 'project',
    files,
    directories: c.directories.map(real),
  }
  if (c.journal)
    lock.journal = {
      command: 'uninstall',
      started: '2026-01-01T00:00:00.000Z',
      run: '0123456789abcdef',
      operations: c.entries.map((e) => ({ path: real(e.path), from: hashOf(victimText), to: null })),
      directories: c.directories.map(real),
    }
  if (c.settingsUndo) lock.settings = { sha256: hashOf(victimText), created: true, undo: { offset: 5, length: 1_000_000, text: 'x' } }
  const text = `${JSON.stringify(lock, null, 2)}\n`
  return c.cut === null ? text : text.slice(0, Math.floor(text.length * c.cut))
}

function linkTarget(target: InstallLinkTarget, at: string, root: string, outside: string, home: string): string {
  switch (target) {
    case 'outside':
      return outside
    case 'outside-agents':
      return join(outside, 'agents')
    case 'outside-file':
      return join(outside, 'victim.txt')
    case 'home-claude':
      return join(home, '.claude', 'agents')
    case 'project-root':
      return root
    case 'missing':
      return join(root, 'no-such-folder')
    case 'loop':
      return at
  }
}

/** Runs one case; throws an Error naming the first broken property. */
export async function checkInstallCase(c: InstallCase): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'bt-fuzz-install-'))
  const root = join(base, 'project')
  const outside = join(base, 'outside')
  const home = join(base, 'home')
  try {
    mkdirSync(join(root, '.git'), { recursive: true })
    writeFileSync(join(root, 'go.mod'), 'module example.com/svc\n\ngo 1.22\n')
    for (const dir of [outside, join(outside, 'agents'), join(home, '.claude', 'agents')]) mkdirSync(dir, { recursive: true })
    for (const file of [
      join(outside, 'victim.txt'),
      join(outside, 'agents', 'backend-reviewer.md'),
      join(home, '.claude', 'agents', 'mine.md'),
    ])
      writeFileSync(file, victimText)
    // Links first (a `.claude` link makes the user files land outside only if the installer follows it; they are
    // written through the link here, as the repository would have them).
    for (const link of c.links) {
      const at = join(root, link.path)
      try {
        if (lstatSync(dirname(at), { throwIfNoEntry: false }) === undefined) mkdirSync(dirname(at), { recursive: true })
        if (lstatSync(at, { throwIfNoEntry: false })) continue
        symlinkSync(linkTarget(link.target, at, root, outside, home), at)
      } catch {
        // `.claude` is already a link to a file or to nothing: there is no folder to put this link in.
      }
    }
    const claude = join(root, '.claude')
    const claudeIsLink = lstatSync(claude, { throwIfNoEntry: false })?.isSymbolicLink() ?? false
    if (!claudeIsLink) {
      mkdirSync(claude, { recursive: true })
      for (const f of c.userFiles) {
        const at = join(claude, f.path)
        try {
          mkdirSync(dirname(at), { recursive: true })
          if (!lstatSync(at, { throwIfNoEntry: false })) writeFileSync(at, f.text)
        } catch {
          // A parent is a link to a file or nowhere: the repository simply has no such file.
        }
      }
      if (c.lock) writeFileSync(join(claude, 'backend-team.lock.json'), lockText(c.lock, outside, home))
    }

    const outsideBefore = snapshot(outside)
    const homeBefore = snapshot(home)
    const projectBefore = snapshot(root, '.claude')
    let output = ''
    const io = { cwd: root, isTTY: false, stdout: (t: string) => void (output += t), stderr: (t: string) => void (output += t) }
    // As the CLI runs (its entry point, which turns bad input into exit 2), with the fake home as the user's.
    const realHome = process.env.HOME
    process.env.HOME = home
    try {
      for (const r of c.runs) {
        // uninstall has no --force; that exit 2 is tested elsewhere and would hide the rest of the case.
        const flags = r.command === 'uninstall' ? r.flags.filter((f) => f !== '--force') : r.flags
        const code = await main([r.command, ...flags, root], io)
        const said = `${r.command} ${flags.join(' ')} exited ${code}:\n${output}`
        if (![0, 1, 2].includes(code)) throw new Error(said)
        if (/internal error/.test(output)) throw new Error(said)
      }
    } finally {
      process.env.HOME = realHome
    }
    const changed = [
      ...differences(outsideBefore, snapshot(outside)).map((d) => `outside ${d}`),
      ...differences(homeBefore, snapshot(home)).map((d) => `home ${d}`),
      ...differences(projectBefore, snapshot(root, '.claude')).map((d) => `project ${d}`),
    ]
    if (changed.length > 0) throw new Error(`changed outside .claude/:\n${changed.join('\n')}\n--- output ---\n${output}`)
    if (output.includes(victimText.trim())) throw new Error(`printed outside content:\n${output}`)
  } finally {
    rmSync(base, { recursive: true, force: true })
  }
}
