// backend-team check-result: the command the orchestrator's read-only Bash may run to check a specialist's JSON result.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, makeTempDir } from '../scripts/harness/claude-cli.ts'
import { resultJson } from '../scripts/lib/commands/check-result.ts'

const BIN = path.join(REPO_ROOT, 'bin', 'backend-team.js')
const dir = makeTempDir('check-result')
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const valid = {
  status: 'complete',
  agent: 'backend-developer',
  summary: 'Implemented the handler.',
  files_created: ['internal/orders/cancel.go'],
  files_modified: [],
  verification: { commands: [{ command: 'go build ./...', exit_code: 0 }] },
}

function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, 'check-result', ...args], { cwd: dir, timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr })
    })
    child.stdin?.end(input ?? '')
  })
}

describe('check-result', () => {
  it('accepts a valid result from a file or stdin, by contract name or schema path', async () => {
    fs.writeFileSync(path.join(dir, 'ok.json'), JSON.stringify(valid))
    expect(await run(['specialist-result', 'ok.json'])).toEqual({ code: 0, stdout: 'ok.json: valid specialist-result\n', stderr: '' })
    expect((await run(['schemas/specialist-result.schema.json', '-'], JSON.stringify(valid))).code).toBe(0)
  })
  it('reads the last ```json block of a whole answer', async () => {
    const answer = `Done.\n\n\`\`\`json\n{"draft": true}\n\`\`\`\n\nFinal:\n\n\`\`\`json\n${JSON.stringify(valid, null, 2)}\n\`\`\`\n`
    expect(resultJson(answer)).toBe(JSON.stringify(valid, null, 2))
    expect((await run(['specialist-result', '-'], answer)).code).toBe(0)
  })
  it('reports every problem with its path and exits 1', async () => {
    const r = await run(['specialist-result', '-'], JSON.stringify({ ...valid, status: 'done', files_created: undefined }))
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('-: not a valid specialist-result:')
    expect(r.stderr).toContain('(root): Missing required `files_created`')
    expect(r.stderr).toMatch(/\/status: Unexpected `done` for `status`, expected one of `complete`/)
  })
  it('input that is not JSON exits 1; an unknown contract or a missing file exits 2, without a stack trace', async () => {
    expect(await run(['specialist-result', '-'], 'all good, trust me')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no JSON object/),
    })
    expect(await run(['specialist-result', '-'], '{"status": ')).toMatchObject({ code: 1, stderr: expect.stringMatching(/not valid JSON/) })
    const unknown = await run(['agent-result', 'ok.json'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(
      /unknown contract `agent-result`, expected one of orchestrator-result, specialist-result, progress-state/,
    )
    const missing = await run(['specialist-result', 'nope.json'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/cannot read nope.json/)
    expect(missing.stderr).not.toMatch(/\n\s+at /)
    expect((await run(['specialist-result'])).code).toBe(2)
  })
})
