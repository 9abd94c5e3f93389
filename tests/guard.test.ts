// The Bash guard's policy case by case (hooks/guard/policy.mjs, in-process), and hooks/bash-guard.mjs through its real
// interface: a PreToolUse hook input on stdin, a deny decision (or nothing) on stdout. tests/cli/guard.test.ts proves
// that Claude Code runs it.

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, makeTempDir } from '../scripts/harness/claude-cli.ts'

const HOOK = path.join(REPO_ROOT, 'hooks', 'bash-guard.mjs')
interface PolicyModule {
  policyFor(agentType: unknown): 'read-only' | 'writer' | undefined
  decide(
    policy: 'read-only' | 'writer',
    command: unknown,
    where: { cwd: string; projectDir: string; env: Record<string, string | undefined> },
  ): string | undefined
}
const policyUrl = pathToFileURL(path.join(REPO_ROOT, 'hooks', 'guard', 'policy.mjs')).href
const policy = (await import(policyUrl)) as PolicyModule
const project = makeTempDir('guard-project')
afterAll(() => fs.rmSync(project, { recursive: true, force: true }))

/** The policy's verdict in-process, as the hook would give it for `agentType`. */
function verdict(agentType: string, command: string, env: Record<string, string> = {}): { denied: boolean; reason: string } {
  const which = policy.policyFor(agentType)
  if (!which) return { denied: false, reason: '' }
  const why = policy.decide(which, command, { cwd: project, projectDir: project, env })
  return { denied: why !== undefined, reason: why === undefined ? '' : `backend-team guard (${which} policy for ${agentType}): ${why}` }
}

interface Verdict {
  denied: boolean
  reason: string
  exitCode: number | null
}

function guard(
  agentType: string | undefined,
  command: unknown,
  opts: { env?: Record<string, string>; toolName?: string; raw?: string } = {},
): Promise<Verdict> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOOK], {
      env: { PATH: process.env.PATH ?? '', CLAUDE_PROJECT_DIR: project, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    child.on('error', reject)
    child.on('close', (code) => {
      const decision = out
        ? (JSON.parse(out) as { hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string } }).hookSpecificOutput
        : undefined
      resolve({ denied: decision?.permissionDecision === 'deny', reason: decision?.permissionDecisionReason ?? '', exitCode: code })
    })
    const input = {
      hook_event_name: 'PreToolUse',
      tool_name: opts.toolName ?? 'Bash',
      cwd: project,
      tool_input: { command },
      ...(agentType ? { agent_type: agentType } : {}),
    }
    child.stdin.end(opts.raw ?? JSON.stringify(input))
  })
}

const READ_ONLY = ['backend-orchestrator', 'backend-team:backend-reviewer', 'backend-security-reviewer']
const WRITERS = ['backend-developer', 'backend-team:aws-infrastructure-specialist', 'acceptance-test-engineer', 'backend-architect']

const readOnlyAllowed = [
  'git status --porcelain',
  'git -C sub log --oneline BASE..HEAD',
  'git diff abc123..HEAD -- internal/',
  'git rev-parse HEAD',
  'git branch --show-current',
  'git worktree list',
  'go build ./...',
  'go build -o /dev/null ./cmd/api',
  'go vet ./...',
  'CGO_ENABLED=1 go test -race -count=1 ./...',
  'go test -run "TestCancel/already cancelled" ./internal/orders',
  'gofmt -l .',
  'gofmt -l -e internal',
  'cfn-lint template.yaml',
  'cfn-guard validate --rules rules/ --data template.yaml',
  'cfn-guard test --rules-file rules/sqs.guard --test-data rules/sqs-tests.yaml',
  'sam validate --lint',
  'backend-team check-result specialist-result .backend-team/results/x.json',
  'npx --no-install backend-team check-result orchestrator-result result.json',
  'backend-team.js check-result progress-state .backend-team/progress/orders.json',
  'npx backend-team check-result specialist-result - <<\'EOF\'\n{"summary": "uses $(x) and `y` and ; | > inside"}\nEOF',
  'grep -rn "ConditionalCheckFailed" internal',
  'rg -n TODO',
  'find . -name "*.go" -newer go.mod',
  'ls -la',
  'cat go.mod',
  'govulncheck ./...',
  'go build ./... && go vet ./... && CGO_ENABLED=1 go test -race -count=1 ./...',
  'git status --porcelain; git log --oneline abc123..HEAD',
  'go test ./... 2>&1 | tail -20',
  'gofmt -l . 2>/dev/null',
  'git diff --stat abc123 || git status',
  'jq .phases .backend-team/progress/orders.json',
  'golangci-lint run ./...',
]

