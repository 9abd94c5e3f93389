// The runtime evidence behind every rule that defaults to `error`: which fixture shows it and what the pinned CLI does
// with it. tests/cli/rule-evidence.test.ts builds the fixtures in temp folders, runs them through the real CLI and the
// validator, and asserts each row; tests/registry.test.ts checks that every error-default rule has a row here.
//
// Two kinds of fixture keep the file fast: one project whose `.claude/` holds one broken agent per agent rule (all of
// them observed in a single `claude -p` dispatch run), and one small plugin or marketplace folder per manifest rule,
// given to `claude plugin validate --json`.

import fs from 'node:fs'
import path from 'node:path'

/** Agents the project fixture dispatches by id, each written by `buildEvidenceProject`. */
export const PROJECT_TARGETS = [
  'ev-control',
  'ev-utf16',
  'ev-upper',
  'ev-large',
  'ev-loop',
  'ev-empty-tools',
  'ev-foreign',
  'ev-misspelt',
  'ev-no-description',
  'ev-bad-mode',
  'ev-yaml',
  'ev:colon',
  'ev-twin',
  'ev-permission-rule',
  'ev-skills',
  'ev-unknown-tool',
  'ev-only-unknown-tools',
] as const

export type PluginFixture = 'json-syntax' | 'manifest' | 'hooks' | 'paths' | 'marketplace' | 'components'

/** Project folders whose `.mcp.json` is listed by `claude mcp list`, which prints the servers it skipped and why. */
export type McpFixture = 'mcp'

/** A project run with one slash command: a forked command whose `agent:` names no agent. */
export type ForkFixture = 'fork'

/** The settings the project run passes with `--settings`: the components plugin's option, so only the form decides. */
export const COMPONENTS_OPTIONS = JSON.stringify({ pluginConfigs: { 'ev-components@inline': { options: { token: 't0' } } } })

/** The prompt that runs the forked command of the fork fixture. */
export const FORK_PROMPT = '/ev-fork go'

/** One-file projects whose `.claude/settings.json` a `claude -p` run loads; see `buildSettingsFixture`. */
export type SettingsFixture =
  | 'settings-json-syntax'
  | 'settings-schema'
  | 'settings-guard-hook'
  | 'settings-hook-entry'
  | 'settings-permission-rule'
  | 'settings-hook-type'
  | 'settings-matcher-ignored'

export interface EvidenceCase {
  rule: string
  /** `project`: the shared `.claude/` project; a settings project; `mcp`: the MCP project; `fork`: the fork project; otherwise the plugin or marketplace folder of that name. */
  fixture: 'project' | PluginFixture | SettingsFixture | McpFixture | ForkFixture
  /** The file, relative to the fixture root, on which the validator must report the rule at `error`. */
  file: string
  /** What the pinned CLI does with it, as the test asserts. */
  shows: string
}

