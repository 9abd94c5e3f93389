// The orchestration protocol run in the real pinned CLI: a scripted model plays backend-orchestrator (main thread,
// `--agent`) and the specialists through one feature on the sample Go service (tests/fixtures-cli/sample-service):
// BASE, architecture, infrastructure, implementation, the three test tiers in one parallel batch, the two review
// stages (spec, then security once spec passed), close-out. This tests
// that the protocol the pack prescribes can be executed in Claude Code with the pack's guard in place (the model's
// judgement is scripted, not tested): each dispatch prompt reaches its specialist with the template's fields, every
// result and each progress-file update validates (the orchestrator runs check-result itself), BASE is recorded and each
// writer's commit exists, the reviewer sees the diff, the acceptance tier is recorded as skipped, a refused destructive
// command stays refused, and the final result validates. It needs the contracts of the commit protocol (a progress
// state with `base`); without them it is skipped.

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  REPO_ROOT,
  installProjectCopy,
  makeTempDir,
  makeTempRepo,
  pluginCopy,
  runClaude,
  type ClaudeRunResult,
} from '../../scripts/harness/claude-cli.ts'
import { text, toolUses, type MessagesRequestBody, type ScriptReply } from '../../scripts/harness/messages-api.ts'
import {
  allText,
  firstUserText,
  isMainThreadRequest,
  isSubagentRequest,
  messagesRequests,
  taskNotifications,
  toolRoundTrips,
} from '../../scripts/harness/observe.ts'
import { ORCHESTRATOR, idFor, type InstallMode } from '../../scripts/harness/pack.ts'
import { cfnGuardBinary } from '../pack-code/blocks.ts'
import { resultJson } from '../../scripts/lib/commands/check-result.ts'
import { validatorFor } from '../../scripts/lib/model/schemas.ts'
import { git as runGit } from '../git-env.ts'

const progressSchema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'progress-state.schema.json'), 'utf8')) as {
  required?: string[]
}
const PROTOCOL_READY = (progressSchema.required ?? []).includes('base')
const MODES: InstallMode[] = ['project', 'plugin']
const SLUG = 'order-cancellation'
const SAMPLE = path.join(REPO_ROOT, 'tests', 'fixtures-cli', 'sample-service')
/** The field labels of the dispatch template in the orchestrator's body (its ```text block under "Delegation"). */
const TEMPLATE_FIELDS = [
  'Objective',
  'Feature',
  'Phase',
  'Iteration',
  'BASE',
  'Inputs',
  'Scope',
  'Deliverables',
  'Done when',
  'Commit',
  'Progress',
  'Return',
]

type Call = { name: string; input: Record<string, unknown> }
const bash = (command: string, description: string): Call => ({ name: 'Bash', input: { command, description } })
const heredoc = (target: string, body: string, append = false) => `cat ${append ? '>>' : '>'} ${target} <<'EOF'\n${body}\nEOF`
const now = '2026-01-01T00:00:00Z'

function dispatchPrompt(o: {
  phase: string
  agent: string
  base: string
  objective: string
  scope: string
  progress: string
  commit: string
}): string {
  return [
    `Objective: ${o.objective}`,
    `Feature: ${SLUG}   Phase: ${o.phase}   Iteration: 1 of 4   BASE: ${o.base}`,
    'Inputs:',
    `- Design: docs/design/${SLUG}.md (sections 3 and 4 apply to you)`,
    `Scope: you own ${o.scope}. Do not touch other paths.`,
    `Deliverables: ${o.scope}; report at .backend-team/reports/${SLUG}/${o.phase}-${o.agent}.md`,
    'Done when: gofmt -l . prints nothing; go build ./... exits 0',
    `Commit: ${o.commit}`,
    `Progress: ${o.progress}`,
    'Return: the specialist-result JSON block (schemas/specialist-result.schema.json) and a reply under 15 lines.',
  ].join('\n')
}

interface PhaseState {
  name: string
  status: 'pending' | 'in_progress' | 'complete' | 'skipped'
  agent: string
  iterations: number
  outputs: string[]
  commits?: string[]
  reason?: string
}