const readOnlyRefused: Array<[string, RegExp]> = [
  ['rm -rf build', /`rm` is not on the read-only allowlist/],
  ['git push origin main', /`git push origin main`: not a read-only git command/],
  ['git commit -m x', /not a read-only git command/],
  ['git checkout -- .', /not a read-only git command/],
  ['git branch feature-x', /only listing branches/],
  ['git diff --output=patch.txt', /`--output=patch.txt` is not allowed/],
  ['git -c core.pager=sh log', /not a read-only git command/],
  ['echo hi > out.txt', /the redirect `>out.txt` is not allowed/],
  ['git show HEAD:go.mod > go.mod.orig', /the redirect `>go.mod.orig` is not allowed/],
  ['go test ./... 2>test.log', /the redirect `2>test.log` is not allowed/],
  ['git log >> notes.txt', /the redirect `>>notes.txt` is not allowed/],
  ['git status; rm -rf .', /`rm` is not on the read-only allowlist/],
  ['go test ./... | tee log', /`tee` is not on the read-only allowlist/],
  ['go test ./... &', /`&` is not allowed/],
  ['(cd internal && go test ./...)', /`\(` is not allowed/],
  ['git status\ngit push', /`git push`: not a read-only git command/],
  ["git status && backend-team check-result specialist-result - <<'EOF'\n{}\nEOF", /only as the input of a lone check-result/],
  ['git log $(git rev-parse HEAD)', /command substitution/],
  ['git log `whoami`', /command substitution/],
  ['go test $PKG', /variables are not allowed/],
  ['GOFLAGS=-toolexec=/bin/sh go test ./...', /setting `GOFLAGS` is not allowed/],
  ['go test -exec ./evil ./...', /`-exec` is not allowed/],
  ['go test -c ./internal/orders', /write a test binary/],
  ['go test -fuzz FuzzParse ./internal/api', /`-fuzz` is not allowed/],
  ['go test ./... -args -update', /`-args` is not allowed/],
  ['go build .', /write no binary/],
  ['go build -o bin/api ./cmd/api', /`-o` may only name \/dev\/null/],
  ['go env -w GOPROXY=direct', /changes settings/],
  ['go generate ./...', /allowed go commands/],
  ['gofmt -w .', /`-w` writes/],
  ['cfn-lint --update-specs', /writes files/],
  ['backend-team.js validate --fix', /`backend-team.js` is not on the read-only allowlist/],
  ['npx backend-team install', /`npx` is not on the read-only allowlist/],
  ['sam deploy --guided', /only `sam validate`/],
  ['aws cloudformation delete-stack --stack-name orders-dev', /`aws` is not on the read-only allowlist/],
  [
    'backend-team check-result specialist-result - <<EOF\n{}\nEOF',
    /here-document is allowed only as the input of a lone check-result, with a quoted delimiter/,
  ],
  ["cat <<'EOF'\nx\nEOF", /the redirect `<<EOF` is not allowed/],
  ['find . -delete', /`-delete` runs a program or writes/],
  ['rg --pre ./evil x', /`--pre` runs a program/],
  ['tail -f log', /never ends/],
  ['bash -c "git status"', /`bash` is not on the read-only allowlist/],
  ['echo "unclosed', /cannot read this command \(a quote is not closed\)/],
  ['', /the command is empty/],
]

