// Reads a pack (agents/*.md, skills/<dir>/SKILL.md) the way the tests need it, and derives what Claude Code 2.1.332
// should send for each agent from the agent file's own front matter plus a small documented mapping (below).
// Nothing here imports the project's validator: the harness must stay an independent check of the runtime.

import fs from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'

export const PLUGIN_NAME = 'backend-team'
export const ORCHESTRATOR = 'backend-orchestrator'
/** The nine specialists of the real pack (issue 4); the fixture pack under tests/fixtures-cli/pack has its own. */
export const PACK_SPECIALISTS = [
  'backend-architect',
  'backend-developer',
  'backend-unit-test-engineer',
  'backend-integration-test-engineer',
  'acceptance-test-engineer',
  'backend-reviewer',
  'backend-security-reviewer',
  'integration-developer',
  'aws-infrastructure-specialist',
] as const

export interface AgentFile {
  file: string
  stem: string
  name: string
  description: string
  /** `tools` exactly as the front matter lists it, split into entries (undefined = key absent). */
  tools: string[] | undefined
  disallowedTools: string[]
  model: string | undefined
  skills: string[]
  memory: string | undefined
  permissionMode: string | undefined
  body: string
  yamlError: string | undefined
}

export interface SkillFile {
  dir: string
  file: string
  name: string | undefined
  description: string
  whenToUse: string | undefined
  body: string
}

export interface Pack {
  root: string
  agents: AgentFile[]
  skills: SkillFile[]
}

const FM = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/

function splitFrontmatter(text: string): { fm: string; body: string } | undefined {
  const m = FM.exec(text)
  if (!m) return undefined
  return { fm: m[1] ?? '', body: text.slice(m[0].length) }
}

/** Claude Code's list syntax: a YAML list, or a string split on commas and whitespace outside parentheses. */
export function splitToolList(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .filter((v): v is string => typeof v === 'string')
      .map((s) => s.trim())
      .filter(Boolean)
  if (typeof value !== 'string') return []
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of value) {
    if (ch === '(') depth++
    if (ch === ')') depth = Math.max(0, depth - 1)
    if (depth === 0 && (ch === ',' || /\s/.test(ch))) {
      if (cur.trim()) out.push(cur.trim())
      cur = ''
    } else cur += ch
  }
  if (cur.trim()) out.push(cur.trim())
  return out
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

export function readAgentFile(file: string): AgentFile {
  const text = fs.readFileSync(file, 'utf8')
  const stem = path.basename(file, '.md')
  const split = splitFrontmatter(text)
  let data: Record<string, unknown> = {}
  let yamlError: string | undefined
  if (!split) yamlError = 'no front matter block'
  else {
    try {
      const parsed = parseYaml(split.fm) as unknown
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>
      else yamlError = 'front matter is not a mapping'
    } catch (err) {
      yamlError = (err as Error).message.split('\n')[0]
    }
  }
  const hasTools = Object.prototype.hasOwnProperty.call(data, 'tools')
  return {
    file,
    stem,
    name: str(data.name) ?? stem,
    description: str(data.description) ?? '',
    tools: hasTools ? splitToolList(data.tools) : undefined,
    disallowedTools: splitToolList(data.disallowedTools),
    model: str(data.model),
    skills: splitToolList(data.skills),
    memory: str(data.memory),
    permissionMode: str(data.permissionMode),
    body: split?.body ?? text,
    yamlError,
  }
}

export function readSkillFile(file: string): SkillFile {
  const text = fs.readFileSync(file, 'utf8')
  const split = splitFrontmatter(text)
  let data: Record<string, unknown> = {}
  try {
    data = (split ? (parseYaml(split.fm) as Record<string, unknown>) : {}) ?? {}
  } catch {
    data = {}
  }
  return {
    dir: path.basename(path.dirname(file)),
    file,
    name: str(data.name),
    description: str(data.description) ?? '',
    whenToUse: str(data.when_to_use),
    body: split?.body ?? text,
  }
}

