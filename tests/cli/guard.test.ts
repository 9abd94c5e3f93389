// The pack's Bash guard (hooks/bash-guard.mjs) in the real pinned CLI, in both install modes. Bash is allowed by the
// session's permissions (--allowedTools Bash), so every refusal below is the guard's, and every allowed command really
// runs, in a repository holding the sample Go service (tests/fixtures-cli/sample-service: Go, a SAM template, Guard
// rules). Per mode, three runs started together:
//   - the orchestrator as the main thread (`--agent`): its read-only allowlist;
//   - a plain main thread that runs commands of its own (the guard leaves it alone) and dispatches the orchestrator,
//     both reviewers, a writer and the acceptance engineer, each running its own commands;
//   - the same install with the guard script removed: the hook cannot start, so Bash is blocked.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, makeTempDir } from '../../scripts/harness/claude-cli.ts'
import { runGuard, type CommandResults, type GuardOutcome } from '../../scripts/harness/guard.ts'
import { ORCHESTRATOR, idFor, type InstallMode } from '../../scripts/harness/pack.ts'
import { cfnGuardBinary, goAvailable } from '../pack-code/blocks.ts'
import { systemPrompt } from '../../scripts/harness/observe.ts'
import { git as runGit } from '../git-env.ts'

const MODES: InstallMode[] = ['project', 'plugin']
const GUARD = /backend-team guard \((read-only|writer) policy/

const RESULT = JSON.stringify({
  status: 'complete',
  agent: 'backend-developer',
  summary: 'Scripted result for the guard test.',
  files_created: [],
  files_modified: ['main.go'],
  verification: { commands: [{ command: 'go build ./...', exit_code: 0 }] },
})

// The sample Go service (with a SAM template and Guard rules) the commands run against.
const SAMPLE = path.join(REPO_ROOT, 'tests', 'fixtures-cli', 'sample-service')
const SAMPLE_ENTRIES = fs.readdirSync(SAMPLE)
// Go runs offline in the tests (no module proxy is reachable): a shared build cache, no downloads, no toolchain switch.
const HAS_GO = goAvailable()
const REQUIRE_GO = process.env.BACKEND_TEAM_REQUIRE_GO === '1'

// A folder outside the work tree that `rm -rf` must not reach, and a PATH with the package's own bin and cfn-guard.
const outside = makeTempDir('guard-outside')
fs.writeFileSync(path.join(outside, 'keep.txt'), 'must survive\n')
const binDir = makeTempDir('guard-bin')
const goCache = makeTempDir('guard-gocache')
fs.symlinkSync(path.join(REPO_ROOT, 'bin', 'backend-team.js'), path.join(binDir, 'backend-team'))
fs.symlinkSync(cfnGuardBinary(REPO_ROOT), path.join(binDir, 'cfn-guard'))
const env = {
  PATH: `${binDir}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
  GOCACHE: goCache,
  GOPROXY: 'off',
  GOTOOLCHAIN: 'local',
  GOFLAGS: '-mod=mod',
}

const GO_VERIFY = ['go build ./...', 'go vet ./...', 'CGO_ENABLED=0 go test -count=1 ./...', 'gofmt -l .']
const READ_ONLY_ALLOWED = [
  'git status',
  'git log --oneline -1',
  'git diff HEAD~1..HEAD --stat',
  'git status --porcelain && git log --oneline -1 | head -1',
  'backend-team check-result specialist-result result.json',
  `backend-team check-result specialist-result - <<'EOF'\n${RESULT}\nEOF`,
  'cfn-guard validate --rules rules/backend.guard --data template.yaml',
  ...(HAS_GO ? GO_VERIFY : []),
]
const READ_ONLY_REFUSED = [
  `rm -rf ${outside}`,
  'rm -rf build',
  'git push origin main',
  'echo wrote > redirected.txt',
  'aws cloudformation delete-stack --stack-name orders-dev',
  'git status && touch chained.txt',
  'touch touched.txt',
]
const WRITER_ALLOWED = ['echo wrote > writer.txt', 'rm -rf build', 'git status']
const WRITER_REFUSED = [
  `rm -rf ${outside}`,
  'git push origin main',
  'git reset --hard',
  'aws cloudformation delete-stack --stack-name orders-dev',
  'aws cloudformation deploy --template-file template.yaml --stack-name orders-dev',
  'aws cloudformation execute-change-set --change-set-name cs1 --stack-name orders-dev',
  'sam deploy --stack-name orders-dev',
  'sam delete --stack-name orders-dev --no-prompts',
  'sam sync --stack-name orders-dev',
  'npx cdk deploy',
  'cdk destroy --force',
  'aws dynamodb delete-table --table-name orders',
  'aws sqs purge-queue --queue-url https://sqs.eu-west-1.amazonaws.com/123456789012/q',
  'echo start && git push',
  'bash -c "git push --force"',
]
const ACCEPTANCE_REFUSED = ['go test -tags acceptance ./test/acceptance/...']
// The pack's slash command that runs the orchestrator in a forked context (commands/backend.md), when the pack has it.
const BACKEND_COMMAND = fs.existsSync(path.join(REPO_ROOT, 'commands', 'backend.md'))

function prepare(cwd: string): void {
  const git = (...args: string[]) => runGit(cwd, ...args)
  git('commit', '-q', '--allow-empty', '-m', 'base')
  fs.cpSync(SAMPLE, cwd, { recursive: true })
  git('add', '-A')
  git('commit', '-q', '-m', 'sample service')
  fs.writeFileSync(path.join(cwd, 'result.json'), RESULT + '\n')
  fs.mkdirSync(path.join(cwd, 'build'))
  fs.writeFileSync(path.join(cwd, 'build', 'artifact'), 'x\n')
}

interface ModeRuns {
  asMain: GuardOutcome
  dispatched: GuardOutcome
  /** The guard script missing from the install: the hook cannot start. */
  broken: GuardOutcome
  /** The orchestrator started by the pack's slash command (undefined when the pack has none). */
  command: GuardOutcome | undefined
  filesBroken: string[]
  /** Files left in the work tree after each run, read before cleanup. */
  filesAsMain: string[]
  filesDispatched: string[]
}
const runs = new Map<InstallMode, ModeRuns>()

function filesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()
}

beforeAll(async () => {
  await Promise.all(
    MODES.map(async (mode) => {
      const id = (name: string) => idFor(mode, name)
      const [asMain, dispatched, broken, command] = await Promise.all([
        runGuard({
          mode,
          packRoot: REPO_ROOT,
          mainAgent: id(ORCHESTRATOR),
          main: [...READ_ONLY_ALLOWED, ...READ_ONLY_REFUSED],
          prepare,
          env,
        }),
        runGuard({
          mode,
          packRoot: REPO_ROOT,
          main: ['echo main > main.txt'],
          dispatch: {
            [id(ORCHESTRATOR)]: [...READ_ONLY_ALLOWED, ...READ_ONLY_REFUSED],
            [id('backend-reviewer')]: [...READ_ONLY_ALLOWED, ...READ_ONLY_REFUSED],
            [id('backend-security-reviewer')]: READ_ONLY_REFUSED,
            [id('backend-developer')]: [...WRITER_ALLOWED, ...WRITER_REFUSED],
            [id('acceptance-test-engineer')]: ACCEPTANCE_REFUSED,
          },
          prepare,
          env,
        }),
        runGuard({
          mode,
          packRoot: REPO_ROOT,
          main: ['echo main > main.txt'],
          dispatch: { [id('backend-developer')]: ['echo wrote > writer.txt'] },
          mutate: (copy) => fs.rmSync(path.join(copy, 'hooks', 'bash-guard.mjs')),
          env,
        }),
        BACKEND_COMMAND
          ? runGuard({
              mode,
              packRoot: REPO_ROOT,
              // In .claude/ the command is /backend; install writes its `agent:` with the bare orchestrator name.
              prompt: `/${mode === 'plugin' ? 'backend-team:' : ''}backend add order cancellation`,
              main: [...READ_ONLY_ALLOWED, ...READ_ONLY_REFUSED],
              prepare,
              env,
            })
          : undefined,
      ])
      runs.set(mode, {
        asMain,
        dispatched,
        broken,
        command,
        filesAsMain: filesIn(asMain.cwd),
        filesDispatched: filesIn(dispatched.cwd),
        filesBroken: filesIn(broken.cwd),
      })
      for (const o of [asMain, dispatched, broken, command]) o?.cleanup()
    }),
  )
}, 420_000)

afterAll(() => {
  for (const dir of [outside, binDir, goCache]) fs.rmSync(dir, { recursive: true, force: true })
})

/** The work tree's top-level entries: the sample service, what prepare() adds, and `extra`. */
function treeWith(...extra: string[]): string[] {
  return [...SAMPLE_ENTRIES, 'build', 'result.json', ...extra].sort()
}

function get(mode: InstallMode): ModeRuns {
  const r = runs.get(mode)
  if (!r) throw new Error(`no guard runs for ${mode} mode (beforeAll failed)`)
  return r
}

function resultOf(results: CommandResults | undefined, command: string) {
  const r = results?.get(command)
  expect(r, `no tool result for \`${command}\``).toBeDefined()
  return r!
}

