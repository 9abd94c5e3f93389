// The drift check reads the vocabulary out of the installed Claude Code binary and compares it with schemas/. It
// must pass on the pinned release and fail, naming the difference, when schemas/ gains a name the CLI lacks or loses
// one it has. Plants go into temporary copies of the schema data, never the real files.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, claudeBinary } from '../../scripts/harness/claude-cli.ts'
import { vocabularyDrift, type SchemaData } from '../../scripts/lib/vocab/drift.ts'
import { readBundle, readRuntimeVocabulary, type RuntimeVocabulary } from '../../scripts/lib/vocab/runtime-vocabulary.ts'
import { Bundle } from '../../scripts/lib/vocab/js-scan.ts'
import vocabulary from '../../schemas/vocabulary.schema.json' with { type: 'json' }
import packageJson from '../../package.json' with { type: 'json' }

const run = promisify(execFile)
const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx')
const script = path.join(REPO_ROOT, 'scripts', 'vocab-check.ts')
const schemaNames = ['vocabulary', 'agent', 'skill', 'command', 'hooks', 'plugin', 'marketplace'] as const

const readSchemas = (dir: string): SchemaData =>
  Object.fromEntries(
    schemaNames.map((n) => [n, JSON.parse(fs.readFileSync(path.join(dir, `${n}.schema.json`), 'utf8'))]),
  ) as unknown as SchemaData

async function check(schemaDir?: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [script, ...(schemaDir ? ['--schemas', schemaDir] : [])], { cwd: REPO_ROOT, timeout: 60_000 })
    return { code: 0, output: stdout + stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, output: err.stdout + err.stderr }
  }
}

let bundle: Bundle
let cli: RuntimeVocabulary
let temp: string
const real = () => structuredClone(readSchemas(path.join(REPO_ROOT, 'schemas')))
const drift = (data: SchemaData) => vocabularyDrift(data, cli, (v) => bundle.hasStringLiteral(v))

beforeAll(() => {
  // Reading ~70 MB of bundled JavaScript out of the binary takes a second or two.
  bundle = readBundle(claudeBinary())
  cli = readRuntimeVocabulary(bundle)
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-vocab-'))
}, 60_000)
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }))

