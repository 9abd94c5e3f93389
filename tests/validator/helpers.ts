import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { main } from '../../scripts/cli.ts'

/** Writes a small project from a map of relative path → content and returns its folder. */
export function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bt-validator-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

/** Runs the CLI in-process, as `backend-team <args>` from `cwd`. */
export async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { cwd, isTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}

export function agent(name: string, extra = '', body = 'You check things.\n'): string {
  return `---\nname: ${name}\ndescription: "Use when ${name} is needed."\ntools:\n  - Read\nmodel: sonnet\n${extra}---\n\n${body}`
}