function progressJson(
  base: string,
  phases: PhaseState[],
  done: boolean,
  gates: { spec: string; quality: string; security: string; reviewed_head?: string },
): string {
  return JSON.stringify(
    {
      feature: SLUG,
      status: done ? 'complete' : 'in_progress',
      base,
      created: now,
      updated: now,
      ...(done ? {} : { current_phase: phases.find((p) => p.status === 'pending')?.name ?? 'close-out' }),
      phases,
      review_gates: gates,
      context_for_resume: { next_action: done ? 'Nothing; the feature is complete.' : 'Dispatch the next pending phase.' },
      error_log: [],
      deferred_findings: [],
      discoveries: [],
    },
    null,
    2,
  )
}

const PLAN = (over: Partial<Record<string, Partial<PhaseState>>> = {}): PhaseState[] =>
  (
    [
      ['architecture', 'backend-architect'],
      ['infrastructure', 'aws-infrastructure-specialist'],
      ['implementation', 'backend-developer'],
      ['unit-tests', 'backend-unit-test-engineer'],
      ['integration-tests', 'backend-integration-test-engineer'],
      ['acceptance-tests', 'acceptance-test-engineer'],
      ['review', 'backend-reviewer'],
      ['close-out', 'backend-developer'],
    ] as const
  ).map(([name, agent]): PhaseState => ({ name, agent, status: 'pending', iterations: 0, outputs: [], ...over[name] }))

function specialistResult(o: {
  agent: string
  status?: string
  summary: string
  created?: string[]
  modified?: string[]
  commits?: string[]
  commands: Array<[string, number]>
  extra?: Record<string, unknown>
}): string {
  return JSON.stringify(
    {
      status: o.status ?? 'complete',
      agent: o.agent,
      summary: o.summary,
      files_created: o.created ?? [],
      files_modified: o.modified ?? [],
      verification: { commands: o.commands.map(([command, exit_code]) => ({ command, exit_code })) },
      ...(o.commits ? { commits: o.commits } : {}),
      ...o.extra,
    },
    null,
    2,
  )
}

const answer = (summary: string, json: string): ScriptReply => text(`${summary}\n\n\`\`\`json\n${json}\n\`\`\``)

/** The last result of the Bash call with this description in a conversation. */
function resultOf(b: MessagesRequestBody, description: string): string {
  const trip = toolRoundTrips(b)
    .filter((t) => t.name === 'Bash' && (t.input as { description?: string }).description === description)
    .at(-1)
  return trip?.result?.text ?? ''
}

const HANDLER = `package orders

import "time"

// CancelByID cancels the order with the given id, as the API handler does.
func CancelByID(find func(id string) (*Order, error), id string, now time.Time) error {
	o, err := find(id)
	if err != nil {
		return err
	}
	return o.Cancel(now)
}`

const HANDLER_TEST = `package orders

import (
	"errors"
	"testing"
	"time"
)

func TestCancelByIDPassesLookupErrors(t *testing.T) {
	lookup := errors.New("lookup failed")
	err := CancelByID(func(string) (*Order, error) { return nil, lookup }, "o-1", time.Now())
	if !errors.Is(err, lookup) {
		t.Fatalf("err = %v, want %v", err, lookup)
	}
}`

const TABLE = `  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
      AttributeDefinitions:
        - { AttributeName: PK, AttributeType: S }
      KeySchema:
        - { AttributeName: PK, KeyType: HASH }`

