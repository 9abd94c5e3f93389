import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { agent, cli, project } from './helpers.ts'

interface JsonDiagnostic {
  file: string
  line: number
  column: number
  ruleId: string
  severity: string
}

const run = async (cwd: string, ...args: string[]) => {
  const r = await cli(cwd, 'validate', '--format', 'json', ...args)
  return { code: r.code, diagnostics: JSON.parse(r.stdout || '[]') as JsonDiagnostic[] }
}
/** Diagnostics as `path:line:column rule`, paths made absolute so runs from different folders compare. */
const findings = (cwd: string, diagnostics: JsonDiagnostic[]) =>
  diagnostics.map((d) => `${join(cwd, d.file)}:${d.line}:${d.column} ${d.ruleId}`).sort()

const skill = (name: string, body = 'Do it.\n') => `---\nname: ${name}\ndescription: "Use when ${name} is needed."\n---\n\n${body}`

describe('discovery as Claude Code discovers', () => {
  it('gives the same diagnostics from the project root, agents/, a skill folder and an unrelated subfolder', async () => {
    const root = project({
      '.claude/agents/a.md': agent('a', 'color: magenta\n'),
      '.claude/skills/helper/SKILL.md': skill('helper'),
      '.claude/skills/helper/references/notes.md': '# Notes\n',
      'internal/orders/handler.go': 'package orders\n',
    })
    execFileSync('git', ['init', '-q', root])
    const fromRoot = await run(root)
    expect(fromRoot.code).toBe(1)
    expect(findings(root, fromRoot.diagnostics)).toEqual([`${join(root, '.claude/agents/a.md')}:7:8 frontmatter/schema`])
    for (const sub of ['.claude/agents', '.claude/skills/helper', 'internal/orders']) {
      const cwd = join(root, sub)
      const r = await run(cwd)
      expect({ sub, code: r.code, found: findings(cwd, r.diagnostics) }).toEqual({
        sub,
        code: 1,
        found: findings(root, fromRoot.diagnostics),
      })
    }
  })

  it('reports nothing for a Go file, a README and a docs page given explicitly, and still checks the agent given with them', async () => {
    const root = project({
      '.claude/agents/a.md': agent('a', 'color: magenta\n'),
      'internal/agents/agent.go': 'package agents\n',
      'README.md': '# Service\n\nSee [the design](docs/missing.md).\n',
      'docs/design.md': '---\nfoo: [bar\n---\n\nSee [nothing](nowhere.md).\n',
    })
    execFileSync('git', ['init', '-q', root])
    const quiet = await run(root, 'internal/agents/agent.go', 'README.md', 'docs/design.md')
    expect(quiet).toEqual({ code: 0, diagnostics: [] })
    const mixed = await run(root, 'internal/agents/agent.go', '.claude/agents/a.md')
    expect(mixed.diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual(['.claude/agents/a.md frontmatter/schema'])
  })

  it('at a marketplace root lints only the listed plugins and the root .claude/, never stray markdown', async () => {
    const root = project({
      '.claude-plugin/marketplace.json': JSON.stringify({
        name: 'm',
        owner: { name: 'o' },
        metadata: { pluginRoot: './plugins' },
        plugins: [
          { name: 'listed', source: './plugins/listed' },
          { name: 'bare', source: 'bare' },
        ],
      }),
      'README.md': '# Marketplace\n',
      'docs/how-to.md': '# How to\n\nNo front matter here.\n',
      'templates/agent-template.md': '---\nname: {{name}}\n---\n',
      'plugins/listed/.claude-plugin/plugin.json': '{"name": "listed"}',
      'plugins/listed/agents/x.md': agent('x', 'color: magenta\n'),
      'plugins/listed/README.md': '# Listed\n',
      'plugins/listed/skills/s/SKILL.md': skill('s'),
      'plugins/listed/skills/s/references/deep.md': '# Deep reference\n',
      'plugins/listed/skills/s/examples/example-command.md': '---\nallowed-tools: Read\n---\nExample.\n',
      'plugins/bare/commands/about.md': '---\ndescription: "About."\n---\nAbout.\n',
      'plugins/bare/agents/y.md': agent('y', 'color: magenta\n'),
      'tools/unlisted/.claude-plugin/plugin.json': '{"name": "unlisted"}',
      'tools/unlisted/agents/z.md': agent('z', 'color: magenta\n'),
    })
    const r = await run(root)
    // Manifest findings (author, bare sources) belong to the plugin rules; here only which files are linted as what.
    const components = r.diagnostics.filter((d) => !d.ruleId.startsWith('plugin/'))
    expect(components.map((d) => `${d.file} ${d.ruleId}`).sort()).toEqual([
      'plugins/bare/agents/y.md frontmatter/schema',
      'plugins/listed/agents/x.md frontmatter/schema',
      'tools/unlisted/agents/z.md frontmatter/schema',
    ])
    // From inside a skill of a listed plugin, the same: its references are not taken for agents.
    const inside = await run(join(root, 'plugins/listed/skills/s'))
    expect(findings(join(root, 'plugins/listed/skills/s'), inside.diagnostics)).toEqual(findings(root, r.diagnostics))
  })

  it('treats each root given on the command line as its own project', async () => {
    const root = project({})
    const one = join(root, 'one')
    const two = join(root, 'two')
    for (const [dir, files] of [
      [one, { 'agents/a.md': agent('a', 'skills:\n  - shared\n'), 'skills/shared/SKILL.md': skill('shared') }],
      [two, { 'agents/b.md': agent('b', 'skills:\n  - shared\n') }],
    ] as const) {
      mkdirSync(dir, { recursive: true })
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(dir, path, '..'), { recursive: true })
        execFileSync('sh', ['-c', 'cat > "$1"', 'sh', join(dir, path)], { input: text })
      }
    }
    const r = await run(root, 'one', 'two')
    // `shared` exists only in the first root: the second root's agent cannot preload it.
    expect(r.diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual(['two/agents/b.md refs/unknown-skill'])
  })
})
