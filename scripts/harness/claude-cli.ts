// Runs the real, pinned Claude Code CLI against the scripted Messages API (./messages-api.ts).
//
// The npm wrapper package is installed with --ignore-scripts in CI, so its bin/claude.exe is a placeholder; the native
// binary lives in the platform package `@anthropic-ai/claude-code-<platform>-<arch>[-musl]`, resolved here the way the
// wrapper's cli-wrapper.cjs does (from the wrapper's own location). A missing binary throws; tests must fail on it.

import { spawn, spawnSync, execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runInstall } from '../lib/commands/install.ts'
import { fileURLToPath } from 'node:url'
import { startMessagesApi, type RecordedRequest, type Script } from './messages-api.ts'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const PINNED_CLI_VERSION = '2.1.332'
const WRAPPER = '@anthropic-ai/claude-code'

function platformKey(): string {
  const p = process.platform
  const a = process.arch
  if (p === 'linux') {
    const report = (process.report?.getReport?.() ?? null) as { header?: { glibcVersionRuntime?: string } } | null
    const musl = report != null && report.header?.glibcVersionRuntime === undefined
    return `linux-${a}${musl ? '-musl' : ''}`
  }
  return `${p}-${a}`
}

const cachedBinary = new Map<string, string>()

/** Absolute path of the native claude binary of the pinned platform package, or a clear error telling to run `npm ci`. */
export function claudeBinary(repoRoot: string = REPO_ROOT): string {
  const cached = cachedBinary.get(repoRoot)
  if (cached) return cached
  const key = platformKey()
  const pkg = `${WRAPPER}-${key}`
  const hint = `Run \`npm ci\` in ${repoRoot} to install the pinned Claude Code CLI (${WRAPPER}@${PINNED_CLI_VERSION} and ${pkg}).`
  const rootRequire = createRequire(path.join(repoRoot, 'package.json'))
  let wrapperManifest: string
  try {
    wrapperManifest = rootRequire.resolve(`${WRAPPER}/package.json`)
  } catch {
    throw new Error(`Claude Code CLI not found: ${WRAPPER} is not installed. ${hint}`)
  }
  const wrapperVersion = (JSON.parse(fs.readFileSync(wrapperManifest, 'utf8')) as { version: string }).version
  const wrapperRequire = createRequire(wrapperManifest)
  let platformManifest: string
  try {
    platformManifest = wrapperRequire.resolve(`${pkg}/package.json`)
  } catch {
    throw new Error(`Claude Code CLI binary not found: the platform package ${pkg} is not installed. ${hint}`)
  }
  const bin = path.join(path.dirname(platformManifest), process.platform === 'win32' ? 'claude.exe' : 'claude')
  let st: fs.Stats
  try {
    st = fs.statSync(bin)
  } catch {
    throw new Error(`Claude Code CLI binary not found at ${bin}. ${hint}`)
  }
  if (!st.isFile() || st.size < 1_000_000) {
    throw new Error(`Claude Code CLI binary at ${bin} is not the native executable (${st.size} bytes). ${hint}`)
  }
  const platformVersion = (JSON.parse(fs.readFileSync(platformManifest, 'utf8')) as { version: string }).version
  if (wrapperVersion !== PINNED_CLI_VERSION || platformVersion !== PINNED_CLI_VERSION) {
    throw new Error(
      `Claude Code CLI version mismatch: wrapper ${wrapperVersion}, ${pkg} ${platformVersion}, pinned ${PINNED_CLI_VERSION}. ${hint}`,
    )
  }
  cachedBinary.set(repoRoot, bin)
  return bin
}

/** A fresh temporary directory under the OS temp dir. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bt-${prefix}-`))
}

/** A temporary git repository (git init, one commit-less tree) to run the CLI in. */
export function makeTempRepo(prefix = 'repo'): string {
  const dir = makeTempDir(prefix)
  execFileSync('git', ['init', '-q', dir], { stdio: 'ignore', timeout: 10_000 })
  return dir
}

export interface ClaudeRunOptions {
  cwd: string
  /** Extra CLI arguments; `-p <prompt> --output-format json --debug-file <f>` are added by the runner. */
  args?: string[]
  prompt?: string
  script: Script
  timeoutMs?: number
  env?: Record<string, string>
  maxRequests?: number
  /** A HOME the caller prepared (a plugin installed from a marketplace, say): used as it is and kept after the run. */
  home?: string
}

export interface ClaudeRunResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: string
  stderr: string
  /** Parsed `--output-format json` result, or undefined when stdout is not JSON. */
  json: Record<string, unknown> | undefined
  requests: RecordedRequest[]
  debugLog: string
  durationMs: number
  scriptErrors: Error[]
}

/**
 * One CLI run: a fresh HOME, the scripted API on a random loopback port, the CLI killed (process group) on timeout.
 * Permissions (probed as root): `--permission-mode bypassPermissions` / --dangerously-skip-permissions exit 1 ("cannot be
 * used with root/sudo privileges"). The default mode lets `Agent`, `Read` and read-only `Bash` (`echo`) through in -p and
 * denies `Write`; `--permission-mode acceptEdits` (or `--allowedTools Write`) lets edits inside cwd through. The
 * scenarios only call the Agent tool, so no flag is passed.
 */