/** The specialists, keyed by the phase in their prompt. Each returns its next reply from what it has seen so far. */
function specialist(b: MessagesRequestBody): ScriptReply {
  const prompt = firstUserText(b)
  const phase = /Phase: (\S+)/.exec(prompt)?.[1] ?? ''
  const base = /BASE: (\S+)/.exec(prompt)?.[1] ?? ''
  const turn = b.messages.filter((m) => m.role === 'assistant').length
  const progress = `.backend-team/progress/${SLUG}.json`
  const commit = (agent: string, paths: string) =>
    bash(
      `git add -- ${paths} && git -c user.email=t@example.com -c user.name=t commit -q -m "${SLUG}: ${phase} (${agent})" -- ${paths}`,
      'commit',
    )
  const head = bash('git rev-parse HEAD', 'head')
  const design = `docs/design/${SLUG}.md`
  switch (phase) {
    case 'architecture': {
      // The architect has Write but no shell: it writes the design doc, and the next writer commits it.
      const cwd = /Primary working directory: (.*)/.exec(allText(b))?.[1]?.trim() ?? ''
      if (turn === 0)
        return toolUses({
          name: 'Write',
          input: {
            file_path: path.join(cwd, design),
            content: `# Order cancellation\n\n3. API: DELETE /orders/{id}.\n4. Table: OrdersTable, PK only.\n`,
          },
        })
      return answer(
        'Design written.',
        specialistResult({
          agent: 'backend-architect',
          summary: 'Design doc with the API and the table.',
          created: [design],
          commands: [],
        }),
      )
    }
    case 'infrastructure': {
      const agent = 'aws-infrastructure-specialist'
      if (turn === 0) {
        return toolUses(
          bash("printf '.backend-team/\\n' >> .git/info/exclude", 'exclude'),
          bash(
            `git add -- ${design} && git -c user.email=t@example.com -c user.name=t commit -q -m "${SLUG}: architecture (backend-architect)" -- ${design}`,
            'commit-design',
          ),
          bash('git rev-parse HEAD', 'head-design'),
          bash(heredoc('template.yaml', TABLE, true), 'table'),
          bash('cfn-guard validate --rules rules/backend.guard --data template.yaml', 'guard'),
          bash(`sam deploy --stack-name ${SLUG}-pr-1 --no-confirm-changeset`, 'deploy'),
          commit(agent, 'template.yaml'),
          head,
        )
      }
      const hash = resultOf(b, 'head').trim()
      if (turn === 1) {
        const phases = PLAN({
          architecture: { status: 'complete', iterations: 1, outputs: [design], commits: [resultOf(b, 'head-design').trim()] },
          infrastructure: { status: 'complete', iterations: 1, outputs: ['template.yaml'], commits: [hash] },
        })
        return toolUses(
          bash(
            `mkdir -p .backend-team/progress && ${heredoc(`.backend-team/progress/${SLUG}.md`, `# ${SLUG}\n\nBASE ${base}; infrastructure complete.`)}`,
            'progress-md',
          ),
          bash(
            heredoc(progress, progressJson(base, phases, false, { spec: 'pending', quality: 'pending', security: 'pending' })),
            'progress-json',
          ),
        )
      }
      return answer(
        'OrdersTable added; deploying was refused by the guard, so it is left to the user.',
        specialistResult({
          agent,
          summary: 'Committed the design doc, then added OrdersTable with PITR; cfn-guard validate passes.',
          modified: ['template.yaml'],
          commits: [resultOf(b, 'head-design').trim(), hash],
          commands: [['cfn-guard validate --rules rules/backend.guard --data template.yaml', 0]],
          extra: { recommendation: `Deploy with sam deploy --stack-name ${SLUG}-pr-1 after review.` },
        }),
      )
    }
    case 'implementation': {
      const agent = 'backend-developer'
      if (turn === 0)
        return toolUses(
          bash(heredoc('internal/orders/cancel_handler.go', HANDLER), 'write'),
          bash('gofmt -l .', 'gofmt'),
          commit(agent, 'internal/orders/cancel_handler.go'),
          head,
        )
      const hash = resultOf(b, 'head').trim()
      if (turn === 1) return toolUses(bash(`cat ${progress}`, 'read-progress'))
      if (turn === 2) {
        const before = JSON.parse(resultOf(b, 'read-progress')) as { phases: PhaseState[] }
        const phases = before.phases.map((p) =>
          p.name === 'implementation'
            ? { ...p, status: 'complete' as const, iterations: 1, outputs: ['internal/orders/cancel_handler.go'], commits: [hash] }
            : p,
        )
        return toolUses(
          bash(
            heredoc(progress, progressJson(base, phases, false, { spec: 'pending', quality: 'pending', security: 'pending' })),
            'progress-json',
          ),
        )
      }
      return answer(
        'CancelByID added.',
        specialistResult({
          agent,
          summary: 'CancelByID wraps Order.Cancel behind a lookup.',
          created: ['internal/orders/cancel_handler.go'],
          commits: [resultOf(b, 'head').trim()],
          commands: [['gofmt -l .', 0]],
        }),
      )
    }
    case 'unit-tests': {
      const agent = 'backend-unit-test-engineer'
      if (turn === 0)
        return toolUses(
          bash(heredoc('internal/orders/cancel_handler_test.go', HANDLER_TEST), 'write'),
          commit(agent, 'internal/orders/cancel_handler_test.go'),
          head,
        )
      return answer(
        'Unit test added.',
        specialistResult({
          agent,
          summary: 'Lookup errors pass through CancelByID.',
          created: ['internal/orders/cancel_handler_test.go'],
          commits: [resultOf(b, 'head').trim()],
          commands: [['gofmt -l .', 0]],
        }),
      )
    }
    case 'integration-tests':
      return answer(
        'Nothing to test at this tier.',
        specialistResult({
          agent: 'backend-integration-test-engineer',
          summary: 'No change reaches DynamoDB or SQS code yet; no integration test added.',
          commands: [['git status --porcelain', 0]],
        }),
      )
    case 'acceptance-tests': {
      if (turn === 0) return toolUses(bash('go test -count=1 -tags acceptance ./test/acceptance/...', 'acceptance'))
      return answer(
        'Acceptance run refused: no account.',
        specialistResult({
          agent: 'acceptance-test-engineer',
          status: 'blocked',
          summary: 'The guard refused the suite: ACCEPTANCE_ACCOUNT_ID is not set and no test stack is approved.',
          commands: [],
          extra: { blocked_reason: 'approval_required', attempted: ['go test -count=1 -tags acceptance ./test/acceptance/...'] },
        }),
      )
    }
    case 'review': {
      const agent = /Objective: Security/.test(prompt) ? 'backend-security-reviewer' : 'backend-reviewer'
      if (turn === 0)
        return toolUses(
          bash(`git diff ${base} --stat`, 'diff'),
          bash('git status --porcelain', 'status'),
          bash(`git log --oneline ${base}..HEAD`, 'log'),
          bash('git commit --allow-empty -m "review notes"', 'write-attempt'),
        )
      return answer(
        'No findings.',
        specialistResult({
          agent,
          summary: `${agent === 'backend-reviewer' ? 'Spec and quality' : 'Security'} review of BASE..HEAD: no findings.`,
          commands: [[`git diff ${base} --stat`, 0]],
          extra: { findings: [] },
        }),
      )
    }
    case 'close-out': {
      if (turn === 0) return toolUses(bash(`cat ${progress}`, 'read-progress'), bash('git rev-parse HEAD', 'head'))
      if (turn === 1) {
        const before = JSON.parse(resultOf(b, 'read-progress')) as { phases: PhaseState[] }
        const carried = JSON.parse(/Carried: (.*)/.exec(prompt)?.[1] ?? '{}') as Record<string, Partial<PhaseState>>
        const phases = before.phases.map((p) =>
          carried[p.name]
            ? { ...p, ...carried[p.name] }
            : p.name === 'close-out'
              ? { ...p, status: 'complete' as const, iterations: 1 }
              : p,
        )
        return toolUses(
          bash(
            heredoc(
              progress,
              progressJson(base, phases, true, {
                spec: 'passed',
                quality: 'passed',
                security: 'passed',
                reviewed_head: resultOf(b, 'head').trim(),
              }),
            ),
            'progress-json',
          ),
        )
      }
      return answer(
        'Feature closed.',
        specialistResult({
          agent: 'backend-developer',
          summary: 'Progress file marked complete.',
          modified: [],
          commands: [[`cat ${progress}`, 0]],
        }),
      )
    }
    default:
      return text(`unexpected phase ${phase}`)
  }
}

