import { describe, expect, it } from 'vitest'
import { splitToolList } from '../scripts/lib/model/tool-list.ts'
import { validate } from '../scripts/lib/engine/run.ts'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

describe('splitToolList', () => {
  it('reads a flow list that the loader turned into a string as its tools, like Claude Code', () => {
    expect(splitToolList('["Read", "Grep"]').map((e) => e.name)).toEqual(['Read', 'Grep'])
    expect(splitToolList("['Bash(git:*)', Read]").map((e) => e.raw)).toEqual(['Bash(git:*)', 'Read'])
  })

  it('keeps the offsets of the peeled names in the string', () => {
    const [read, grep] = splitToolList('["Read", "Grep"]')
    expect([read!.start, read!.end, grep!.start, grep!.end]).toEqual([2, 6, 10, 14])
  })

  it('leaves quotes inside a plain string alone', () => {
    expect(splitToolList('Read, Grep').map((e) => e.name)).toEqual(['Read', 'Grep'])
  })

  it('reports no unknown tool for `tools: ["Read", "Grep"]` rescued by the quoting retry', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-flow-'))
    try {
      fs.mkdirSync(path.join(dir, '.claude', 'agents'), { recursive: true })
      fs.writeFileSync(
        path.join(dir, '.claude', 'agents', 'poller.md'),
        '---\nname: poller\ndescription: Polls a deployment. Use when: a rollout is in progress.\ntools: ["Read", "Grep"]\n---\nCheck the rollout status and report it.\n',
      )
      const { diagnostics } = validate({ cwd: dir, targets: [] })
      expect(diagnostics.filter((d) => d.ruleId === 'refs/unknown-tool')).toEqual([])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