export async function runClaude(opts: ClaudeRunOptions): Promise<ClaudeRunResult> {
  const bin = claudeBinary()
  const timeoutMs = opts.timeoutMs ?? 45_000
  // One private root per run: HOME, the CLI's temp dir (task output files) and the debug log; removed afterwards.
  const root = makeTempDir('run')
  const home = opts.home ?? path.join(root, 'home')
  const tmp = path.join(root, 'tmp')
  if (!opts.home) {
    fs.mkdirSync(home, { mode: 0o700 })
    // A pre-created global config keeps the log free of the first-start "Failed to save config with lock" error.
    fs.writeFileSync(path.join(home, '.claude.json'), '{}\n', { mode: 0o600 })
  }
  fs.mkdirSync(tmp, { mode: 0o700 })
  const debugFile = path.join(root, 'debug.log')
  const api = await startMessagesApi({
    script: opts.script,
    maxRequests: opts.maxRequests ?? 200,
    idleTimeoutMs: timeoutMs,
    overallTimeoutMs: timeoutMs + 5_000,
  })
  const args = [
    '-p',
    opts.prompt ?? 'Run the scripted scenario.',
    '--output-format',
    'json',
    '--debug-file',
    debugFile,
    ...(opts.args ?? []),
  ]
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    USER: process.env.USER ?? 'test',
    LANG: 'C.UTF-8',
    TMPDIR: tmp,
    CLAUDE_CODE_TMPDIR: tmp,
    ANTHROPIC_BASE_URL: api.url,
    ANTHROPIC_API_KEY: 'dummy',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    ...opts.env,
  }
  const started = Date.now()
  const child = spawn(bin, args, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  let timedOut = false
  const killGroup = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig)
    } catch {
      // already gone
    }
  }
  const timer = setTimeout(() => {
    timedOut = true
    killGroup('SIGTERM')
    setTimeout(() => killGroup('SIGKILL'), 2_000).unref()
  }, timeoutMs)
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (c, s) => resolve({ code: c, signal: s }))
    child.on('error', () => resolve({ code: null, signal: null }))
  })
  clearTimeout(timer)
  // Stray grandchildren (none expected) go with the group.
  killGroup('SIGKILL')
  await api.close()
  let json: Record<string, unknown> | undefined
  try {
    json = JSON.parse(stdout) as Record<string, unknown>
  } catch {
    json = undefined
  }
  let debugLog = ''
  try {
    debugLog = fs.readFileSync(debugFile, 'utf8')
  } catch {
    // no log written
  }
  fs.rmSync(root, { recursive: true, force: true })
  return {
    exitCode: code,
    signal,
    timedOut,
    stdout,
    stderr,
    json,
    requests: api.requests,
    debugLog,
    durationMs: Date.now() - started,
    scriptErrors: api.scriptErrors,
  }
}

function copyDir(src: string, dst: string): void {
  fs.cpSync(src, dst, { recursive: true, dereference: false, errorOnExist: false, force: true })
}

/**
 * Project install mode: the pack installed into `<targetDir>/.claude/` by the project's own `backend-team install`
 * (in-process, with `repoRoot` as the package and a throwaway home folder), as a user would install it.
 */
export async function installProjectCopy(repoRoot: string, targetDir: string): Promise<void> {
  // An empty pack (the cost baseline) has nothing to install; the installer rightly refuses it.
  if (!['agents', 'skills'].some((part) => fs.existsSync(path.join(repoRoot, part)))) return
  let output = ''
  const io = { cwd: targetDir, isTTY: false, stdout: (t: string) => void (output += t), stderr: (t: string) => void (output += t) }
  const code = await runInstall([targetDir], io, { packageRoot: repoRoot, home: makeTempDir('install-home') })
  if (code !== 0) throw new Error(`backend-team install exited ${code}:\n${output}`)
}

/**
 * A plugin installed as a user does from a marketplace, offline: `claude plugin marketplace add <dir>` (a folder with
 * `.claude-plugin/marketplace.json`), then `claude plugin install <plugin>@<marketplace>`, in a fresh HOME that is
 * returned (pass it to runClaude as `home`; remove it when done).
 */
export function installFromMarketplace(marketplaceDir: string, plugin = 'backend-team@backend-team'): string {
  const home = makeTempDir('marketplace-home')
  fs.writeFileSync(path.join(home, '.claude.json'), '{}\n', { mode: 0o600 })
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    ANTHROPIC_API_KEY: 'dummy',
    // Nothing listens here: a command that tried the network would fail, not hang.
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
  }
  for (const args of [
    ['plugin', 'marketplace', 'add', marketplaceDir],
    ['plugin', 'install', plugin],
  ]) {
    const r = spawnSync(claudeBinary(), args, { cwd: home, env, encoding: 'utf8', timeout: 60_000 })
    if (r.status !== 0) throw new Error(`claude ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`)
  }
  return home
}

/**
 * Plugin mode: a temp copy of the plugin's files (manifest, agents, skills, commands, hooks, and the schemas the skills
 * link to), to pass as `--plugin-dir`. The copy's folder
 * is named `backend-team`, so the plugin name is right even while the repo has no `.claude-plugin/plugin.json` (without a
 * manifest Claude Code names a plugin after its folder). Remove it with `fs.rmSync(path.dirname(dir), …)` or leave it to
 * the OS temp cleaner.
 */
export function pluginCopy(repoRoot: string): string {
  const dir = path.join(makeTempDir('plugin'), 'backend-team')
  fs.mkdirSync(dir)
  for (const part of ['.claude-plugin', 'agents', 'skills', 'commands', 'hooks', 'schemas', 'package.json']) {
    const src = path.join(repoRoot, part)
    if (fs.existsSync(src)) copyDir(src, path.join(dir, part))
  }
  return dir
}