const check = (contract: string, json: string, description: string) =>
  bash(`backend-team check-result ${contract} - <<'EOF'\n${json}\nEOF`, description)

/** The orchestrator: one action per turn, each after every agent launched so far has reported back. */
function orchestrator(mode: InstallMode, b: MessagesRequestBody): ScriptReply {
  const trips = toolRoundTrips(b)
  const launched = trips.filter((t) => t.name === 'Agent' && t.result && !t.result.isError)
  const notes = taskNotifications(b)
  if (notes.length < launched.length) return text('waiting')
  const resultFor = (objective: string) => {
    const launch = launched.find((t) => String((t.input as { prompt?: string }).prompt).startsWith(`Objective: ${objective}`))
    const note = notes.find((n) => n.toolUseId === launch?.id)
    return resultJson(note?.result ?? '') ?? '{}'
  }
  const commitsOf = (objective: string) => (JSON.parse(resultFor(objective)) as { commits?: string[] }).commits ?? []
  const step = b.messages.filter(
    (m) => m.role === 'assistant' && Array.isArray(m.content) && m.content.some((c) => c.type === 'tool_use'),
  ).length
  const base = resultOf(b, 'base').trim()
  const dispatch = (phase: string, agent: string, o: { objective: string; scope: string; progress: string; commit?: string }): Call => ({
    name: 'Agent',
    input: {
      description: `${phase} (${agent})`,
      subagent_type: idFor(mode, agent),
      prompt: dispatchPrompt({ phase, agent, base, commit: o.commit ?? `"${SLUG}: ${phase} (${agent})" for your own paths`, ...o }),
    },
  })
  const progressFile = `.backend-team/progress/${SLUG}.json`
  const O = {
    architecture: 'Write the design doc for order cancellation.',
    infrastructure: 'Add the orders table to the SAM template.',
    implementation: 'Add CancelByID.',
    unit: 'Unit-test CancelByID.',
    integration: 'Integration tests for what changed.',
    acceptance: 'Acceptance tests against the PR stack if one is approved.',
    spec: 'Spec and quality review of BASE..HEAD.',
    security: 'Security review of BASE..HEAD.',
    close: 'Close the feature in the progress file.',
  }
  const actions: Array<() => ScriptReply> = [
    () => toolUses(bash('git rev-parse HEAD', 'base'), bash('git status --porcelain', 'clean')),
    () =>
      toolUses(
        dispatch('architecture', 'backend-architect', {
          objective: O.architecture,
          scope: `docs/design/${SLUG}.md`,
          progress: 'none',
          commit: 'none (the next writer commits your design doc)',
        }),
      ),
    () => toolUses(check('specialist-result', resultFor(O.architecture), 'check-architecture')),
    () =>
      toolUses(
        dispatch('infrastructure', 'aws-infrastructure-specialist', {
          objective: O.infrastructure,
          scope: 'template.yaml',
          progress: `create both progress files with base ${base}; architecture and infrastructure complete`,
          commit: `first docs/design/${SLUG}.md as "${SLUG}: architecture (backend-architect)", then "${SLUG}: infrastructure (aws-infrastructure-specialist)" for template.yaml`,
        }),
      ),
    () =>
      toolUses(
        check('specialist-result', resultFor(O.infrastructure), 'check-infrastructure'),
        bash(`backend-team check-result progress-state ${progressFile}`, 'progress-1'),
        bash(`git show --stat ${commitsOf(O.infrastructure)[1]}`, 'show-infrastructure'),
      ),
    () =>
      toolUses(
        dispatch('implementation', 'backend-developer', {
          objective: O.implementation,
          scope: 'internal/orders/cancel_handler.go',
          progress: 'implementation complete with your commit',
        }),
      ),
    () =>
      toolUses(
        check('specialist-result', resultFor(O.implementation), 'check-implementation'),
        bash(`backend-team check-result progress-state ${progressFile}`, 'progress-2'),
        bash(`git show --stat ${commitsOf(O.implementation)[0]}`, 'show-implementation'),
      ),
    () =>
      toolUses(
        dispatch('unit-tests', 'backend-unit-test-engineer', {
          objective: O.unit,
          scope: 'internal/orders/cancel_handler_test.go',
          progress: 'none',
        }),
        dispatch('integration-tests', 'backend-integration-test-engineer', {
          objective: O.integration,
          scope: 'test/integration/',
          progress: 'none',
        }),
        dispatch('acceptance-tests', 'acceptance-test-engineer', { objective: O.acceptance, scope: 'test/acceptance/', progress: 'none' }),
      ),
    () =>
      toolUses(
        ...(
          [
            [O.unit, 'unit-tests'],
            [O.integration, 'integration-tests'],
            [O.acceptance, 'acceptance-tests'],
          ] as const
        ).map(([o, p]) => check('specialist-result', resultFor(o), `check-${p}`)),
        bash(`git status --porcelain && git log --oneline ${base}..HEAD`, 'batch-log'),
        bash(`sam deploy --stack-name ${SLUG}-pr-1`, 'deploy-again'),
      ),
    () =>
      toolUses(
        dispatch('review', 'backend-reviewer', { objective: O.spec, scope: 'nothing (read only)', progress: 'none', commit: 'none' }),
      ),
    // Stage 2 only once stage 1 (spec) passed.
    () =>
      toolUses(
        check('specialist-result', resultFor(O.spec), 'check-review'),
        dispatch('review', 'backend-security-reviewer', {
          objective: O.security,
          scope: 'nothing (read only)',
          progress: 'none',
          commit: 'none',
        }),
      ),
    () => {
      const carried = {
        'unit-tests': {
          status: 'complete',
          iterations: 1,
          outputs: ['internal/orders/cancel_handler_test.go'],
          commits: commitsOf(O.unit),
        },
        'integration-tests': { status: 'complete', iterations: 1 },
        'acceptance-tests': {
          status: 'skipped',
          iterations: 1,
          reason: 'No approved test stack and no ACCEPTANCE_ACCOUNT_ID; the guard refused the suite.',
        },
        review: { status: 'complete', iterations: 1 },
      }
      const close = dispatch('close-out', 'backend-developer', {
        objective: O.close,
        scope: progressFile,
        progress: 'record the batch and both review stages, mark complete',
        commit: 'none',
      })
      ;(close.input as { prompt: string }).prompt += `\nCarried: ${JSON.stringify(carried)}`
      return toolUses(check('specialist-result', resultFor(O.security), 'check-security'), close)
    },
    () =>
      toolUses(
        bash(`backend-team check-result progress-state ${progressFile}`, 'progress-final'),
        bash(`git log --format=%s ${base}..HEAD`, 'final-log'),
      ),
    () => {
      const final = {
        status: 'complete',
        summary:
          'Order cancellation: design, table, CancelByID and its unit test committed; both review stages passed; acceptance skipped without an approved stack.',
        base,
        phases_completed: ['architecture', 'infrastructure', 'implementation', 'unit-tests', 'integration-tests', 'review', 'close-out'],
        phases_skipped: [{ phase: 'acceptance-tests', reason: 'No approved test stack and no ACCEPTANCE_ACCOUNT_ID.' }],
        files_created: [`docs/design/${SLUG}.md`, 'internal/orders/cancel_handler.go', 'internal/orders/cancel_handler_test.go'],
        files_modified: ['template.yaml'],
        verification: {
          all_tests_passed: true,
          build_success: true,
          commands: [{ command: `git log --oneline ${base}..HEAD`, exit_code: 0 }],
        },
        next_steps: [`Deploy with sam deploy --stack-name ${SLUG}-pr-1 and run the acceptance suite with ACCEPTANCE_ACCOUNT_ID set.`],
        progress_file: `.backend-team/progress/${SLUG}.md`,
      }
      return answer('Done.', JSON.stringify(final, null, 2))
    },
  ]
  return (actions[step] ?? actions[actions.length - 1]!)()
}