const writerRefused: Array<[string, RegExp]> = [
  ['aws cloudformation deploy --template-file t.yaml --stack-name s', /`aws cloudformation deploy` is refused/],
  ['aws --region eu-west-1 cloudformation delete-stack --stack-name s', /`aws cloudformation delete-stack` is refused/],
  ['aws cloudformation execute-change-set --change-set-name c', /execute-change-set/],
  ['aws cloudformation update-stack --stack-name s', /update-stack/],
  ['sam deploy', /`sam deploy` is refused/],
  ['sam delete --no-prompts', /`sam delete` is refused/],
  ['sam sync --watch', /`sam sync` is refused/],
  ['cdk deploy --all', /`cdk deploy` is refused/],
  ['npx aws-cdk@2 destroy', /`cdk destroy` is refused/],
  ['npx --yes cdk deploy', /`cdk deploy` is refused/],
  ['aws dynamodb delete-table --table-name orders', /`aws dynamodb delete-table` is refused/],
  ['aws sqs purge-queue --queue-url q', /`aws sqs purge-queue` is refused/],
  ['git push', /`git push` is refused/],
  ['git -C ../other push --force origin main', /`git push` is refused/],
  ['git reset --hard HEAD~1', /`git reset --hard` discards work/],
  ['rm -rf /', /reaches outside the work tree/],
  ['rm -rf ..', /reaches outside the work tree/],
  ['rm -rf .', /reaches outside the work tree/],
  ['rm -r -f ../sibling', /reaches outside the work tree/],
  ['rm --recursive --force /var/lib/x', /reaches outside the work tree/],
  ['rm -rf ~/go', /cannot tell where/],
  ['rm -rf "$HOME"', /cannot tell where/],
  ['rm -rf .*', /hidden-file glob/],
  ['go build ./... && git push', /`git push` is refused/],
  ['make build; sam deploy', /`sam deploy` is refused/],
  ['echo $(git push)', /`git push` is refused/],
  ['echo `sam deploy`', /`sam deploy` is refused/],
  ['sh -c "aws dynamodb delete-table --table-name t"', /delete-table/],
  ["bash -lc 'cd x && git push'", /`git push` is refused/],
  ['sudo -u deploy git push', /`git push` is refused/],
  ['env AWS_PROFILE=prod aws cloudformation delete-stack --stack-name s', /delete-stack/],
  ['AWS_PROFILE=prod sam deploy', /`sam deploy` is refused/],
  ['timeout 60 sam deploy', /`sam deploy` is refused/],
  ['eval "$CMD"', /`eval` hides the command/],
  ['go test -tags acceptance ./test/acceptance/...', /set ACCEPTANCE_ACCOUNT_ID/],
  ['cd /tmp && rm -rf build', /`rm -r build` reaches outside the work tree/],
  ['cd "$DIR" && rm -rf build', /after a `cd` the guard cannot follow/],
  ['cd .. ; rm -r -f sibling', /reaches outside the work tree/],
  ['bash -c "cd / && rm -rf etc"', /reaches outside the work tree/],
  ['go test -tags=integration,acceptance ./...', /set ACCEPTANCE_ACCOUNT_ID/],
  ['ACCEPTANCE_ACCOUNT_ID=$ACCOUNT go test -tags acceptance ./...', /set ACCEPTANCE_ACCOUNT_ID/],
]

const writerAllowed = [
  'go build ./... && go test -race ./...',
  'gofmt -w .',
  'echo "package orders" > internal/orders/doc.go',
  'rm -rf build dist/tmp',
  'rm -f ../outside.txt',
  'git add internal/orders && git commit -m "orders: implementation (backend-developer)"',
  'git reset HEAD internal/x.go',
  'aws cloudformation validate-template --template-body file://template.yaml',
  'aws cloudformation create-change-set --stack-name orders-dev --change-set-name c1 --template-body file://t.yaml',
  'aws dynamodb describe-table --table-name orders',
  'sam build && sam validate --lint',
  'cdk synth',
  'go test -tags integration ./...',
  'cd internal && rm -rf generated',
  `rm -rf ${project}/build`,
]

describe('read-only policy (orchestrator and reviewers)', () => {
  it.each(readOnlyAllowed)('allows %j', (command) => {
    for (const agent of READ_ONLY) {
      const v = verdict(agent, command)
      expect(v.denied, `${agent}: ${v.reason}`).toBe(false)
    }
  })
  it.each(readOnlyRefused)('refuses %j', (command, why) => {
    for (const agent of READ_ONLY) {
      const v = verdict(agent, command)
      expect(v.denied, agent).toBe(true)
      expect(v.reason).toMatch(why)
      expect(v.reason).toContain(`read-only policy for ${agent}`)
    }
  })
})

