import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Writes a synthetic plugin of `agents` agents and `skills` skills with cross-references (preloaded skills,
 * `Agent(...)` allowlists, backticked dispatch targets, relative links) and a few planted defects, so the
 * benchmark exercises every check, not only the parser.
 */
export function writeSyntheticPlugin(root: string, agents: number, skills: number): { defects: number } {
  rmSync(root, { recursive: true, force: true })
  mkdirSync(join(root, '.claude-plugin'), { recursive: true })
  writeFileSync(
    join(root, '.claude-plugin', 'plugin.json'),
    JSON.stringify(
      {
        name: 'bench-pack',
        version: '1.0.0',
        description: 'Synthetic benchmark pack.',
        author: { name: 'bench' },
      },
      null,
      2,
    ),
  )
  const skillName = (i: number) => `skill-${String(i).padStart(5, '0')}`
  const agentName = (i: number) => `agent-${String(i).padStart(5, '0')}`
  for (let i = 0; i < skills; i++) {
    const dir = join(root, 'skills', skillName(i))
    mkdirSync(join(dir, 'references'), { recursive: true })
    writeFileSync(join(dir, 'references', 'notes.md'), `# Notes for ${skillName(i)}\n\nDetails that the skill links to.\n`)
    writeFileSync(
      join(dir, 'SKILL.md'),
      [
        '---',
        `name: ${skillName(i)}`,
        `description: "Use when task ${i} needs the procedure for area ${i % 37}; covers setup, checks and clean-up."`,
        '---',
        '',
        `# Skill ${i}`,
        '',
        `Read [the notes](references/notes.md) first, then follow the steps.`,
        '',
        ...Array.from({ length: 30 }, (_, k) => `${k + 1}. Step ${k + 1} of the procedure: run \`make check-${k}\` and record the result.`),
        '',
      ].join('\n'),
    )
  }
  let defects = 0
  mkdirSync(join(root, 'agents'), { recursive: true })
  for (let i = 0; i < agents; i++) {
    const preload = [skillName(i % skills), skillName((i * 7) % skills)]
    const peer = agentName((i + 1) % agents)
    let tools = `  - Read\n  - Edit\n  - Skill\n  - Agent(${peer})`
    let skillsBlock = preload.map((s) => `  - ${s}`).join('\n')
    // One planted defect in every 250 agents: an unknown tool, a missing skill, or a bad model.
    if (i % 250 === 17) {
      tools += '\n  - Tsk'
      defects++
    }
    if (i % 250 === 101) {
      skillsBlock += '\n  - skill-missing'
      defects++
    }
    const model = i % 250 === 199 ? 'gpt-4o' : i % 3 === 0 ? 'opus' : 'sonnet'
    if (i % 250 === 199) defects++
    writeFileSync(
      join(root, 'agents', `${agentName(i)}.md`),
      [
        '---',
        `name: ${agentName(i)}`,
        `description: "Use when work in area ${i % 41} needs agent ${i}.\\n<example>user: handle area ${i % 41}\\nassistant: I'll use ${agentName(i)}.</example>"`,
        'tools:',
        tools,
        `model: ${model}`,
        'color: blue',
        'skills:',
        skillsBlock,
        '---',
        '',
        `You are agent ${i}. Load the \`${preload[0]}\` skill before you start.`,
        '',
        '| Agent | When |',
        '| --- | --- |',
        `| \`${peer}\` | when the work moves on |`,
        '',
        ...Array.from(
          { length: 40 },
          (_, k) => `- Rule ${k + 1}: keep changes small and verify with \`go test ./...\` before handing back.`,
        ),
        '',
      ].join('\n'),
    )
  }
  return { defects }
}

/**
 * Writes a project of `agents` agents with what Claude Code reads beside them: `.claude/settings.json`, a `.mcp.json`
 * of `servers` servers, a CLAUDE.md importing `imports` docs (each importing the next, so the depth walk runs) and
 * `rules` files under `.claude/rules/`, with one planted import of a missing file.
 */
export function writeSyntheticProject(root: string, sizes: { agents: number; servers: number; imports: number; rules: number }): void {
  rmSync(root, { recursive: true, force: true })
  const write = (rel: string, text: string) => {
    mkdirSync(join(root, rel, '..'), { recursive: true })
    writeFileSync(join(root, rel), text)
  }
  write(
    '.claude/settings.json',
    JSON.stringify(
      { permissions: { allow: ['Bash(go test:*)', 'Read'], deny: ['Bash(rm -rf:*)'] }, env: { GOFLAGS: '-mod=mod' } },
      null,
      2,
    ),
  )
  const servers = Object.fromEntries(
    Array.from({ length: sizes.servers }, (_, i) => [
      `server-${i}`,
      i % 2
        ? { type: 'http', url: `https://example.com/mcp/${i}` }
        : { command: 'node', args: [`server-${i}.js`], env: { TOKEN: '${TOKEN}' } },
    ]),
  )
  write('.mcp.json', JSON.stringify({ mcpServers: servers }, null, 2))
  const doc = (i: number) => `docs/doc-${String(i).padStart(4, '0')}.md`
  write(
    'CLAUDE.md',
    ['# Project', '', ...Array.from({ length: sizes.imports }, (_, i) => `- @${doc(i)}`), '- @docs/missing.md', ''].join('\n'),
  )
  for (let i = 0; i < sizes.imports; i++)
    write(doc(i), i % 3 === 2 ? `Notes ${i}.\n` : `Notes ${i}. See @doc-${String(i + 1).padStart(4, '0')}.md for more.\n`)
  for (let i = 0; i < sizes.rules; i++)
    write(
      `.claude/rules/rule-${i}.md`,
      `---\npaths: "src/area-${i}/**/*.go"\n---\nFollow @../../${doc(i % Math.max(1, sizes.imports))} here.\n`,
    )
  for (let i = 0; i < sizes.agents; i++) {
    write(
      `.claude/agents/agent-${i}.md`,
      `---\nname: agent-${i}\ndescription: Handles area ${i}.\ntools: Read, Grep\n---\nWork on area ${i}.\n`,
    )
  }
}
