// Claude Code 2.1.332's own reading of a settings permission rule (`Tool` or `Tool(content)`), ported from the CLI's
// validator so the verdicts match: an invalid rule is skipped on its own at load time, a suspicious one loads but
// matches less (or nothing) of what it says.
import { legacyToolReplacement } from '../vocabulary.ts'

export type RuleList = 'allow' | 'deny' | 'ask'

export type RuleVerdict = { valid: true; warning?: string } | { valid: false; error: string; suggestion?: string }

const filePatternTools = new Set(['Read', 'Write', 'Edit', 'Glob', 'NotebookRead', 'NotebookEdit', 'Cd'])
/** Tools whose content rules file permission checks never consult, and the tool whose rules they should use. */
const unmatchedFileTools: Readonly<Record<string, string>> = { Write: 'Edit', NotebookEdit: 'Edit', MultiEdit: 'Edit', Glob: 'Read' }

/** True when the character at `at` is preceded by an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let count = 0
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) count++
  return count % 2 !== 0
}

function firstUnescaped(text: string, ch: string): number {
  for (let i = 0; i < text.length; i++) if (text[i] === ch && !escaped(text, i)) return i
  return -1
}

function lastUnescaped(text: string, ch: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (text[i] === ch && !escaped(text, i)) return i
  return -1
}

function countUnescaped(text: string, ch: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) if (text[i] === ch && !escaped(text, i)) n++
  return n
}

type Shape = { kind: 'bare' } | { kind: 'malformed' } | { kind: 'call'; toolName: string; rawContent: string }

/** The rule's outer form: a bare name, `Tool(content)` ending at the last unescaped `)`, or malformed. */
export function ruleShape(rule: string): Shape {
  if (!rule.includes('(') && !rule.includes(')')) return { kind: 'bare' }
  const open = firstUnescaped(rule, '(')
  const close = lastUnescaped(rule, ')')
  if (open === -1 && close === -1) return { kind: 'bare' }
  const name = rule.slice(0, open)
  if (open === -1 || close <= open || close !== rule.length - 1 || /[()]/.test(name)) return { kind: 'malformed' }
  return { kind: 'call', toolName: name, rawContent: rule.slice(open + 1, close) }
}

/** Tool name (legacy names resolved) and content (escapes removed; `*` and empty content mean the whole tool). */
function parts(rule: string): { toolName: string; content?: string } {
  const shape = ruleShape(rule)
  const resolve = (name: string) => legacyToolReplacement[name] ?? name
  if (shape.kind !== 'call' || !shape.toolName) return { toolName: resolve(rule) }
  if (shape.rawContent === '' || shape.rawContent === '*') return { toolName: resolve(shape.toolName) }
  const content = shape.rawContent.replaceAll('\\(', '(').replaceAll('\\)', ')').replaceAll('\\\\', '\\')
  return { toolName: resolve(shape.toolName), content }
}

/** `mcp__server` or `mcp__server__tool`, split; null for any other name. */
function mcpName(name: string): { server: string; tool?: string } | null {
  const prefix = 'mcp__'
  if (!name.startsWith(prefix)) return null
  const split = name.indexOf('__', prefix.length)
  if (split === -1) return name.length > prefix.length ? { server: name.slice(prefix.length) } : null
  if (split === prefix.length) return null
  return { server: name.slice(prefix.length, split), tool: name.slice(split + 2) }
}

/** A wildcard in the tool name of an allow rule is refused unless it follows a literal `mcp__<server>__`. */
function wildcardAllow(name: string): RuleVerdict | null {
  if (!name.includes('*')) return null
  const mcp = mcpName(name)
  if (mcp && !mcp.server.includes('*')) return null
  return {
    valid: false,
    error: `Wildcard tool name "${name}" is not supported in allow rules`,
    suggestion: 'only `mcp__<server>__*` style names may hold a wildcard in an allow rule',
  }
}

/** `Bash(prefix:*)`'s prefix, or null. */
function colonStarPrefix(content: string): string | null {
  return /^(.+):\*$/s.exec(content)?.[1] ?? null
}