describe('writer policy (every other agent of the pack)', () => {
  it.each(writerRefused)('refuses %j', (command, why) => {
    for (const agent of WRITERS) {
      const v = verdict(agent, command)
      expect(v.denied, agent).toBe(true)
      expect(v.reason).toMatch(why)
    }
  })
  it.each(writerAllowed)('allows %j', (command) => {
    for (const agent of WRITERS) {
      const v = verdict(agent, command)
      expect(v.denied, `${agent}: ${v.reason}`).toBe(false)
    }
  })
  it('runs the acceptance suite for the account ACCEPTANCE_ACCOUNT_ID names, and only one the allowlist file lists', async () => {
    const cmd = 'go test -tags acceptance ./test/acceptance/...'
    expect((await guard('acceptance-test-engineer', cmd, { env: { ACCEPTANCE_ACCOUNT_ID: '123456789012' } })).denied).toBe(false)
    expect(verdict('acceptance-test-engineer', `ACCEPTANCE_ACCOUNT_ID=123456789012 ${cmd}`).denied).toBe(false)
    expect(verdict('acceptance-test-engineer', `env ACCEPTANCE_REQUIRED=1 ACCEPTANCE_ACCOUNT_ID=123456789012 ${cmd}`).denied).toBe(false)
    expect(verdict('acceptance-test-engineer', cmd, { ACCEPTANCE_ACCOUNT_ID: 'prod' }).denied).toBe(true)
    fs.mkdirSync(path.join(project, '.backend-team'), { recursive: true })
    fs.writeFileSync(path.join(project, '.backend-team', 'aws-accounts'), '# sandbox accounts\n210987654321\n')
    try {
      const v = verdict('acceptance-test-engineer', cmd, { ACCEPTANCE_ACCOUNT_ID: '123456789012' })
      expect(v.denied).toBe(true)
      expect(v.reason).toMatch(/ACCEPTANCE_ACCOUNT_ID=123456789012 is not in \.backend-team\/aws-accounts/)
      expect(verdict('acceptance-test-engineer', cmd, { ACCEPTANCE_ACCOUNT_ID: '210987654321' }).denied).toBe(false)
    } finally {
      fs.rmSync(path.join(project, '.backend-team'), { recursive: true, force: true })
    }
  })
})

describe('rm -r follows symbolic links as rm does', () => {
  it('refuses `rm -r link/` to a folder outside, allows removing the link itself', () => {
    const outside = makeTempDir('guard-outside')
    fs.symlinkSync(outside, path.join(project, 'out-link'))
    try {
      const through = verdict('backend-developer', 'rm -rf out-link/')
      expect(through.denied).toBe(true)
      expect(through.reason).toMatch(/reaches outside the work tree/)
      expect(verdict('backend-developer', 'rm -rf out-link').denied).toBe(false)
      expect(verdict('backend-developer', 'rm -rf out-link/sub').denied).toBe(true)
    } finally {
      fs.rmSync(path.join(project, 'out-link'))
      fs.rmSync(outside, { recursive: true, force: true })
    }
  })
})

describe('the hook through stdin and stdout', () => {
  it('refuses with a PreToolUse deny decision that names the policy and the agent', async () => {
    const v = await guard('backend-team:backend-reviewer', 'git push')
    expect(v).toEqual({
      denied: true,
      reason: expect.stringMatching(
        /^backend-team guard \(read-only policy for backend-team:backend-reviewer\): `git push`: not a read-only git command/,
      ),
      exitCode: 0,
    })
    expect(await guard('backend-developer', 'go test ./...')).toEqual({ denied: false, reason: '', exitCode: 0 })
  })
})

describe('what the guard leaves alone', () => {
  it('the main thread and agents outside the pack', async () => {
    for (const agent of [undefined, 'general-purpose', 'my-team:backend-developer', 'backend-developer-2']) {
      const v = await guard(agent, 'git push --force')
      expect(v.denied, String(agent)).toBe(false)
      expect(v.exitCode).toBe(0)
    }
  })
  it('other tools, and input that is not a hook call', async () => {
    expect((await guard('backend-reviewer', 'x', { toolName: 'Write' })).denied).toBe(false)
    expect((await guard('backend-reviewer', 'x', { raw: 'not json' })).exitCode).toBe(0)
    expect((await guard('backend-reviewer', 42)).denied).toBe(true)
  })
  it('reads a 100,000-character command without trouble and refuses a longer one', async () => {
    expect((await guard('backend-developer', `echo ${'a'.repeat(99_990)}`)).denied).toBe(false)
    const v = await guard('backend-developer', `echo ${'a'.repeat(100_001)}`)
    expect(v.denied).toBe(true)
    expect(v.reason).toMatch(/longer than 100000 characters/)
  })
})

describe('registration', () => {
  it("this repository's .claude/settings.json registers the same guard entry as the plugin's hooks/hooks.json", () => {
    const read = (rel: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8')) as { hooks: Record<string, unknown> }
    const shipped = JSON.stringify(read('hooks/hooks.json').hooks.PreToolUse).replaceAll('${CLAUDE_PLUGIN_ROOT}', '$CLAUDE_PROJECT_DIR')
    expect(read('.claude/settings.json').hooks.PreToolUse).toEqual(JSON.parse(shipped))
  })
})