export const RULE_EVIDENCE: readonly EvidenceCase[] = [
  {
    rule: 'file/encoding',
    fixture: 'project',
    file: '.claude/agents/ev-utf16.md',
    shows: 'a UTF-16 agent file is absent from the listing and refused at dispatch',
  },
  {
    rule: 'file/json-syntax',
    fixture: 'json-syntax',
    file: '.claude-plugin/plugin.json',
    shows:
      '`plugin validate` fails with "Invalid JSON syntax" on a trailing comma; a settings.json with one is skipped whole ("Invalid or malformed JSON")',
  },
  {
    rule: 'file/name-not-loaded',
    fixture: 'project',
    file: '.claude/agents/ev-upper.MD',
    shows: 'an agent file ending `.MD` is absent from the listing and refused at dispatch',
  },
  {
    rule: 'file/too-large',
    fixture: 'project',
    file: '.claude/agents/ev-large.md',
    shows: 'an agent file over 1 MiB is skipped ("exceeds 1048576 byte limit") and refused at dispatch',
  },
  {
    rule: 'file/unreadable',
    fixture: 'project',
    file: '.claude/agents/ev-loop.md',
    shows: 'an agent file that is a symlink loop logs ELOOP and no agent loads from it',
  },
  {
    rule: 'frontmatter/empty-tools',
    fixture: 'project',
    file: '.claude/agents/ev-empty-tools.md',
    shows: '`tools: []` spawns the subagent with zero tools while the listing says "All tools"',
  },
  {
    rule: 'frontmatter/foreign-key',
    fixture: 'project',
    file: '.claude/agents/ev-foreign.md',
    shows: '`allowed-tools: Read` in an agent is ignored with a [WARN] line; the subagent gets every tool',
  },
  {
    rule: 'frontmatter/misspelt-key',
    fixture: 'project',
    file: '.claude/agents/ev-misspelt.md',
    shows: '`tool: Read` is ignored with a [WARN] line; the subagent gets every tool',
  },
  {
    rule: 'frontmatter/schema',
    fixture: 'project',
    file: '.claude/agents/ev-no-description.md',
    shows: 'an agent without `description` is refused ([ERROR] Missing required "description"); an invalid `permissionMode` is ignored',
  },
  {
    rule: 'frontmatter/yaml-syntax',
    fixture: 'project',
    file: '.claude/agents/ev-yaml.md',
    shows: 'front matter with an unclosed quote is ignored ([ERROR] … failed to parse and was ignored) and the project agent does not load',
  },
  {
    rule: 'mcp/server-config',
    fixture: 'mcp',
    file: '.mcp.json',
    shows: '`claude mcp list` skips a server with a `url` and no `type`, and one without `command`, and lists the valid one',
  },
  {
    rule: 'memory/import-depth',
    fixture: 'project',
    file: 'CLAUDE.md',
    shows: 'of a five-file import chain below CLAUDE.md the first four files are in the system prompt, the fifth is not',
  },
  {
    rule: 'memory/rule-paths',
    fixture: 'project',
    file: '.claude/rules/ev-paths-number.md',
    shows: 'rules with `paths: 42`, `paths: [42, true]` and `globs:` are in the first request; the rule with `paths: src/**/*.go` is not',
  },
  {
    rule: 'memory/import-missing',
    fixture: 'project',
    file: 'CLAUDE.md',
    shows:
      'CLAUDE.md imports of a missing file, and of an existing one followed by a comma, leave no trace in the prompt or the debug log; a plain import is in the prompt',
  },
  {
    rule: 'names/agent-name-format',
    fixture: 'project',
    file: '.claude/agents/ev-colon.md',
    shows: '`name: ev:colon` is refused ([ERROR] Invalid "name") and the agent does not load',
  },
  {
    rule: 'names/no-duplicate',
    fixture: 'project',
    file: '.claude/agents/ev-twin-b.md',
    shows: 'of two agents named `ev-twin` only one is listed and spawned; the debug log names the other as shadowed',
  },
  {
    rule: 'plugin/components-in-manifest-folder',
    fixture: 'components',
    file: '.claude-plugin/plugin.json',
    shows: 'given with `--plugin-dir`, the agent in `.claude-plugin/agents/` is not listed; the one in `agents/` is',
  },
  {
    rule: 'plugin/hooks',
    fixture: 'hooks',
    file: 'hooks/hooks.json',
    shows: '`plugin validate` says an unknown hook event is "ignored at runtime" and the plugin provides no hook',
  },
  {
    rule: 'plugin/lsp-servers',
    fixture: 'components',
    file: '.lsp.json',
    shows:
      'given with `--plugin-dir` and LSP on (`ENABLE_LSP_TOOL=1`), a `.lsp.json` whose server has a misspelt `transprot` key is refused whole ([ERROR] LSP config validation failed … Unrecognized key)',
  },
  {
    rule: 'plugin/manifest',
    fixture: 'manifest',
    file: '.claude-plugin/plugin.json',
    shows: '`plugin validate` fails on an `author` string ("expected object")',
  },
  {
    rule: 'plugin/marketplace',
    fixture: 'marketplace',
    file: '.claude-plugin/marketplace.json',
    shows: '`plugin validate` fails on an `owner` string ("expected object")',
  },
  {
    rule: 'plugin/monitors',
    fixture: 'components',
    file: 'monitors/monitors.json',
    shows:
      'given with `--plugin-dir`, a monitors file with a misspelt `whne` key is refused whole ([ERROR] Failed to load monitors … Unrecognized key)',
  },
  {
    rule: 'plugin/user-config-shell-hook',
    fixture: 'components',
    file: 'hooks/hooks.json',
    shows:
      'with `--plugin-dir` and the option set in `pluginConfigs`, a shell-form UserPromptSubmit hook using `${user_config.token}` is refused ([ERROR] Hook failed to run … shell-form command) and writes nothing; its exec-form twin runs',
  },
  {
    rule: 'plugin/paths',
    fixture: 'paths',
    file: '.claude-plugin/plugin.json',
    shows: '`plugin validate` fails on an `agents` path that does not exist ("load failure")',
  },
  {
    rule: 'settings/hook-matcher-ignored',
    fixture: 'settings-matcher-ignored',
    file: '.claude/settings.json',
    shows: 'a UserPromptSubmit hook with `"matcher": "deploy"` runs on a prompt without that word and writes its marker',
  },
  {
    rule: 'settings/hook-unsupported-type',
    fixture: 'settings-hook-type',
    file: '.claude/settings.json',
    shows: 'prompt and agent hooks on SessionStart fail ("not supported for SessionStart events") while the command hook beside them runs',
  },
  {
    rule: 'settings/permission-rule',
    fixture: 'settings-permission-rule',
    file: '.claude/settings.json',
    shows:
      'eight invalid deny rules and a `*` allow rule are each "skipped" with an [ERROR] line; only the valid rules are added, and the validator flags exactly the skipped ones',
  },
  {
    rule: 'settings/schema',
    fixture: 'settings-schema',
    file: '.claude/settings.json',
    shows:
      '`model: 42`, or a PreToolUse hook without its `{matcher, hooks}` wrapper, makes Claude Code skip the whole file (its SessionStart hook does not run); the same hook under Stop is dropped alone',
  },
  {
    rule: 'refs/permission-rule-in-tools',
    fixture: 'project',
    file: '.claude/agents/ev-permission-rule.md',
    shows: '`tools: Bash(git:*)` gives the subagent the whole Bash tool: a non-git command runs',
  },
  {
    rule: 'refs/unknown-fork-agent',
    fixture: 'fork',
    file: '.claude/commands/ev-fork.md',
    shows: 'a forked command with `agent: ev-no-such-agent` runs on general-purpose, with a debug line only',
  },
  {
    rule: 'refs/unknown-skill',
    fixture: 'project',
    file: '.claude/agents/ev-skills.md',
    shows: 'a `skills:` entry that does not exist is skipped with a [WARN] "not found" line; the other skill is preloaded',
  },
  {
    rule: 'refs/unknown-tool',
    fixture: 'project',
    file: '.claude/agents/ev-unknown-tool.md',
    shows: "`NotATool` is dropped from the subagent's tools, and an agent with only unknown tools is refused",
  },
  {
    rule: 'styles/plugin-only-key',
    fixture: 'project',
    file: '.claude/output-styles/ev-style.md',
    shows: '`force-for-plugin` in a project output style is ignored with a [WARN] line',
  },
]

