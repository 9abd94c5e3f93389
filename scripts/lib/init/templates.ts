import { claudeFilePattern, gitInstallSpec, initMarker, releaseTag, repositoryUrl, wholeCommitCheck } from './recipes.ts'

/** A plain git hook, for a repository with or without package.json: the local package first, then one on PATH. */
export function gitHookScript(): string {
  return `#!/bin/sh
# ${initMarker}: checks the agents, skills and plugin files of each commit as staged.
# Skip it once with \`git commit --no-verify\`.
if [ -x node_modules/.bin/backend-team ]; then exec node_modules/.bin/${wholeCommitCheck}; fi
if command -v backend-team >/dev/null 2>&1; then exec ${wholeCommitCheck}; fi
echo "backend-team is not installed here or on PATH: npm install --global ${gitInstallSpec()}" >&2
exit 1
`
}

/**
 * The GitHub Actions workflow: annotations on the pull request (--format github) and a SARIF upload for code scanning.
 * `fromPackageJson`: the repository's package.json lists backend-team, so npm installs that version (`npm ci` when
 * there is a package-lock.json, which it needs).
 */
export function workflow(fromPackageJson: boolean, hasLockfile = true): string {
  const install = fromPackageJson
    ? `      - run: ${hasLockfile ? 'npm ci' : 'npm install'}\n`
    : `      - run: npm install --global ${gitInstallSpec()}\n`
  const bt = fromPackageJson ? 'npx --no-install backend-team' : 'backend-team'
  return `# ${initMarker}: validates Claude Code agents, skills and plugin files on every push and pull request.
name: backend-team
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  validate:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
${install}      - name: Validate (SARIF for code scanning)
        run: ${bt} validate --format sarif > backend-team.sarif || test $? -eq 1
      - uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: backend-team.sarif
          category: backend-team
      - name: Validate (annotations on the pull request)
        run: ${bt} validate --format github
`
}

/** The entry `init --hook pre-commit` adds to `.pre-commit-config.yaml`. */
export function preCommitRepo(): { repo: string; rev: string; hooks: { id: string }[] } {
  return { repo: repositoryUrl(), rev: releaseTag, hooks: [{ id: 'backend-team-validate' }] }
}

export const claudeHookFile = '.claude/hooks/backend-team-validate.mjs'
export const claudeHookCommand = `node "$CLAUDE_PROJECT_DIR/${claudeHookFile}"`

/**
 * The Claude Code PostToolUse hook (matcher Write|Edit) for a user's repository. Claude Code passes the tool call as
 * JSON on stdin; when the file written is one Claude Code loads, the validator checks it. Errors: exit 2 with the
 * diagnostics on stderr, which Claude Code hands back to Claude to fix. Anything else: exit 0, silent. A validator
 * that cannot run exits 1, which Claude Code shows to the user only.
 */
export function claudeHookScript(): string {
  return `#!/usr/bin/env node
// ${initMarker}: a Claude Code PostToolUse hook that validates an agent, skill, command or settings file as
// soon as Claude writes or edits it, so Claude fixes it at once. Registered in .claude/settings.json.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'

const loaded = new RegExp(${JSON.stringify(claudeFilePattern)})

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
if (rel.startsWith('../') || isAbsolute(rel) || !loaded.test(rel) || !existsSync(abs)) process.exit(0)

// The project's own copy of backend-team, else one on PATH (a global install).
const local = join(project, 'node_modules', 'backend-team', 'bin', 'backend-team.js')
const [command, args] = existsSync(local) ? [process.execPath, [local]] : ['backend-team', []]
const run = spawnSync(command, [...args, 'validate', '--no-color', abs], {
  cwd: project, encoding: 'utf8', timeout: 60_000, shell: command === 'backend-team' && process.platform === 'win32',
})
if (run.status === 0) process.exit(0)
if (run.status === 1) {
  process.stderr.write(\`backend-team validate found problems in \${rel}; fix them:\\n\${run.stdout}\${run.stderr}\`)
  process.exit(2)
}
process.stderr.write(\`backend-team validate could not check \${rel} (exit \${run.status ?? run.signal}): \${run.stderr || run.error?.message || ''}\\n\`)
process.exit(1)
`
}

/** The Claude Code settings entry that runs the hook above. */
export function claudeHookEntry(): { matcher: string; hooks: { type: 'command'; command: string; timeout: number }[] } {
  return { matcher: 'Write|Edit', hooks: [{ type: 'command', command: claudeHookCommand, timeout: 60 }] }
}
