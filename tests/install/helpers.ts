// Shared set-up for the installer tests: a small fixture pack, temporary targets and homes, captured command output.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CommandIO } from '../../scripts/lib/commands/io.ts'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BIN = path.join(REPO_ROOT, 'bin', 'backend-team.js')

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bt-install-${prefix}-`))
}

export function write(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, content)
}

export function agent(name: string, extra = ''): string {
  return `---\nname: ${name}\ndescription: The ${name} agent.\ntools: Read, Grep\n---\n\nYou are ${name}.${extra}\n`
}

export function skill(name: string, extra = ''): string {
  return `---\nname: ${name}\ndescription: The ${name} skill.\n---\n\n# ${name}\n${extra}\n`
}

/** A package laid out like backend-team: package.json, agents/, skills/. */
export function makePack(version = '1.0.0'): string {
  const root = tempDir('pack')
  write(path.join(root, 'package.json'), JSON.stringify({ name: 'backend-team', version }))
  write(path.join(root, 'agents', 'alpha.md'), agent('alpha'))
  write(path.join(root, 'agents', 'beta.md'), agent('beta'))
  write(path.join(root, 'agents', 'catalog.json'), '{"agents":{}}\n')
  write(path.join(root, 'skills', 'sk', 'SKILL.md'), skill('sk'))
  write(path.join(root, 'skills', 'sk', 'references', 'notes.md'), '# Notes\n')
  return root
}

export function setVersion(pack: string, version: string): void {
  write(path.join(pack, 'package.json'), JSON.stringify({ name: 'backend-team', version }))
}

export interface Captured extends CommandIO {
  out: string
  err: string
}

export function captureIO(cwd: string): Captured {
  const io: Captured = {
    cwd,
    isTTY: false,
    out: '',
    err: '',
    stdout: (t) => void (io.out += t),
    stderr: (t) => void (io.err += t),
  }
  return io
}

export function sha(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex')
}

/** Every file under a folder, relative path → content, following no links. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (!fs.existsSync(dir)) return out
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const abs = path.join(entry.parentPath, entry.name)
    out[path.relative(dir, abs).split(path.sep).join('/')] = fs.readFileSync(abs, 'utf8')
  }
  return out
}

export function readLockFile(target: string): {
  mode?: string
  files: Record<string, { sha256: string; kept?: true }>
  directories: string[]
  journal?: { operations: { path: string; from: string | null; to: string | null }[] }
  package: { version: string }
  transforms?: string[]
  settings?: { sha256: string; created: boolean; undo?: { offset: number; length: number; text: string } }
} {
  return JSON.parse(fs.readFileSync(path.join(target, '.claude', 'backend-team.lock.json'), 'utf8'))
}
