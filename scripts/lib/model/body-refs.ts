/**
 * What a markdown body refers to: skills and agents it names as things to load or dispatch, and where it asks for the
 * Skill or Agent tool. Read from the body scan and a few patterns (no markdown parser), once per file.
 */
import type { LoadedFile } from '../load/loaded-file.ts'

/** A name (or a phrase) in the body, with file offsets. */
export interface BodyRef {
  name: string
  start: number
  end: number
}

export interface BodyRefs {
  /** Skills: "the `x` skill", `Skill("x")`, `skill: "x"`, the first column of a table headed "Skill". */
  skills: BodyRef[]
  /** Agent types: `subagent_type: "x"`, "the `x` agent/specialist/subagent", the first column of a table headed "Agent" or "Specialist". */
  agents: BodyRef[]
  /** First place the body has the agent load a skill on demand ("Skill tool", `Skill(`, "invoke the `x` skill"). */
  skillToolUse: BodyRef | null
  /** First place the body delegates (`subagent_type`, "Agent tool", "Task tool", "dispatch `x`", "delegate to `x`"). */
  delegation: BodyRef | null
}

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*(?::[a-z0-9]+(?:-[a-z0-9]+)*)*$/
/** Agent names in prose must have a `-` or a plugin `:`; a single backticked word is too often something else. */
const isAgentToken = (s: string) => kebab.test(s) && /[-:]/.test(s)
const isSkillToken = (s: string) => kebab.test(s)

const quotedName = `["']([A-Za-z0-9][\\w.:-]*)["']`
const skillCall = new RegExp(`\\bSkill\\(\\s*(?:skill\\s*[:=]\\s*)?${quotedName}`, 'g')
const skillField = new RegExp(`\\bskill["']?\\s*[:=]\\s*${quotedName}`, 'g')
const subagentType = new RegExp(`\\bsubagent_type["']?\\s*[:=]\\s*${quotedName}`, 'g')
const followingWord = /^`*[ \t]+(skills?|agents?|subagents?|specialists?)\b/i
const skillVerb = /\b(?:invok(?:e|es|ed|ing)|load(?:s|ed|ing)?|use[sd]?|using|read(?:s|ing)?)\b/i
/** "dispatch `x`", "dispatch the `x`", "delegate to `x`": the verb right before the name's opening backticks. */
const delegateVerb = /\b(?:dispatch(?:es|ed|ing)?|delegat(?:e|es|ed|ing)\s+to)\s+(?:(?:the|a|an|to)\s+)?`+$/i
const skillToolPhrase = /\bSkill(?:`?\s+tool\b|\()/g
const agentToolPhrase = /\b(?:Agent|Task)`?\s+tool\b|\bsubagent_type\b/g
const tableDelimiter = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/
const skillHeader = /\bskills?\b/i
const agentHeader = /\b(?:sub)?agents?\b|\bspecialists?\b/i

const cache = new WeakMap<LoadedFile, BodyRefs>()

export function bodyRefs(file: LoadedFile): BodyRefs {
  let refs = cache.get(file)
  if (!refs) cache.set(file, (refs = scan(file)))
  return refs
}

function scan(file: LoadedFile): BodyRefs {
  const text = file.text
  const base = file.bodyOffset
  const skills: BodyRef[] = []
  const agents: BodyRef[] = []
  let skillToolUse: BodyRef | null = null
  let delegation: BodyRef | null = null
  const earliest = (current: BodyRef | null, next: BodyRef) => (!current || next.start < current.start ? next : current)

  for (const span of file.scan.codeSpans) {
    if (!kebab.test(span.text)) continue
    const ref = { name: span.text, start: span.start, end: span.end }
    const before = sentenceBefore(text, span.start)
    const after = followingWord.exec(text.slice(span.end, span.end + 24))
    if (after && after[1]!.toLowerCase().startsWith('skill')) {
      skills.push(ref)
      if (skillVerb.test(before)) skillToolUse = earliest(skillToolUse, ref)
    } else if (after && isAgentToken(span.text)) {
      agents.push(ref)
    }
    if (isAgentToken(span.text) && delegateVerb.test(before)) delegation = earliest(delegation, ref)
  }
  for (const pattern of [skillCall, skillField]) for (const ref of matches(text, base, pattern)) skills.push(ref)
  for (const ref of matches(text, base, subagentType)) agents.push(ref)
  tables(file, (header, ref) => {
    if (skillHeader.test(header) && isSkillToken(ref.name)) skills.push(ref)
    if (agentHeader.test(header) && isAgentToken(ref.name)) agents.push(ref)
  })

  const skillPhrase = first(text, base, skillToolPhrase)
  if (skillPhrase) skillToolUse = earliest(skillToolUse, skillPhrase)
  const agentPhrase = first(text, base, agentToolPhrase)
  if (agentPhrase) delegation = earliest(delegation, agentPhrase)
  return { skills: unique(skills), agents: unique(agents), skillToolUse, delegation }
}

/** Text before `offset` on its line, from the start of its sentence: where "invoke" or "dispatch" would stand. */
function sentenceBefore(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const window = text.slice(Math.max(lineStart, offset - 100), offset)
  return window.split(/[.!?;](?:\s|$)/).pop() ?? ''
}

/** Matches of a global pattern in the text from `from` on; group 1 is the name. */
function matches(text: string, from: number, pattern: RegExp): BodyRef[] {
  const out: BodyRef[] = []
  pattern.lastIndex = from
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index + m[0].lastIndexOf(m[1]!)
    out.push({ name: m[1]!, start, end: start + m[1]!.length })
  }
  return out
}

