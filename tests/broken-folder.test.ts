import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const repo = fileURLToPath(new URL('..', import.meta.url))
const folder = join(repo, 'tests', 'fixtures', '_broken')
const sentinel = join(tmpdir(), 'backend-team-broken-pwned')

interface JsonDiagnostic {
  file: string
  line: number
  column: number
  ruleId: string
  severity: string
  message: string
}

/** The defect classes of pack-quality-bar.md (§3.6 and the front-matter bar), each with where it is planted. */
const defectClasses: [string, string, string][] = [
  ['3.6-1 front matter that fails strict YAML (`Context:` in a plain scalar)', 'agents/orchestrator.md:3', 'frontmatter/yaml-strict'],
  ['3.6-2 a library skill in `skills:` that does not resolve', 'agents/unit-tester.md:11', 'refs/unknown-skill'],
  ['3.6-2 a quoted fragment in `skills:`', 'agents/unit-tester.md:12', 'refs/unknown-skill'],
  ['3.6-3 a body that invokes skills without the Skill tool', 'agents/invoker.md:4', 'refs/missing-skill-tool'],
  ['3.6-4 status drift in a contract example', 'agents/reporter.md:13', 'contracts/example-valid'],
  ['3.6-5 a non-standard `type:` key', 'agents/typed.md:4', 'frontmatter/unknown-key'],
  ['3.6-6 an agent far over its size target', 'agents/sprawling.md:308', 'budget/agent-body-lines'],
  ['3.6-7 tools that contradict the routing', 'agents/infra.md:4', 'tools/role-needs-write'],
  ['3.6-8 `time.Sleep` to wait on asynchronous work', 'agents/acceptance.md:13', 'content/no-sleep-polling'],
  ['5.1 a block-scalar description', 'agents/folded.md:3', 'frontmatter/multiline-description'],
  ['5.1 an invalid tool', 'agents/folded.md:11', 'refs/unknown-tool'],
  ['5.1 a removed tool', 'agents/folded.md:10', 'refs/unknown-tool'],
  ['5.1 Grep dropped beside Bash', 'agents/folded.md:8', 'tools/shadowed-by-bash'],
  ['5.1 a model Claude Code cannot resolve', 'agents/folded.md:12', 'frontmatter/unknown-model'],
  ['5.1 name and file name differ', 'agents/file-stem.md:2', 'names/agent-name-matches-file'],
  ['5.1 a duplicate name', 'agents/infra.md:2', 'names/no-duplicate'],
  ['5.1 an empty tools list', 'agents/no-tools.md:4', 'frontmatter/empty-tools'],
  ['5.1 `allowed-tools` in an agent', 'agents/no-tools.md:5', 'frontmatter/foreign-key'],
  ['5.1 a colour outside the set', 'agents/no-tools.md:7', 'frontmatter/schema'],
  ['front matter written as JavaScript', 'agents/js-front.md:1', 'frontmatter/yaml-syntax'],
]

describe('a folder of deliberately broken files', () => {
  let run: ReturnType<typeof spawnSync>
  let diagnostics: JsonDiagnostic[]

  beforeAll(() => {
    rmSync(sentinel, { force: true })
    run = spawnSync(process.execPath, [join(repo, 'bin', 'backend-team.js'), 'validate', '.', '--format', 'json'], {
      cwd: folder,
      encoding: 'utf8',
    })
    diagnostics = JSON.parse(String(run.stdout)) as JsonDiagnostic[]
  })

  it('exits 1 without a stack trace', () => {
    expect(run.status).toBe(1)
    expect(String(run.stderr)).not.toMatch(/\n\s+at /)
  })

  it.each(defectClasses)('reports %s', (_, where, ruleId) => {
    const [file, line] = where.split(':')
    expect(diagnostics.filter((d) => d.file === file && d.line === Number(line)).map((d) => d.ruleId)).toContain(ruleId)
  })

  it('reports every defect at the expected line and column, and nothing else', () => {
    const text = diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`).join('\n') + '\n'
    expect(text).toBe(readFileSync(join(folder, 'expected.txt'), 'utf8'))
  })

  it('never runs the code in `---js` front matter', () => {
    expect(existsSync(sentinel)).toBe(false)
  })
})
