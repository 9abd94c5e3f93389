/**
 * Issue 12, safe output: what a checked file contains (its name, keys, values) reaches the terminal or a CI log only
 * as visible text, secrets are masked whichever rule quotes them, and SARIF validates against the 2.1.0 schema.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { afterAll, describe, expect, it } from 'vitest'
import { cli } from './validator/helpers.ts'

const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bt-output-'))
  temps.push(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

const esc = '\u001b'
const hostileName = `${esc}[2J::error file=x::injected`
const hostile = project({
  '.git/HEAD': '',
  [`agents/${hostileName}.md`]: `---\nname: x\ndescription: "Use when y."\ntools: Read\n${esc}[31mred: 1\n---\n\nBody.\n`,
  'agents/keys.md':
    '---\nname: keys\ndescription: "Use when z."\ntools: Read\n"::stop-commands::tok": 1\n"a\\u009b31mb": 2\n---\n\nBody.\n',
  [`${'::warning'} top.md`]: 'x',
})

describe('nothing from a file can steer a terminal or a CI log', () => {
  for (const format of ['stylish', 'github', 'json', 'sarif']) {
    it(`${format}: no control characters, no line a CI would run as a command`, async () => {
      const r = await cli(hostile, 'validate', '--format', format, 'agents')
      expect(r.stdout).toContain('injected')
      // eslint-disable-next-line no-control-regex -- the test looks for control characters
      expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
      const commandLines = r.stdout.split('\n').filter((line) => /^\s*(?:::|##)/.test(line))
      if (format === 'github')
        for (const line of commandLines)
          expect(line).toMatch(/^::(?:error|warning) file=[^:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::/)
      else expect(commandLines).toEqual([])
    })
  }

  it('a file name that starts like a workflow command is printed as ./name', async () => {
    const root = project({
      '::error file=x::boom/agents/a.md': '---\nname: a\ndescription: "Use when a."\ntools: Read\nbogus: 1\n---\n\nBody.\n',
    })
    const r = await cli(root, 'validate', '::error file=x::boom')
    expect(r.stdout).toContain('\n./::error file=x::boom/agents/a.md\n')
  })
})

describe('secrets are masked by every rule that quotes them', () => {
  const token = 'ghp_' + 'Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2'
  it('a token in a key, a tool, a link and a model is never printed whole', async () => {
    const root = project({
      '.git/HEAD': '',
      'agents/leak.md': `---\nname: leak\ndescription: "Use when leaking."\ntools: Read, ${token}\nmodel: ${token}\n${token}: 1\n---\n\nSee [here](${token}.md) and the \`${token}\` agent.\n`,
    })
    for (const format of ['stylish', 'json', 'github', 'sarif']) {
      const r = await cli(root, 'validate', '--format', format)
      expect(r.stdout).toContain('security/secret')
      expect(r.stdout).not.toContain(token)
      expect(r.stdout).not.toContain(token.slice(0, 12))
    }
  })
})

describe('SARIF', () => {
  const require = createRequire(import.meta.url)
  // The SARIF 2.1.0 schema as published (draft-04); ajv 8 reads it once the draft-04 `id` is spelt `$id`.
  const { id, $schema: _draft, ...schema } = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as Record<string, unknown>
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false })
  addFormats.default(ajv)
  const validateSarif = ajv.compile({ ...schema, $id: String(id) })

  it('a path with spaces, `%`, `#` and `:` is a valid uri-reference', async () => {
    const root = project({ '.git/HEAD': '', 'agents/a b%#:c.md': '---\nname: wrong\ndescription: d\n---\n\nBody.\n' })
    const log = JSON.parse((await cli(root, 'validate', '--format', 'sarif')).stdout)
    expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true)
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('agents/a%20b%25%23%3Ac.md')
  })

  it("this repository's own fixtures, checked as one folder, give SARIF that validates against the 2.1.0 schema", async () => {
    const repo = fileURLToPath(new URL('..', import.meta.url))
    const log = JSON.parse((await cli(repo, 'validate', '--format', 'sarif', 'tests/fixtures')).stdout)
    expect(log.runs[0].results.length).toBeGreaterThan(20)
    expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true)
  })
})