export function readPack(root: string): Pack {
  const agentsDir = path.join(root, 'agents')
  const skillsDir = path.join(root, 'skills')
  const agents = fs.existsSync(agentsDir)
    ? fs
        .readdirSync(agentsDir)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => readAgentFile(path.join(agentsDir, f)))
    : []
  const skills = fs.existsSync(skillsDir)
    ? fs
        .readdirSync(skillsDir)
        .sort()
        .map((d) => path.join(skillsDir, d, 'SKILL.md'))
        .filter((f) => fs.existsSync(f))
        .map(readSkillFile)
    : []
  return { root, agents, skills }
}

export type InstallMode = 'project' | 'plugin'

/** The id Claude Code gives an agent or skill in each install mode: bare in `.claude/`, `backend-team:<name>` as a plugin. */
export function idFor(mode: InstallMode, name: string): string {
  return mode === 'plugin' ? `${PLUGIN_NAME}:${name}` : name
}

// ---------------------------------------------------------------------------------------------------------------------
// The mapping from an agent file's `tools` to the tool set Claude Code 2.1.332 sends for it, probed in -p runs with an
// API key (see scripts/harness/README.md). Only these rules; anything else is passed through, so a typo fails the test.

/** Legacy names Claude Code rewrites before lookup. */
export const LEGACY_TOOL_NAMES: Record<string, string> = {
  Task: 'Agent',
  KillShell: 'TaskStop',
  KillBash: 'TaskStop',
  ProposeGoal: 'SetGoal',
}

/** Not offered at all in a `-p` session with an API key, so dropped from any list that names them. */
export const NOT_OFFERED_IN_PRINT_MODE = [
  'AskUserQuestion',
  'TaskCreate',
  'TaskGet',
  'TaskList',
  'TaskUpdate',
  'TaskOutput',
  'TodoWrite',
  'LSP',
  'REPL',
  'SendUserMessage',
  'SendUserFile',
  'PushNotification',
  'WaitForMcpServers',
  'ConnectGitHub',
  'Artifact',
  'RemoteTrigger',
  'StructuredOutput',
  'SetGoal',
  'PowerShell',
  'ListMcpResourcesTool',
  'ReadMcpResourceTool',
]

/** Removed from every subagent (ExitPlanMode survives under permissionMode: plan). */
export const REMOVED_FOR_SUBAGENTS = ['ScheduleWakeup', 'Workflow', 'EnterPlanMode', 'ExitPlanMode']

/** Removed from background subagents (the Agent tool launches subagents in the background by default in 2.1.332). */
export const REMOVED_FOR_BACKGROUND = ['CronCreate', 'CronDelete', 'CronList', 'ListAgents', 'ReportFindings']

/** What a background subagent gets for `tools: "*"` or no `tools` key (ToolSearch is infrastructure, see below). */
export const BACKGROUND_ALL_TOOLS = [
  'Agent',
  'Bash',
  'Edit',
  'EnterWorktree',
  'ExitWorktree',
  'Monitor',
  'NotebookEdit',
  'Read',
  'SendMessage',
  'Skill',
  'TaskStop',
  'WebFetch',
  'WebSearch',
  'Write',
]

/**
 * Names Claude Code adds or uses for deferred loading, never declared by an agent: `ToolSearch` and the
 * `DeferredToolPlaceholder` stub. They are ignored when comparing tool sets.
 */
export const INFRASTRUCTURE_TOOLS = ['ToolSearch', 'DeferredToolPlaceholder']

function baseToolName(entry: string): string {
  const paren = entry.indexOf('(')
  const name = paren >= 0 ? entry.slice(0, paren).trim() : entry.trim()
  return LEGACY_TOOL_NAMES[name] ?? name
}

/**
 * The tools a background subagent (depth 1) should receive, sorted, from the agent's own front matter:
 * `Tool(rule)` → `Tool`; legacy names mapped; `Grep`/`Glob` dropped when `Bash` is listed; tools not offered in `-p`,
 * removed for subagents or for background agents dropped; `disallowedTools` applied; `memory` adds Read/Write/Edit;
 * `permissionMode: plan` keeps `ExitPlanMode`. An absent `tools` key or `*` means the background "all tools" set.
 */
