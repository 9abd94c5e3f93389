// A user's repository for the journey tests: Go code, an agent and Claude Code settings of their own, installs from
// the packed tarball through a private npm cache and HOME, offline.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { gitEnv } from '../git-env.ts'

export const goodAgent =
  '---\nname: go-reviewer\ndescription: Use when a Go change needs review.\ntools: Read, Grep\n---\n\nYou review Go diffs.\n'
/** A good change to the agent, so there is something to commit. */
export const revisedAgent = goodAgent.replace('You review Go diffs.', 'You review Go diffs for correctness.')
export const brokenAgent = goodAgent.replace('tools: Read, Grep\n', 'tools: Read, Grep\ncolor: magenta\n')
export const brokenMessage = 'Unexpected `magenta` for `color`'

export interface UserRepo {
  root: string
  /** Runs a shell command line in the repository, as the user would type it. */
  sh(line: string): { status: number | null; output: string }
  write(path: string, text: string): void
  remove(): void
}

export function userRepo(options: { packageJson: boolean }): UserRepo {
  const base = mkdtempSync(join(tmpdir(), 'bt-journey-'))
  const root = join(base, 'orders')
  const home = join(base, 'home')
  const globalPrefix = join(base, 'global')
  mkdirSync(home, { recursive: true })
  const env: NodeJS.ProcessEnv = gitEnv({
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    NO_COLOR: '1',
    CI: '',
    PATH: [join(globalPrefix, 'bin'), process.env.PATH].join(delimiter),
    npm_config_prefix: globalPrefix,
    npm_config_cache: join(base, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  })
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  const sh = (line: string) => {
    const r = spawnSync('sh', ['-c', line], { cwd: root, env, encoding: 'utf8', timeout: 120_000 })
    return { status: r.status, output: `${r.stdout}${r.stderr}` }
  }
  mkdirSync(root)
  write('go.mod', 'module example.com/orders\n\ngo 1.22\n')
  write('cmd/orders/main.go', 'package main\n\nimport "github.com/aws/aws-lambda-go/lambda"\n\nfunc main() { lambda.Start(handle) }\n')
  write('internal/agents/agents.go', 'package agents\n\n// Agents route orders to sales agents.\n')
  write('internal/agents/README.md', '# Sales agents\n\nSee [the routing notes](routing.md).\n')
  write('.claude/agents/go-reviewer.md', goodAgent)
  write('.claude/settings.json', '{\n  "permissions": {\n    "allow": ["Bash(go test:*)"]\n  }\n}\n')
  write('.gitignore', 'node_modules/\n*.tgz\n')
  if (options.packageJson)
    write('package.json', '{\n  "name": "orders",\n  "private": true,\n  "scripts": {\n    "test": "go test ./..."\n  }\n}\n')
  sh('git init -q && git add -A && git commit -qm "A Go service"')
  return { root, sh, write, remove: () => rmSync(base, { recursive: true, force: true }) }
}
