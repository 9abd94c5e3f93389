#!/usr/bin/env node
// Claude Code PreToolUse hook (matcher Bash), shipped with the pack. Claude Code passes the tool call as JSON on stdin,
// with `agent_type` when a subagent (or an `--agent` main thread) makes it. For the pack's agents it applies the policy
// in ./guard/policy.mjs and refuses with a reason Claude sees; for anyone else, and for anything it cannot read as a
// hook input, it says nothing and Claude Code's own permission rules decide. It never allows what they would not.
import { readFileSync } from 'node:fs'
import { decide, policyFor } from './guard/policy.mjs'

let input
try {
  input = JSON.parse(readFileSync(0, 'utf8'))
} catch {
  process.exit(0)
}
const policy = input?.tool_name === 'Bash' ? policyFor(input.agent_type) : undefined
if (!policy) process.exit(0)
const cwd = typeof input.cwd === 'string' && input.cwd ? input.cwd : process.cwd()
const reason = decide(policy, input.tool_input?.command, { cwd, projectDir: process.env.CLAUDE_PROJECT_DIR || cwd, env: process.env })
if (reason === undefined) process.exit(0)
const who = String(input.agent_type)
process.stdout.write(
  JSON.stringify({
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: 'deny',
      permissionDecisionReason: `backend-team guard (${policy} policy for ${who}): ${reason}`,
    },
  }) + '\n',
)