function expectRefused(results: CommandResults | undefined, commands: readonly string[], policy: 'read-only' | 'writer'): void {
  for (const c of commands) {
    const r = resultOf(results, c)
    expect(r.isError, `\`${c}\` was not refused: ${r.text}`).toBe(true)
    expect(r.text, `\`${c}\`: refused, but not by the guard`).toMatch(GUARD)
    expect(GUARD.exec(r.text)?.[1], `\`${c}\`: policy`).toBe(policy)
  }
}

function expectRan(results: CommandResults | undefined, commands: readonly string[]): void {
  for (const c of commands) {
    const r = resultOf(results, c)
    expect(r.text, `\`${c}\` was refused`).not.toMatch(GUARD)
    expect(r.isError, `\`${c}\` failed: ${r.text}`).toBe(false)
  }
}

describe.each(MODES)('%s mode', (mode) => {
  it('every run reaches the end of its script', () => {
    for (const o of [get(mode).asMain, get(mode).dispatched, get(mode).broken]) {
      expect(o.run.timedOut).toBe(false)
      expect(o.run.scriptErrors).toEqual([])
      expect(o.run.exitCode, o.run.stderr).toBe(0)
      expect(o.run.json?.result).toBe('SCRIPTED-END')
    }
  })

  describe(`the orchestrator as main thread (--agent ${idFor(mode, ORCHESTRATOR)})`, () => {
    it('runs read-only git, cfn-guard validate and check-result (file and here-document)', () => {
      const results = get(mode).asMain.results.get('main')
      expectRan(results, READ_ONLY_ALLOWED)
      expect(resultOf(results, 'backend-team check-result specialist-result result.json').text).toContain('valid specialist-result')
      expect(resultOf(results, 'git diff HEAD~1..HEAD --stat').text).toMatch(/template\.yaml/)
    })
    it.skipIf(!HAS_GO && !REQUIRE_GO)('runs go build, go vet, go test and gofmt -l on the sample service', () => {
      expect(HAS_GO, 'go is required (BACKEND_TEAM_REQUIRE_GO=1)').toBe(true)
      const results = get(mode).asMain.results.get('main')
      expectRan(results, GO_VERIFY)
      expect(resultOf(results, 'CGO_ENABLED=0 go test -count=1 ./...').text).toMatch(/ok\s+example\.com\/orders\/internal\/orders/)
    })
    it('is refused rm -rf, git push, a redirect, a chain and aws cloudformation delete-stack', () => {
      expectRefused(get(mode).asMain.results.get('main'), READ_ONLY_REFUSED, 'read-only')
    })
    it('leaves the work tree and the folder outside it as they were', () => {
      expect(get(mode).filesAsMain).toEqual(treeWith())
      expect(fs.existsSync(path.join(outside, 'keep.txt'))).toBe(true)
    })
  })

  it.skipIf(!BACKEND_COMMAND)("the orchestrator started by the pack's forked /backend command has the same allowlist", () => {
    const o = get(mode).command!
    expect(o.run.exitCode, o.run.stderr).toBe(0)
    expect(systemPrompt(o.bodies[0]!)).toContain('# Backend orchestrator')
    expectRan(o.results.get('main'), READ_ONLY_ALLOWED)
    expectRefused(o.results.get('main'), READ_ONLY_REFUSED, 'read-only')
  })

  it('fails closed: when the guard cannot start, Bash is blocked (onFailure: block), for the main thread too', () => {
    const { broken, filesBroken } = get(mode)
    for (const [who, command] of [
      ['main', 'echo main > main.txt'],
      [idFor(mode, 'backend-developer'), 'echo wrote > writer.txt'],
    ] as const) {
      const r = resultOf(broken.results.get(who), command)
      expect(r.isError, `${who}: \`${command}\` ran: ${r.text}`).toBe(true)
      expect(r.text).toMatch(/bash-guard\.mjs/)
    }
    expect(filesBroken).toEqual([])
  })

  describe('dispatched agents', () => {
    const id = (name: string) => idFor(mode, name)
    it('the orchestrator as a subagent: the same allowlist', () => {
      const results = get(mode).dispatched.results.get(id(ORCHESTRATOR))
      expectRan(results, READ_ONLY_ALLOWED)
      expectRefused(results, READ_ONLY_REFUSED, 'read-only')
    })
    it('both reviewers: read-only Bash by the same mechanism', () => {
      const r = get(mode).dispatched.results
      expectRan(r.get(id('backend-reviewer')), READ_ONLY_ALLOWED)
      expectRefused(r.get(id('backend-reviewer')), READ_ONLY_REFUSED, 'read-only')
      expectRefused(r.get(id('backend-security-reviewer')), READ_ONLY_REFUSED, 'read-only')
    })
    it('a writer: edits and rm -rf inside the work tree run', () => {
      expectRan(get(mode).dispatched.results.get(id('backend-developer')), WRITER_ALLOWED)
    })
    it('a writer: deploy, delete, change-set execution, push, reset --hard and rm -rf outside the work tree are refused', () => {
      expectRefused(get(mode).dispatched.results.get(id('backend-developer')), WRITER_REFUSED, 'writer')
    })
    it('the acceptance suite does not run without ACCEPTANCE_ACCOUNT_ID', () => {
      const r = resultOf(get(mode).dispatched.results.get(id('acceptance-test-engineer')), ACCEPTANCE_REFUSED[0]!)
      expect(r.isError).toBe(true)
      expect(r.text).toMatch(/set ACCEPTANCE_ACCOUNT_ID/)
    })
    it('the main thread outside the pack is left alone; the work tree shows exactly the allowed writes', () => {
      expectRan(get(mode).dispatched.results.get('main'), ['echo main > main.txt'])
      expect(get(mode).filesDispatched).toEqual(treeWith('main.txt', 'writer.txt').filter((f) => f !== 'build'))
      expect(fs.existsSync(path.join(outside, 'keep.txt'))).toBe(true)
    })
  })
})