/** The command the permission-rule subagent runs, to show that `Bash(git:*)` does not limit Bash to git. */
export const NON_GIT_COMMAND = 'echo EV-UNRESTRICTED'

function agent(name: string, frontMatter: string, description = `Evidence agent ${name}.`): string {
  return `---\nname: ${name}\ndescription: ${description}\n${frontMatter}---\nBODY ${name}\n`
}

/** Writes the shared project fixture into `root` (an empty git repository). */
export function buildEvidenceProject(root: string): void {
  const agents = path.join(root, '.claude', 'agents')
  const skill = path.join(root, '.claude', 'skills', 'ev-skill')
  fs.mkdirSync(agents, { recursive: true })
  fs.mkdirSync(skill, { recursive: true })
  fs.writeFileSync(path.join(skill, 'SKILL.md'), '---\nname: ev-skill\ndescription: The one skill that exists.\n---\nSKILL-BODY ev-skill\n')
  const write = (file: string, content: string | Buffer) => fs.writeFileSync(path.join(agents, file), content)
  // The control: loads as written, so a harness that lists nothing cannot pass the other cases.
  write('ev-control.md', agent('ev-control', 'tools: Read, Grep\n'))
  write('ev-utf16.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(agent('ev-utf16', 'tools: Read\n'), 'utf16le')]))
  write('ev-upper.MD', agent('ev-upper', 'tools: Read\n'))
  write('ev-large.md', agent('ev-large', 'tools: Read\n') + `${'padding '.repeat(140_000)}\n`)
  fs.symlinkSync('ev-loop-back.md', path.join(agents, 'ev-loop.md'))
  fs.symlinkSync('ev-loop.md', path.join(agents, 'ev-loop-back.md'))
  write('ev-empty-tools.md', agent('ev-empty-tools', 'tools: []\n'))
  write('ev-foreign.md', agent('ev-foreign', 'allowed-tools: Read\n'))
  write('ev-misspelt.md', agent('ev-misspelt', 'tool: Read\n'))
  write('ev-no-description.md', '---\nname: ev-no-description\ntools: Read\n---\nBODY ev-no-description\n')
  write('ev-bad-mode.md', agent('ev-bad-mode', 'tools: Read\npermissionMode: sometimes\n'))
  write('ev-yaml.md', '---\nname: ev-yaml\ndescription: "an unclosed quote\ntools: Read\n---\nBODY ev-yaml\n')
  write('ev-colon.md', agent('ev:colon', 'tools: Read\n'))
  write('ev-twin-a.md', agent('ev-twin', 'tools: Read\n', 'The first twin.'))
  write('ev-twin-b.md', agent('ev-twin', 'tools: Grep\n', 'The second twin.'))
  write('ev-permission-rule.md', agent('ev-permission-rule', 'tools: Bash(git:*)\n'))
  write('ev-skills.md', agent('ev-skills', 'tools: Read\nskills: ev-skill, no-such-skill\n'))
  write('ev-unknown-tool.md', agent('ev-unknown-tool', 'tools: Read, NotATool\n'))
  write('ev-only-unknown-tools.md', agent('ev-only-unknown-tools', 'tools: NotATool\n'))
  writeTree(root, MEMORY_AND_STYLE)
}

/** Text markers of the memory files: the test looks for each in the main thread's first request. */
export const MEMORY_MARKERS = {
  top: 'EV-MEMORY-TOP',
  present: 'EV-MEMORY-PRESENT',
  comma: 'EV-MEMORY-COMMA',
  level4: 'EV-MEMORY-LEVEL-4',
  level5: 'EV-MEMORY-LEVEL-5',
  ruleScoped: 'EV-RULE-SCOPED',
  ruleNumber: 'EV-RULE-NUMBER',
  ruleItems: 'EV-RULE-ITEMS',
  ruleGlobs: 'EV-RULE-GLOBS',
} as const

/**
 * CLAUDE.md with one import that exists, one that does not, one of an existing file followed by a comma (the comma is
 * part of the path), and a chain five files deep; a project output style.
 */
const MEMORY_AND_STYLE: Record<string, string> = {
  'CLAUDE.md': `${MEMORY_MARKERS.top}\nRead @docs/ev-present.md and @docs/ev-missing.md then @docs/ev-level-1.md\nAlso @docs/ev-comma.md, which exists.\n`,
  'docs/ev-present.md': `${MEMORY_MARKERS.present}\n`,
  'docs/ev-comma.md': `${MEMORY_MARKERS.comma}\n`,
  'docs/ev-level-1.md': 'EV-MEMORY-LEVEL-1 @ev-level-2.md\n',
  'docs/ev-level-2.md': 'EV-MEMORY-LEVEL-2 @ev-level-3.md\n',
  'docs/ev-level-3.md': 'EV-MEMORY-LEVEL-3 @ev-level-4.md\n',
  'docs/ev-level-4.md': `${MEMORY_MARKERS.level4} @ev-level-5.md\n`,
  'docs/ev-level-5.md': `${MEMORY_MARKERS.level5}\n`,
  // Rules: one scoped to Go files (not loaded at start), three whose scope Claude Code cannot read (loaded at start).
  '.claude/rules/ev-scoped.md': `---\npaths: src/**/*.go\n---\n${MEMORY_MARKERS.ruleScoped}\n`,
  '.claude/rules/ev-paths-number.md': `---\npaths: 42\n---\n${MEMORY_MARKERS.ruleNumber}\n`,
  '.claude/rules/ev-paths-items.md': `---\npaths:\n  - 42\n  - true\n---\n${MEMORY_MARKERS.ruleItems}\n`,
  '.claude/rules/ev-globs.md': `---\nglobs: src/**/*.go\n---\n${MEMORY_MARKERS.ruleGlobs}\n`,
  '.claude/output-styles/ev-style.md': '---\nname: ev-style\ndescription: Evidence style.\nforce-for-plugin: true\n---\nSTYLE ev-style\n',
}

/** Writes the fork fixture into `root` (an empty git repository). */
export function buildForkFixture(root: string): void {
  writeTree(root, {
    '.claude/commands/ev-fork.md':
      '---\ndescription: Evidence forked command.\ncontext: fork\nagent: ev-no-such-agent\n---\nFORK-BODY ev-fork\n',
  })
}

/** Writes the MCP project fixture into `root`: one valid server and two that Claude Code skips. */
export function buildMcpFixture(root: string): void {
  writeTree(root, {
    '.mcp.json':
      '{\n  "mcpServers": {\n    "ev-valid": { "command": "true" },\n    "ev-url-only": { "url": "http://127.0.0.1:9/mcp" },\n    "ev-no-command": { "args": ["server.js"] }\n  }\n}\n',
  })
}

const PLUGIN_AGENT = agent('ev-plugin-agent', 'tools: Read\n')

function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    fs.writeFileSync(path.join(root, rel), content)
  }
}

