import { describe, expect, it } from 'vitest'
import { agent, cli, project } from './helpers.ts'

const ids = async (root: string, ...args: string[]) =>
  (
    JSON.parse((await cli(root, 'validate', '--format', 'json', ...args)).stdout) as {
      file: string
      line: number
      ruleId: string
      severity: string
    }[]
  ).map((d) => `${d.file}:${d.line} ${d.severity} ${d.ruleId}`)

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
    const root = project({
      'agents/a.md': agent('a', 'color: magenta\n'),
      'package.json': JSON.stringify({ name: 'x', 'backend-team': { rules: { 'frontmatter/schema': 'off' } } }),
    })
    expect(await ids(root)).toEqual([])
  })

  it('ignores paths, and knows names that live outside the checked files', async () => {
    const root = project({
      'agents/a.md': agent('a', 'skills:\n  - shared-skill\n', 'Escalate to `frontend-orchestrator` when the UI changes.\n'),
      'agents/drafts/x.md': agent('x', 'color: magenta\n'),
      'backend-team.config.json': JSON.stringify({
        ignore: ['agents/drafts/**'],
        externalAgents: ['frontend-orchestrator'],
        externalSkills: ['shared-skill'],
      }),
    })
    expect(await ids(root)).toEqual([])
  })

  it('the agent-skills profile holds skills to the portable standard', async () => {
    const files = {
      'skills/Helper_X/SKILL.md': '---\nname: helper-x\ndescription: "Use when helping <always>."\nwhen_to_use: later\n---\n\nHelp.\n',
    }
    expect(await ids(project(files))).not.toContainEqual(expect.stringContaining('skills/portable'))
    const strict = await ids(project({ ...files, 'backend-team.config.json': JSON.stringify({ skillProfile: 'agent-skills' }) }))
    expect(strict).toContainEqual(expect.stringContaining('warning skills/portable'))
  })

  it('stops with exit 2 and a clear message on a bad configuration', async () => {
    for (const config of [
      '{',
      JSON.stringify({ rules: { 'frontmatter/schema': 'loud' } }),
      JSON.stringify({ colour: true }),
      JSON.stringify({ skillProfile: 'strict' }),
    ]) {
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
      'agents/c.md': agent(
        'c',
        '',
        '<!-- backend-team-disable-next-line refs/broken-link -->\nSee [the old notes](old.md).\nSee [the new notes](new.md).\n',
      ),
      'agents/d.md': agent('d', '# backend-team-disable-next-line refs/unknown-tool\ncolor: magenta\n'),
    })
    expect(await ids(root)).toEqual(['agents/c.md:11 warning refs/broken-link', 'agents/d.md:8 error frontmatter/schema'])
  })
})

describe('configuration checked as a whole', () => {
  const run = async (config: string) => cli(project({ 'agents/a.md': agent('a'), 'backend-team.config.json': config }), 'validate')

  it('names the file, the setting and the closest rule for an unknown rule id, in rules and overrides', async () => {
    const r = await run(JSON.stringify({ rules: { 'frontmatter/shema': 'off' } }))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^backend-team validate: .*backend-team\.config\.json: rules\.frontmatter\/shema: unknown rule `frontmatter\/shema` \(did you mean `frontmatter\/schema`\?\); `backend-team rules` lists them\n$/,
    )
    const o = await run(JSON.stringify({ overrides: [{ files: ['x/**'], rules: { 'names/no-duplicates': 'off' } }] }))
    expect(o.stderr).toContain(
      'overrides[0].rules.names/no-duplicates: unknown rule `names/no-duplicates` (did you mean `names/no-duplicate`?)',
    )
  })

  it("checks options against the rule's schema", async () => {
    const bad = await run(JSON.stringify({ rules: { 'budget/agent-body-lines': ['warning', { max: 'many' }] } }))
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      'backend-team.config.json: rules.budget/agent-body-lines[1].max: Unexpected `many` for `max`, expected integer',
    )
    const typo = await run(JSON.stringify({ rules: { 'content/directive-density': ['warning', { maxx: 3 }] } }))
    expect(typo.stderr).toContain('rules.content/directive-density[1].maxx: Unexpected property `maxx` (did you mean `max`?)')
    const none = await run(JSON.stringify({ rules: { 'frontmatter/schema': ['error', { strict: true }] } }))
    expect(none.stderr).toContain('rules.frontmatter/schema: `frontmatter/schema` takes no options, found `strict`')
    expect(
      (await run(JSON.stringify({ rules: { 'budget/agent-body-lines': ['warning', { max: 10 }], 'frontmatter/schema': ['error', {}] } })))
        .code,
    ).toBe(0)
  })

  it('suggests the key meant for an unknown key, at the top and in overrides', async () => {
    expect((await run(JSON.stringify({ rule: {} }))).stderr).toContain(
      'backend-team.config.json: unexpected key `rule` (did you mean `rules`?)',
    )
    expect((await run(JSON.stringify({ overrides: [{ file: ['x'], rules: {} }] }))).stderr).toContain(
      'unexpected key `overrides[0].file` (did you mean `files`?)',
    )
    expect((await run(JSON.stringify({ skillProfile: 'agent-skill' }))).stderr).toContain('(did you mean `agent-skills`?)')
  })

  it('accepts "warn" and ESLint\'s 0, 1, 2, and JSON with comments and trailing commas', async () => {
    const root = project({
      'agents/a.md': agent('a', 'color: magenta\n'),
      'agents/w.md': agent('w', '', '```go\ntime.Sleep(time.Second)\n```\n'),
      'backend-team.config.json':
        '{\n  // ESLint spellings\n  "rules": {\n    "frontmatter/schema": "warn", /* was an error */\n    "content/no-sleep-polling": 0,\n  },\n}\n',
    })
    expect(await ids(root)).toEqual(['agents/a.md:7 warning frontmatter/schema'])
    const numeric = project({
      'agents/w.md': agent('w', '', '```go\ntime.Sleep(time.Second)\n```\n'),
      'backend-team.config.json': '{ "rules": { "content/no-sleep-polling": 2 } }',
    })
    expect(await ids(numeric)).toEqual(['agents/w.md:10 error content/no-sleep-polling'])
    const broken = await run('{\n  "rules": {\n    "frontmatter/schema" "off"\n  }\n}\n')
    expect(broken.stderr).toMatch(/backend-team\.config\.json: invalid JSON: line 3, column 26: ColonExpected\n$/)
  })
})