describe('vocabulary drift check (npm run vocab:check)', () => {
  it('ties the vocabulary to the Claude Code version package.json pins', () => {
    expect(vocabulary.$comment).toBe(`claude-code ${packageJson.devDependencies['@anthropic-ai/claude-code']}`)
  })

  it('passes on the pinned CLI', async () => {
    const { code, output } = await check()
    expect(output).toContain('in step with Claude Code 2.1.332')
    expect(code).toBe(0)
  }, 90_000)

  it('fails with exit 1 and names each difference planted in a copy of schemas/', async () => {
    const dir = path.join(temp, 'planted')
    fs.cpSync(path.join(REPO_ROOT, 'schemas'), dir, { recursive: true })
    const file = path.join(dir, 'vocabulary.schema.json')
    const data = JSON.parse(fs.readFileSync(file, 'utf8'))
    data.$defs.toolName.enum.push('FetchEverything')
    data.$defs.toolName.enum = data.$defs.toolName.enum.filter((t: string) => t !== 'Grep')
    fs.writeFileSync(file, JSON.stringify(data))
    const { code, output } = await check(dir)
    expect(code).toBe(1)
    expect(output).toContain('tool names: schemas/ has `FetchEverything`, the CLI has no such name')
    expect(output).toContain('tool names: the CLI knows `Grep`, schemas/ classifies it nowhere')
  }, 90_000)

  it('reads the sets the reference measured on 2.1.332', () => {
    expect(cli.knownTools).toHaveLength(54)
    expect(cli.removedTools).toContain('TaskOutput')
    expect(cli.knownTools).toContain('TodoWrite')
    expect(cli.strippedFromSubagents).toEqual(expect.arrayContaining(['SetGoal', 'AskUserQuestion', 'Workflow']))
    expect(cli.backgroundSubagentTools).not.toContain('CronCreate')
    expect(cli.agentKeys).toContain('observer')
    expect(cli.pluginAgentExtraKeys).toEqual(['when_to_use', 'when-to-use'])
    expect(cli.hookTypeKeys.command).toContain('onFailure')
    expect(cli.reservedMarketplaceNames).toContain('claude-plugin-test')
  })

  it('fails loudly, naming the anchor, when a release rewrites one', () => {
    expect(() => readRuntimeVocabulary(new Bundle([{ name: 'cli', text: 'var a=1' }]))).toThrow(
      /anchor for the legacy tool alias map not found/,
    )
    const rewritten = bundle.modules.map((m) => ({ name: m.name, text: m.text.replaceAll('"Agent identifier.', '"The agent id.') }))
    expect(() => readRuntimeVocabulary(new Bundle(rewritten))).toThrow(/anchor for the agent front-matter keys not found/)
  })

  it('is in step in process too', () => {
    expect(drift(real())).toEqual([])
  })

  const plants: Array<{ label: string; plant: (d: SchemaData) => void; expected: string }> = [
    {
      label: 'a removed tool the CLI still has',
      plant: (d) => d.vocabulary.$defs.removedToolName!.enum!.push('TodoWrite'),
      expected: 'removedToolName: schemas/ has `TodoWrite`, the CLI does not',
    },
    {
      label: 'a removed tool dropped from the data',
      plant: (d) => {
        d.vocabulary.$defs.removedToolName!.enum = d.vocabulary.$defs.removedToolName!.enum!.filter((t) => t !== 'TaskOutput')
      },
      expected: 'removedToolName: the CLI has `TaskOutput`, schemas/ does not',
    },
    {
      label: 'an agent key the CLI lacks',
      plant: (d) => {
        d.agent.properties.colour = { description: 'planted' }
      },
      expected: 'agent keys: schemas/ has `colour`, the CLI does not',
    },
    {
      label: 'an agent key removed',
      plant: (d) => {
        delete d.agent.properties.observer
      },
      expected: 'agent keys: the CLI has `observer`, schemas/ does not',
    },
    {
      label: 'a skill key the CLI lacks',
      plant: (d) => {
        d.skill.properties.tags = { description: 'planted' }
      },
      expected: 'skill keys: schemas/ has `tags`, the CLI does not',
    },
    {
      label: 'a hook event removed',
      plant: (d) => {
        d.vocabulary.$defs.hookEvent!.enum = d.vocabulary.$defs.hookEvent!.enum!.filter((e) => e !== 'Stop')
      },
      expected: 'hookEvent: the CLI has `Stop`, schemas/ does not',
    },
    {
      label: 'a hook key removed',
      plant: (d) => {
        const n = d.vocabulary.$defs.hookCommand!['x-note'] as Record<string, string[]>
        n.http = n.http!.filter((k) => k !== 'url')
      },
      expected: 'http hook keys: the CLI has `url`, schemas/ does not',
    },
    {
      label: 'a background tool planted',
      plant: (d) => d.vocabulary.$defs.backgroundSubagentToolName!.enum!.push('CronCreate'),
      expected: 'backgroundSubagentToolName: schemas/ has `CronCreate`, the CLI does not',
    },
    {
      label: 'a strict LSP server key the CLI lacks',
      plant: (d) => {
        d.plugin.$defs.lspServer!.properties!.port = { description: 'planted' }
      },
      expected: 'inline LSP server keys: schemas/ has `port`, the CLI does not',
    },
    {
      label: 'a reserved name removed',
      plant: (d) => {
        d.marketplace.$defs.reservedName!.enum = ['inline']
      },
      expected: 'reserved marketplace names: the CLI has `synced`, schemas/ does not',
    },
  ]
  for (const { label, plant, expected } of plants) {
    it(`fails on ${label}`, () => {
      const data = real()
      plant(data)
      expect(drift(data)).toContain(expected)
    })
  }
})
