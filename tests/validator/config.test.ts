import { describe, expect, it } from 'vitest'
import { agent, cli, project } from './helpers.ts'

const ids = async (root: string, ...args: string[]) =>
  (JSON.parse((await cli(root, 'validate', '--format', 'json', ...args)).stdout) as { file: string; line: number; ruleId: string; severity: string }[])
    .map((d) => `${d.file}:${d.line} ${d.severity} ${d.ruleId}`)

describe('configuration', () => {
  it('changes severities, with per-file overrides', async () => {
    const root = project({
      'agents/a.md': agent('a', 'color: magenta\n'),
      'legacy/agents/b.md': agent('b', 'color: magenta\n'),
      'backend-team.config.json': JSON.stringify({
        rules: { 'frontmatter/schema': 'warning' },
        overrides: [{ files: ['legacy/**'], rules: { 'frontmatter/schema': 'off' } }],
      }),
    })
    expect(await ids(root, 'agents', 'legacy')).toEqual(['agents/a.md:7 warning frontmatter/schema'])
  })

  it('reads the `backend-team` key of package.json', async () => {
    const root = project({ 'agents/a.md': agent('a', 'color: magenta\n'), 'package.json': JSON.stringify({ name: 'x', 'backend-team': { rules: { 'frontmatter/schema': 'off' } } }) })
    expect(await ids(root)).toEqual([])
  })

  it('ignores paths, and knows names that live outside the checked files', async () => {
    const root = project({
      'agents/a.md': agent('a', 'skills:\n  - shared-skill\n', 'Escalate to `frontend-orchestrator` when the UI changes.\n'),
      'agents/drafts/x.md': agent('x', 'color: magenta\n'),
      'backend-team.config.json': JSON.stringify({ ignore: ['agents/drafts/**'], externalAgents: ['frontend-orchestrator'], externalSkills: ['shared-skill'] }),
    })
    expect(await ids(root)).toEqual([])
  })

  it('the agent-skills profile holds skills to the portable standard', async () => {
    const files = { 'skills/Helper_X/SKILL.md': '---\nname: helper-x\ndescription: "Use when helping <always>."\nwhen_to_use: later\n---\n\nHelp.\n' }
    expect(await ids(project(files))).not.toContainEqual(expect.stringContaining('skills/portable'))
    const strict = await ids(project({ ...files, 'backend-team.config.json': JSON.stringify({ skillProfile: 'agent-skills' }) }))
    expect(strict).toContainEqual(expect.stringContaining('warning skills/portable'))
  })

  it('stops with exit 2 and a clear message on a bad configuration', async () => {
    for (const config of ['{', JSON.stringify({ rules: { 'frontmatter/schema': 'loud' } }), JSON.stringify({ colour: true }), JSON.stringify({ skillProfile: 'strict' })]) {
      const r = await cli(project({ 'agents/a.md': agent('a'), 'backend-team.config.json': config }), 'validate')
      expect(r.code, config).toBe(2)
      expect(r.stderr).toMatch(/^backend-team validate: .*backend-team\.config\.json: .+\n$/)
    }
  })
})

describe('inline suppressions', () => {
  it('silence one line in front matter or a body, or a whole file', async () => {
    const root = project({
      'agents/a.md': agent('a', '# backend-team-disable-next-line frontmatter/schema\ncolor: magenta\n'),
      'agents/b.md': agent('b', 'color: magenta\n', '<!-- backend-team-disable frontmatter/schema -->\nBody.\n'),
      'agents/c.md': agent('c', '', '<!-- backend-team-disable-next-line refs/broken-link -->\nSee [the old notes](old.md).\nSee [the new notes](new.md).\n'),
      'agents/d.md': agent('d', '# backend-team-disable-next-line refs/unknown-tool\ncolor: magenta\n'),
    })
    expect(await ids(root)).toEqual(['agents/c.md:11 warning refs/broken-link', 'agents/d.md:8 error frontmatter/schema'])
  })
})