/** Writes one plugin (or marketplace) fixture into `root`, an empty folder. */
export function buildPluginFixture(name: PluginFixture, root: string): void {
  const manifest = (body: string) => ({ '.claude-plugin/plugin.json': body, 'agents/ev-plugin-agent.md': PLUGIN_AGENT })
  const trees: Record<PluginFixture, Record<string, string>> = {
    'json-syntax': manifest('{\n  "name": "ev-json-syntax",\n  "version": "1.0.0",\n}\n'),
    manifest: manifest('{\n  "name": "ev-manifest",\n  "author": "Jane Doe"\n}\n'),
    hooks: {
      ...manifest('{\n  "name": "ev-hooks"\n}\n'),
      'hooks/hooks.json':
        '{\n  "hooks": {\n    "PreToolUze": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "true" }] }]\n  }\n}\n',
    },
    paths: manifest('{\n  "name": "ev-paths",\n  "agents": ["./agents/missing.md"]\n}\n'),
    // Given to the project run with --plugin-dir as well: one agent where Claude Code looks, one beside the manifest.
    components: {
      ...manifest(
        '{\n  "name": "ev-components",\n  "userConfig": { "token": { "type": "string", "title": "Token", "description": "A token" } }\n}\n',
      ),
      '.claude-plugin/agents/ev-misplaced.md': agent('ev-misplaced', 'tools: Read\n'),
      'monitors/monitors.json': '[\n  { "name": "ev-log", "command": "tail -F ev.log", "description": "Log", "whne": "always" }\n]\n',
      '.lsp.json': '{\n  "go": { "command": "gopls", "extensionToLanguage": { ".go": "go" }, "transprot": "stdio" }\n}\n',
      // Shell form with a plugin option: refused at every run. The exec-form twin runs and leaves its mark.
      'hooks/hooks.json': `${JSON.stringify(
        {
          hooks: {
            UserPromptSubmit: [
              {
                hooks: [
                  { type: 'command', command: 'echo shell ${user_config.token} > ev-shell-form.txt' },
                  { type: 'command', command: 'sh', args: ['-c', 'echo exec "$1" > ev-exec-form.txt', 'sh', '${user_config.token}'] },
                ],
              },
            ],
          },
        },
        null,
        2,
      )}\n`,
    },
    marketplace: { '.claude-plugin/marketplace.json': '{\n  "name": "ev-marketplace",\n  "owner": "Jane Doe",\n  "plugins": []\n}\n' },
  }
  writeTree(root, trees[name])
}