function hasUnescapedStar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text[i] === '*' && !escaped(text, i)) return true
  return false
}

/** How Claude Code 2.1.332 reads one rule of `permissions.<list>`. */
export function checkPermissionRule(rule: string, list: RuleList): RuleVerdict {
  if (rule.trim() === '') return { valid: false, error: 'Permission rule cannot be empty' }
  const shape = ruleShape(rule)
  if (shape.kind === 'malformed')
    return { valid: false, error: 'Malformed Tool(content) rule', suggestion: 'write `Tool` or `Tool(content)`, ending at the closing `)`' }
  if (shape.kind === 'call' && shape.rawContent === '') {
    if (!shape.toolName) return { valid: false, error: 'Empty parentheses with no tool name' }
    return {
      valid: false,
      error: 'Empty parentheses',
      suggestion: `write \`${shape.toolName}\` for the whole tool, or put a pattern inside`,
    }
  }
  const { toolName, content } = parts(rule)
  const mcp = mcpName(toolName)
  if (mcp) {
    if (shape.kind === 'call')
      return {
        valid: false,
        error: 'MCP rules do not support patterns in parentheses',
        suggestion: `write \`${toolName}\`, or \`mcp__${mcp.server}__*\` for every tool of the server`,
      }
    return (list === 'allow' && wildcardAllow(toolName)) || { valid: true }
  }
  if (!toolName) return { valid: false, error: 'Tool name cannot be empty' }
  if (list === 'allow') {
    const refused = wildcardAllow(toolName)
    if (refused) return refused
  }
  if (!toolName.includes('_') && toolName[0] !== toolName[0]!.toUpperCase()) {
    return {
      valid: false,
      error: 'Tool names must start with uppercase',
      suggestion: `write \`${toolName[0]!.toUpperCase()}${toolName.slice(1)}\``,
    }
  }
  if (
    shape.kind === 'call' &&
    /(?:^|[^\\])\\[()]/.test(shape.rawContent) &&
    countUnescaped(shape.rawContent, '(') !== countUnescaped(shape.rawContent, ')')
  ) {
    return { valid: false, error: 'Ambiguous "\\(" or "\\)" beside an unescaped parenthesis' }
  }
  if (content === undefined) return { valid: true }
  if (toolName === 'WebSearch' && (content.includes('*') || content.includes('?')))
    return { valid: false, error: 'WebSearch does not support wildcards' }
  if (toolName === 'WebFetch') {
    if (content.includes('://') || content.startsWith('http'))
      return { valid: false, error: 'WebFetch permissions use domain format, not URLs', suggestion: 'write `WebFetch(domain:hostname)`' }
    if (!content.startsWith('domain:'))
      return { valid: false, error: 'WebFetch permissions must use "domain:" prefix', suggestion: 'write `WebFetch(domain:hostname)`' }
  }
  if (toolName === 'Bash') {
    if (content === ':*')
      return { valid: false, error: 'Prefix cannot be empty before :*', suggestion: 'put a command before `:*`, or write `Bash(npm *)`' }
    const prefix = colonStarPrefix(content)?.trimEnd()
    if (prefix !== undefined && hasUnescapedStar(prefix)) {
      return {
        valid: true,
        warning: `mixes \`*\` with the trailing \`:*\` prefix form, so the \`*\` is matched literally, not as a wildcard`,
      }
    }
    if (prefix === undefined && content.includes(':*') && !content.endsWith(':*')) {
      return {
        valid: true,
        warning: 'has a `:*` that is not at the end, so it is read as a `*` wildcard with a literal `:`, not as a prefix rule',
      }
    }
  }
  if (filePatternTools.has(toolName) && content.includes(':*'))
    return { valid: false, error: 'The ":*" syntax is only for Bash prefix rules', suggestion: 'use globs such as `src/**`' }
  const instead = unmatchedFileTools[toolName]
  if (instead && !content.includes(':*')) {
    return {
      valid: true,
      warning: `is never consulted by file permission checks (only \`${instead}(path)\` rules are); write \`${instead}(${content})\``,
    }
  }
  return { valid: true }
}