describe('suppressions: blocks, typos and unused comments', () => {
  const sleeps = '```go\ntime.Sleep(time.Second)\n```\n'

  it('backend-team-enable ends a disable block; an unclosed disable still covers the whole file', async () => {
    const body = `${sleeps}\n<!-- backend-team-disable content/no-sleep-polling -->\n${sleeps}\n<!-- backend-team-enable content/no-sleep-polling -->\n${sleeps}`
    const root = project({
      'agents/a.md': agent('a', '', body),
      'agents/b.md': agent(
        'b',
        'color: magenta\n',
        `${sleeps}<!-- backend-team-disable -->\n${sleeps}<!-- backend-team-enable -->\n${sleeps}`,
      ),
      'agents/c.md': agent('c', '', `${sleeps}<!-- backend-team-disable content/no-sleep-polling -->\n`),
    })
    // a.md and b.md: the sleeps before and after the block stay; b.md's front-matter error is outside its block;
    // c.md's disable has no enable, so it covers the whole file, the sleep above it too.
    expect(await ids(root)).toEqual([
      'agents/a.md:10 warning content/no-sleep-polling',
      'agents/a.md:20 warning content/no-sleep-polling',
      'agents/b.md:7 error frontmatter/schema',
      'agents/b.md:11 warning content/no-sleep-polling',
      'agents/b.md:19 warning content/no-sleep-polling',
    ])
  })

  it('the YAML comment form opens and closes a block in front matter too', async () => {
    const root = project({
      'agents/a.md': agent(
        'a',
        '# backend-team-disable frontmatter/schema\ncolor: magenta\n# backend-team-enable frontmatter/schema\npermissionMode: nope\n',
      ),
    })
    expect(await ids(root)).toEqual(['agents/a.md:10 error frontmatter/schema'])
  })

  it('warns about rule ids that name no rule, with the closest one, and ignores prose', async () => {
    const root = project({
      'agents/a.md': agent(
        'a',
        '# backend-team-disable-next-line frontmatter/shema\ncolor: magenta\n',
        '<!-- backend-team-disable content/no-sleep-poling -- old notes -->\nSee `# backend-team-disable-next-line <rule-id>` in front matter.\n',
      ),
    })
    const r = await cli(root, 'validate', '-f', 'json')
    const out = JSON.parse(r.stdout) as { line: number; ruleId: string; severity: string; message: string }[]
    expect(out.filter((d) => d.ruleId === 'suppressions/unknown-rule')).toEqual([
      expect.objectContaining({
        line: 7,
        severity: 'warning',
        message:
          'Unexpected unknown rule `frontmatter/shema` in a backend-team-disable-next-line comment, expected a rule id (did you mean `frontmatter/schema`?)',
      }),
      expect.objectContaining({
        line: 11,
        message: expect.stringContaining(
          '`content/no-sleep-poling` in a backend-team-disable comment, expected a rule id (did you mean `content/no-sleep-polling`?)',
        ),
      }),
    ])
    // The misspelt suppression silences nothing.
    expect(out.map((d) => d.ruleId)).toContain('frontmatter/schema')
  })

  it('--report-unused-disable-directives (or the configuration) warns about comments that silence nothing', async () => {
    const files = {
      'agents/a.md': agent(
        'a',
        '# backend-team-disable-next-line frontmatter/schema\ncolor: magenta\n# backend-team-disable-next-line frontmatter/schema\neffort: low\n',
        `<!-- backend-team-disable-next-line -->\nPlain text.\n<!-- backend-team-disable content/no-sleep-polling, refs/broken-link -->\n${sleeps}`,
      ),
    }
    const quiet = await ids(project(files))
    expect(quiet.filter((d) => d.includes('unused'))).toEqual([])
    const expected = [
      'agents/a.md:9 warning suppressions/unused-directive',
      'agents/a.md:13 warning suppressions/unused-directive',
      'agents/a.md:15 warning suppressions/unused-directive',
    ]
    const loud = await ids(project(files), '--report-unused-disable-directives')
    expect(loud.filter((d) => d.includes('unused'))).toEqual(expected)
    const byConfig = await ids(project({ ...files, 'backend-team.config.json': '{ "reportUnusedDisableDirectives": true }' }))
    expect(byConfig.filter((d) => d.includes('unused'))).toEqual(expected)
    const r = await cli(project(files), 'validate', '--report-unused-disable-directives', '-f', 'json')
    expect(JSON.parse(r.stdout).find((d: { line: number }) => d.line === 15).message).toBe(
      'Unexpected `refs/broken-link` in a backend-team-disable comment that silences no such problem, expected a problem where it applies (remove the id)',
    )
  })
})
