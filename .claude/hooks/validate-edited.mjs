#!/usr/bin/env node
// Claude Code PostToolUse hook (matcher Write|Edit). Claude Code passes the tool call as JSON on stdin; when the edited
// file is an agent or skill (under agents/, skills/, .claude/agents/ or .claude/skills/), this runs the validator on it.
// Errors: exit 2 with the diagnostics on stderr, which Claude Code hands back to Claude so it fixes the file.
// Anything else: exit 0 and stay silent. A validator that cannot run exits 1: shown to the user, not to Claude.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const validator = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'backend-team.js')
const watched = /^(agents|skills|\.claude\/agents|\.claude\/skills)\//

let input
try {
  input = JSON.parse(readFileSync(0, 'utf8'))
} catch {
  process.exit(0)
}
const file = input?.tool_input?.file_path
if (typeof file !== 'string' || file === '') process.exit(0)
const project = process.env.CLAUDE_PROJECT_DIR || input.cwd || process.cwd()
const abs = isAbsolute(file) ? file : resolve(input.cwd || project, file)
const rel = relative(project, abs).split(sep).join('/')
if (rel.startsWith('../') || isAbsolute(rel) || !watched.test(rel) || !existsSync(abs)) process.exit(0)

const run = spawnSync(process.execPath, [validator, 'validate', '--no-color', abs], { cwd: project, encoding: 'utf8', timeout: 60_000 })
if (run.status === 0) process.exit(0)
if (run.status === 1) {
  process.stderr.write(`backend-team validate found problems in ${rel}; fix them:\n${run.stdout}${run.stderr}`)
  process.exit(2)
}
process.stderr.write(
  `backend-team validate could not check ${rel} (exit ${run.status ?? run.signal}): ${run.stderr || run.error?.message || ''}\n`,
)
process.exit(1)