interface ProtocolRun {
  run: ClaudeRunResult
  bodies: MessagesRequestBody[]
  lastMain: MessagesRequestBody
  /** Subjects of the commits after BASE, and BASE itself, read from the repository after the run. */
  log: string[]
  base: string
  progress: unknown
}
const runs = new Map<InstallMode, ProtocolRun>()
const binDir = makeTempDir('protocol-bin')
fs.symlinkSync(path.join(REPO_ROOT, 'bin', 'backend-team.js'), path.join(binDir, 'backend-team'))
fs.symlinkSync(cfnGuardBinary(REPO_ROOT), path.join(binDir, 'cfn-guard'))

beforeAll(async () => {
  if (!PROTOCOL_READY) return
  await Promise.all(
    MODES.map(async (mode) => {
      const copy = pluginCopy(REPO_ROOT)
      const cwd = makeTempRepo(`protocol-${mode}`)
      try {
        const git = (...args: string[]) => runGit(cwd, ...args)
        fs.cpSync(SAMPLE, cwd, { recursive: true })
        git('add', '-A')
        git('commit', '-q', '-m', 'sample service')
        const base = git('rev-parse', 'HEAD').trim()
        // Bash by permission (the guard narrows it), edits inside the work tree for the architect's Write.
        const args = ['--allowedTools', 'Bash', '--permission-mode', 'acceptEdits', '--agent', idFor(mode, ORCHESTRATOR)]
        if (mode === 'project') {
          await installProjectCopy(copy, cwd)
        } else args.push('--plugin-dir', copy)
        const run = await runClaude({
          cwd,
          args,
          prompt: 'Add order cancellation.',
          timeoutMs: 120_000,
          env: { PATH: `${binDir}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}` },
          script: (b) => (isSubagentRequest(b) ? specialist(b) : isMainThreadRequest(b) ? orchestrator(mode, b) : text('side request')),
        })
        const bodies = messagesRequests(run.requests)
        const lastMain = bodies.filter((x) => !isSubagentRequest(x)).at(-1)!
        const log = git('log', '--format=%s', `${base}..HEAD`).trim().split('\n').filter(Boolean)
        const progressPath = path.join(cwd, '.backend-team', 'progress', `${SLUG}.json`)
        const progress = fs.existsSync(progressPath) ? (JSON.parse(fs.readFileSync(progressPath, 'utf8')) as unknown) : undefined
        runs.set(mode, { run, bodies, lastMain, log, base, progress })
      } finally {
        fs.rmSync(path.dirname(copy), { recursive: true, force: true })
        fs.rmSync(cwd, { recursive: true, force: true })
      }
    }),
  )
}, 240_000)

