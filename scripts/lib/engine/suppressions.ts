import type { Diagnostic, Span } from './diagnostics.ts'
import type { SourceText } from '../load/source-text.ts'
import { closest, didYouMean } from '../check-support/suggest.ts'

/**
 * Inline suppressions, in a YAML comment (`# backend-team-disable-next-line rule-id`) or an HTML comment
 * (`<!-- backend-team-disable-next-line rule-id -->`). Without rule ids they silence every rule; text after ` -- ` is
 * a reason and is ignored.
 *
 * `backend-team-disable` silences from its line up to a later `backend-team-enable` naming the same rule (or none);
 * with no such enable after it, it covers the whole file, as it always has (so a front-matter error can be silenced
 * from the body).
 */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line'
  /** Rule ids named, or 'all'. */
  rules: string[] | 'all'
  at: Span
  /** Rule ids this directive silenced a report of ('*' for an all-rules directive). */
  used: Set<string>
}

/** A line range [from, to) where a rule is silenced, and the directive that silences it. */
interface Block {
  from: number
  to: number
  by: Directive
}

// The rest of the line is taken whole and cut at `-->` by hand: a lazy group before `[ \t]*(?:-->|$)` retried the
// tail at every space of a long line (quadratic).
const directivePattern = /(?:#|<!--)[ \t]*backend-team-(disable-next-line|disable|enable)([^\r\n]*)/g

/**
 * A token worth reporting: shaped like a rule id (`group/name`), or close to one. Prose after a `#` directive in a
 * README's examples ("… in front matter") is neither, so it is not taken for a typo.
 */
function looksLikeRuleId(token: string, knownRules: ReadonlySet<string>): boolean {
  return /^[a-z0-9-]+\/[a-z0-9-]+$/i.test(token) || closest(token, knownRules) !== undefined
}

export function parseDirectives(source: SourceText): Directive[] {
  const text = source.text
  if (!text.includes('backend-team-')) return []
  const directives: Directive[] = []
  directivePattern.lastIndex = 0
  for (let m = directivePattern.exec(text); m; m = directivePattern.exec(text)) {
    const rest = m[2]!
    if (rest !== '' && !/^[ \t]/.test(rest) && !rest.startsWith('-->')) continue
    const close = rest.indexOf('-->')
    const end = close === -1 ? m.index + m[0].length : m.index + m[0].length - rest.length + close + 3
    const ids = (close === -1 ? rest : rest.slice(0, close))
      .split(/\s--\s|^--\s/)[0]!
      .split(/[\s,]+/)
      .filter(Boolean)
    directives.push({
      kind: m[1] as Directive['kind'],
      rules: ids.length > 0 ? ids : 'all',
      at: source.span(m.index, end),
      used: new Set(),
    })
  }
  return directives
}

const names = (d: Directive, ruleId: string) => d.rules === 'all' || d.rules.includes(ruleId)

/** One file's directives, with the blocks of each rule worked out on first use. */
export class FileSuppressions {
  private readonly blocks = new Map<string, Block[]>()

  constructor(readonly directives: Directive[]) {}

  /** Whether a report of `ruleId` on `line` is silenced; the directive that silences it is marked used. */
  suppresses(ruleId: string, line: number): boolean {
    if (this.directives.length === 0) return false
    const next = this.directives.find((d) => d.kind === 'disable-next-line' && d.at.line + 1 === line && names(d, ruleId))
    const by = next ?? this.blocksOf(ruleId).find((b) => b.from <= line && line < b.to)?.by
    if (!by) return false
    by.used.add(by.rules === 'all' ? '*' : ruleId)
    return true
  }

  private blocksOf(ruleId: string): Block[] {
    let list = this.blocks.get(ruleId)
    if (list) return list
    list = []
    let open: Directive | null = null
    for (const d of this.directives) {
      if (!names(d, ruleId)) continue
      if (d.kind === 'disable' && !open) open = d
      else if (d.kind === 'enable' && open) {
        list.push({ from: open.at.line, to: d.at.line, by: open })
        open = null
      }
    }
    if (open) list.push({ from: 1, to: Infinity, by: open })
    this.blocks.set(ruleId, list)
    return list
  }
}

export const unknownRuleId = 'suppressions/unknown-rule'
export const unusedDirectiveId = 'suppressions/unused-directive'

/**
 * Warnings about a file's directives: rule ids that name no rule (with the closest known one) and, when asked,
 * disable comments that silenced nothing. Run after every check has reported.
 */
export function directiveProblems(
  path: string,
  suppressions: FileSuppressions,
  knownRules: ReadonlySet<string>,
  reportUnused: boolean,
): Diagnostic[] {
  const problems: Diagnostic[] = []
  const warn = (d: Directive, ruleId: string, message: string) =>
    problems.push({ file: path, ruleId, severity: 'warning', message, ...d.at })
  for (const d of suppressions.directives) {
    const named = d.rules === 'all' ? [] : d.rules
    for (const id of named) {
      if (knownRules.has(id) || !looksLikeRuleId(id, knownRules)) continue
      warn(
        d,
        unknownRuleId,
        `Unexpected unknown rule \`${id}\` in a backend-team-${d.kind} comment, expected a rule id${didYouMean(id, knownRules)}`,
      )
    }
    if (!reportUnused || d.kind === 'enable') continue
    if (d.rules === 'all') {
      if (d.used.size === 0)
        warn(
          d,
          unusedDirectiveId,
          `Unexpected backend-team-${d.kind} comment that silences nothing, expected a problem where it applies (remove it)`,
        )
      continue
    }
    const unused = named.filter((id) => knownRules.has(id) && !d.used.has(id))
    if (unused.length > 0)
      warn(
        d,
        unusedDirectiveId,
        `Unexpected ${unused.map((id) => `\`${id}\``).join(', ')} in a backend-team-${d.kind} comment that silences no such problem, expected a problem where it applies (remove the id)`,
      )
  }
  return problems
}