/** Deny rules the pinned CLI skips, one per reason its validator gives; the validator must flag exactly these. */
export const INVALID_DENY_RULES = [
  'Bash(npm publish)*',
  'Bash(:*)',
  'WebFetch(example.com)',
  'WebFetch(https://example.com)',
  'mcp__srv__tool(x)',
  'bash(rm:*)',
  'Read(src:*)',
  'Bash()',
]

/** The hook every settings fixture carries: it writes `marker` with the file's env value, so it proves the file applied. */
export const SETTINGS_MARKER_HOOK = { type: 'command', command: 'echo "env=$EV_MARK" > "$CLAUDE_PROJECT_DIR/marker"' }

/** Writes one settings project into `root` (an empty git repository): `.claude/settings.json` and nothing else. */
export function buildSettingsFixture(name: SettingsFixture, root: string): void {
  const settings = (extra: Record<string, unknown>, hooks: Record<string, unknown> = {}) =>
    `${JSON.stringify({ env: { EV_MARK: '1' }, ...extra, hooks: { SessionStart: [{ hooks: [SETTINGS_MARKER_HOOK] }], ...hooks } }, null, 2)}\n`
  const bodies: Record<SettingsFixture, string> = {
    'settings-json-syntax': settings({}).replace(/\n}\n$/, ',\n}\n'),
    'settings-schema': settings({ model: 42 }),
    // The flat form, a hook where a `{matcher, hooks: [...]}` wrapper belongs.
    'settings-guard-hook': settings({}, { PreToolUse: [{ type: 'command', command: 'true' }] }),
    'settings-hook-entry': settings({}, { Stop: [{ hooks: [{ type: 'command' }] }] }),
    'settings-permission-rule': settings({
      permissions: { allow: ['*', 'mcp__srv__*'], deny: [...INVALID_DENY_RULES, 'Read(./secret.txt)'] },
    }),
    // The prompt never says "deploy"; the hook runs anyway.
    'settings-matcher-ignored': settings(
      {},
      { UserPromptSubmit: [{ matcher: 'deploy', hooks: [{ type: 'command', command: 'echo ran > ev-ignored-matcher.txt' }] }] },
    ),
    'settings-hook-type': settings(
      {},
      {
        SessionStart: [{ hooks: [SETTINGS_MARKER_HOOK, { type: 'prompt', prompt: 'Greet.' }, { type: 'agent', prompt: 'Load context.' }] }],
      },
    ),
  }
  writeTree(root, { '.claude/settings.json': bodies[name] })
}