afterAll(() => fs.rmSync(binDir, { recursive: true, force: true }))

/** The orchestrator's last answer (the CLI's `--output-format json` result). */
function finalText(run: ClaudeRunResult): string {
  const result = run.json?.result
  return typeof result === 'string' ? result : ''
}

function get(mode: InstallMode): ProtocolRun {
  const r = runs.get(mode)
  if (!r) throw new Error(`no protocol run for ${mode} mode (beforeAll failed)`)
  return r
}

describe.skipIf(!PROTOCOL_READY).each(MODES)('protocol run, %s mode', (mode) => {
  it('reaches the close-out with a final result that validates', () => {
    const { run } = get(mode)
    expect(run.timedOut, run.stderr).toBe(false)
    expect(run.scriptErrors).toEqual([])
    expect(run.exitCode, run.stderr).toBe(0)
    const final = JSON.parse(resultJson(finalText(run)) ?? '{}') as unknown
    const validate = validatorFor('orchestrator-result.schema.json')
    expect(validate(final), JSON.stringify(validate.errors)).toBe(true)
    expect((final as { base: string }).base).toBe(get(mode).base)
  })

  it('each dispatch prompt reaches its specialist with every field of the template', () => {
    const prompts = new Set(get(mode).bodies.filter(isSubagentRequest).map(firstUserText))
    expect([...prompts].map((p) => /Phase: (\S+)/.exec(p)?.[1]).sort()).toEqual([
      'acceptance-tests',
      'architecture',
      'close-out',
      'implementation',
      'infrastructure',
      'integration-tests',
      'review',
      'review',
      'unit-tests',
    ])
    for (const prompt of prompts) {
      for (const field of TEMPLATE_FIELDS) expect(prompt, `${field}: missing in\n${prompt}`).toMatch(new RegExp(`(^|\\s)${field}:`, 'm'))
      expect(prompt).toContain(`BASE: ${get(mode).base}`)
    }
  })

  it('the template fields are the ones the orchestrator body prescribes', () => {
    const body = fs.readFileSync(path.join(REPO_ROOT, 'agents', `${ORCHESTRATOR}.md`), 'utf8')
    for (const field of TEMPLATE_FIELDS) expect(body, field).toMatch(new RegExp(`^(?:${field}:|.*\\s${field}:)`, 'm'))
  })

  it('every result and each progress update validates, checked by the orchestrator with check-result', () => {
    const b = get(mode).lastMain
    for (const d of [
      'check-architecture',
      'check-infrastructure',
      'check-implementation',
      'check-unit-tests',
      'check-integration-tests',
      'check-acceptance-tests',
      'check-review',
      'check-security',
    ]) {
      expect(resultOf(b, d), d).toMatch(/valid specialist-result/)
    }
    for (const d of ['progress-1', 'progress-2', 'progress-final']) expect(resultOf(b, d), d).toMatch(/valid progress-state/)
    const validate = validatorFor('progress-state.schema.json')
    expect(validate(get(mode).progress), JSON.stringify(validate.errors)).toBe(true)
  })

  it('BASE is recorded and each writer committed its own phase', () => {
    const { log, progress, base, lastMain } = get(mode)
    expect(resultOf(lastMain, 'base').trim()).toBe(base)
    expect((progress as { base: string }).base).toBe(base)
    expect([...log].reverse()).toEqual([
      `${SLUG}: architecture (backend-architect)`,
      `${SLUG}: infrastructure (aws-infrastructure-specialist)`,
      `${SLUG}: implementation (backend-developer)`,
      `${SLUG}: unit-tests (backend-unit-test-engineer)`,
    ])
    expect(resultOf(lastMain, 'show-infrastructure')).toMatch(/template\.yaml/)
    expect(resultOf(lastMain, 'show-implementation')).toMatch(/internal\/orders\/cancel_handler\.go/)
    const phases = (progress as { phases: PhaseState[] }).phases
    for (const p of ['architecture', 'infrastructure', 'implementation', 'unit-tests'])
      expect(phases.find((x) => x.name === p)?.commits?.length, p).toBe(1)
    expect((progress as { review_gates: Record<string, string> }).review_gates).toMatchObject({
      spec: 'passed',
      quality: 'passed',
      security: 'passed',
    })
  })

  it('both reviewers receive the diff and cannot write; stage 2 starts after stage 1 passed', () => {
    const reviews = ['Objective: Spec', 'Objective: Security'].map((o) =>
      get(mode)
        .bodies.filter((b) => isSubagentRequest(b) && firstUserText(b).includes(o))
        .at(-1)!,
    )
    for (const review of reviews) {
      expect(review, 'review request').toBeDefined()
      expect(resultOf(review, 'diff')).toMatch(/template\.yaml[\s\S]*cancel_handler|cancel_handler[\s\S]*template\.yaml/)
      expect(resultOf(review, 'log').split('\n').filter(Boolean)).toHaveLength(4)
      expect(resultOf(review, 'write-attempt')).toMatch(/backend-team guard \(read-only policy/)
    }
    const main = get(mode).lastMain
    const order = toolRoundTrips(main).map((t) =>
      t.name === 'Agent'
        ? String((t.input as { prompt: string }).prompt).split('\n')[0]
        : (t.input as { description?: string }).description,
    )
    expect(order.indexOf('check-review')).toBeLessThan(order.indexOf('Objective: Security review of BASE..HEAD.'))
  })

  it('the skipped acceptance tier is recorded as skipped, in the progress file and the final result', () => {
    const phases = (get(mode).progress as { phases: PhaseState[] }).phases
    expect(phases.find((p) => p.name === 'acceptance-tests')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/ACCEPTANCE_ACCOUNT_ID/),
    })
    const final = JSON.parse(resultJson(finalText(get(mode).run)) ?? '{}') as {
      phases_skipped?: Array<{ phase: string }>
      phases_completed: string[]
    }
    expect(final.phases_skipped?.map((p) => p.phase)).toEqual(['acceptance-tests'])
    expect(final.phases_completed).not.toContain('acceptance-tests')
  })

  it('a refused destructive command stays refused: the writer, then the orchestrator', () => {
    const infra = get(mode)
      .bodies.filter((b) => isSubagentRequest(b) && firstUserText(b).includes('Phase: infrastructure '))
      .at(-1)!
    expect(resultOf(infra, 'deploy')).toMatch(/backend-team guard \(writer policy[\s\S]*`sam deploy` is refused/)
    expect(resultOf(get(mode).lastMain, 'deploy-again')).toMatch(/backend-team guard \(read-only policy/)
    const acceptance = get(mode)
      .bodies.filter((b) => isSubagentRequest(b) && firstUserText(b).includes('Phase: acceptance-tests '))
      .at(-1)!
    expect(resultOf(acceptance, 'acceptance')).toMatch(/set ACCEPTANCE_ACCOUNT_ID/)
  })
})