export function expectedSubagentTools(agent: AgentFile): string[] {
  let names: string[]
  if (agent.tools === undefined || agent.tools.some((t) => t.trim() === '*')) names = [...BACKGROUND_ALL_TOOLS]
  else names = agent.tools.map(baseToolName)
  if (agent.memory && ['user', 'project', 'local'].includes(agent.memory) && agent.tools !== undefined) names.push('Read', 'Write', 'Edit')
  const set = new Set(names)
  if (set.has('Bash')) {
    set.delete('Grep')
    set.delete('Glob')
  }
  for (const t of [...NOT_OFFERED_IN_PRINT_MODE, ...REMOVED_FOR_BACKGROUND]) set.delete(t)
  for (const t of REMOVED_FOR_SUBAGENTS) if (!(t === 'ExitPlanMode' && agent.permissionMode === 'plan')) set.delete(t)
  for (const t of agent.disallowedTools.map(baseToolName)) set.delete(t)
  return [...set].sort()
}

/**
 * The tools the orchestrator gets as the main thread (`--agent`): the same front-matter mapping, except that nothing is
 * removed for being a subagent or a background agent (only what `-p` never offers).
 */
export function expectedMainThreadTools(agent: AgentFile): string[] {
  const set = new Set((agent.tools ?? []).map(baseToolName))
  if (set.has('Bash')) {
    set.delete('Grep')
    set.delete('Glob')
  }
  for (const t of NOT_OFFERED_IN_PRINT_MODE) set.delete(t)
  for (const t of agent.disallowedTools.map(baseToolName)) set.delete(t)
  return [...set].sort()
}

/** The `Agent(a, b, …)` allowlist of an agent's `tools`, or undefined when it has none. */
export function agentAllowlist(agent: AgentFile): string[] | undefined {
  for (const t of agent.tools ?? []) {
    const m = /^(?:Agent|Task)\((.*)\)$/s.exec(t.trim())
    if (m) return splitToolList(m[1] ?? '')
  }
  return undefined
}

/** Model aliases as 2.1.332 resolves them with an API key (probed); `inherit`/absent means the session model. */
export const MODEL_ALIASES: Record<string, string> = {
  sonnet: 'claude-sonnet-5-5',
  'sonnet[1m]': 'claude-sonnet-5-5',
  opusplan: 'claude-sonnet-5-5',
  opus: 'claude-opus-5-5',
  'opus[1m]': 'claude-opus-5-5',
  best: 'claude-opus-5-5',
  haiku: 'claude-haiku-5-5',
  fable: 'claude-fable-5-2',
  'fable[1m]': 'claude-fable-5-2',
}

export function expectedModel(agent: AgentFile, sessionModel: string): string {
  const m = agent.model?.trim()
  if (!m || m.toLowerCase() === 'inherit') return sessionModel
  return MODEL_ALIASES[m.toLowerCase()] ?? m
}

/**
 * The listing line Claude Code writes for an agent: `- <id>: <description> (Tools: <tools as declared, joined by ", ">)`;
 * "All tools" when `tools` is absent or empty (even though an empty list spawns with zero tools).
 */
export function expectedAgentListingLine(mode: InstallMode, agent: AgentFile): string {
  // `backend-team install` writes an Agent(...) allowlist with the bare names only (the `backend-team:` ones are the plugin's).
  const asInstalled = (tool: string) =>
    mode === 'project'
      ? tool.replace(
          /^Agent\((.*)\)$/,
          (_all, list: string) =>
            `Agent(${list
              .split(', ')
              .filter((n) => !n.startsWith('backend-team:'))
              .join(', ')})`,
        )
      : tool
  const tools = agent.tools === undefined || agent.tools.length === 0 ? 'All tools' : agent.tools.map(asInstalled).join(', ')
  return `- ${idFor(mode, agent.name)}: ${agent.description} (Tools: ${tools})`
}

/** Skill listing descriptions are cut to 1536 characters (1535 + `…`). */
export function expectedSkillListingLine(mode: InstallMode, skill: SkillFile): string {
  const id = idFor(mode, skill.dir)
  const display = skill.name && skill.name !== skill.dir ? ` (${idFor(mode, skill.name)})` : ''
  let desc = skill.description + (skill.whenToUse ? ` - ${skill.whenToUse}` : '')
  if (desc.length > 1536) desc = desc.slice(0, 1535) + '…'
  return `- ${id}${display}: ${desc}`
}
