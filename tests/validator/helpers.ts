import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll } from 'vitest'
import { main } from '../../scripts/cli.ts'
import type { CommandIO } from '../../scripts/lib/commands/io.ts'

const created: string[] = []
// Each test file removes the projects it made, so a run leaves the temporary folder as it found it.
afterAll(() => {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** Writes a small project from a map of relative path → content and returns its folder (removed after the file's tests). */
export function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bt-validator-'))
  created.push(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

/** Runs the CLI in-process, as `backend-team <args>` from `cwd`. */
export async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({ cwd }, ...args)
}

/** Runs the CLI in-process with parts of its IO set: a terminal, standard input. */
export async function cliWith(
  io: Partial<CommandIO> & { cwd: string },
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { isTTY: false, ...io, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}

export function agent(name: string, extra = '', body = 'You check things.\n'): string {
  return `---\nname: ${name}\ndescription: "Use when ${name} is needed."\ntools:\n  - Read\nmodel: sonnet\n${extra}---\n\n${body}`
}