/** The first match of a global pattern from `from` on, as a reference to the phrase. */
function first(text: string, from: number, pattern: RegExp): BodyRef | null {
  pattern.lastIndex = from
  const m = pattern.exec(text)
  return m ? { name: m[0], start: m.index, end: m.index + m[0].length } : null
}

function unique(refs: BodyRef[]): BodyRef[] {
  const seen = new Set<number>()
  return refs.sort((a, b) => a.start - b.start).filter((r) => !seen.has(r.start) && seen.add(r.start))
}

/** Calls `visit` with the header's first cell and each backticked name in the first column of every table outside fences. */
function tables(file: LoadedFile, visit: (header: string, ref: BodyRef) => void): void {
  const text = file.text
  const fences = file.scan.fences
  const lineEnd = (from: number) => {
    const at = text.indexOf('\n', from)
    return at === -1 ? text.length : at
  }
  const lineAt = (start: number, end: number) => text.slice(start, end).replace(/\r$/, '')
  // Only lines with a `|` can be tables, and they are few: jump from one to the next.
  for (let pipe = text.indexOf('|', file.bodyOffset); pipe !== -1;) {
    const at = text.lastIndexOf('\n', pipe - 1) + 1
    let next = lineEnd(pipe) + 1
    const headStart = text.lastIndexOf('\n', at - 2) + 1
    if (
      at > file.bodyOffset &&
      headStart >= file.bodyOffset &&
      tableDelimiter.test(lineAt(at, next - 1)) &&
      !fences.some((f) => f.start <= at && at <= f.contentEnd)
    ) {
      const head = lineAt(headStart, at - 1)
      if (head.includes('|')) {
        const header = firstCell(head).text
        for (let row = next; row < text.length; row = next) {
          const line = lineAt(row, (next = lineEnd(row) + 1) - 1)
          if (!line.includes('|') || line.trim() === '') break
          const cell = firstCell(line)
          for (const c of cell.text.matchAll(/(`+)([^`]+?)\1/g)) {
            const name = c[2]!.trim()
            const start = row + cell.start + c.index + c[1]!.length + c[2]!.indexOf(name)
            visit(header, { name, start, end: start + name.length })
          }
        }
      }
    }
    pipe = next < text.length ? text.indexOf('|', next) : -1
  }
}

/** The first cell of a table row: up to the first `|` that is not escaped or inside backticks. */
function firstCell(line: string): { text: string; start: number } {
  let i = 0
  while (line[i] === ' ' || line[i] === '\t') i++
  if (line[i] === '|') i++
  const start = i
  let ticks = 0
  for (; i < line.length; i++) {
    const ch = line[i]
    if (ch === '\\') i++
    else if (ch === '`') {
      let run = 1
      while (line[i + run] === '`') run++
      ticks = ticks === 0 ? run : ticks === run ? 0 : ticks
      i += run - 1
    } else if (ch === '|' && ticks === 0) break
  }
  return { text: line.slice(start, i), start }
}
