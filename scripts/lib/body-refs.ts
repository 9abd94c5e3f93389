/**
 * What a markdown body refers to: skills and agents it names as things to load or dispatch, and where it asks for the
 * Skill or Agent tool. Read from the body scan and a few patterns (no markdown parser), once per file.
 */
import type { LoadedFile } from './load/loaded-file.ts'

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
const skillToolPhrase = /`?\bSkill`?\s+tool\b|\bSkill\(/
const agentToolPhrase = /`?\b(?:Agent|Task)`?\s+tool\b|\bsubagent_type\b/
const tableDelimiter = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/
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
  const body = file.body
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
  for (const pattern of [skillCall, skillField]) for (const ref of matches(body, base, pattern)) skills.push(ref)
  for (const ref of matches(body, base, subagentType)) agents.push(ref)
  tables(file, (header, ref) => {
    if (skillHeader.test(header) && isSkillToken(ref.name)) skills.push(ref)
    if (agentHeader.test(header) && isAgentToken(ref.name)) agents.push(ref)
  })

  const skillPhrase = skillToolPhrase.exec(body)
  if (skillPhrase) skillToolUse = earliest(skillToolUse, { name: skillPhrase[0], start: base + skillPhrase.index, end: base + skillPhrase.index + skillPhrase[0].length })
  const agentPhrase = agentToolPhrase.exec(body)
  if (agentPhrase) delegation = earliest(delegation, { name: agentPhrase[0], start: base + agentPhrase.index, end: base + agentPhrase.index + agentPhrase[0].length })
  return { skills: unique(skills), agents: unique(agents), skillToolUse, delegation }
}

/** Text before `offset` on its line, from the start of its sentence: where "invoke" or "dispatch" would stand. */
function sentenceBefore(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const window = text.slice(Math.max(lineStart, offset - 100), offset)
  return window.split(/[.!?;](?:\s|$)/).pop() ?? ''
}

function matches(body: string, base: number, pattern: RegExp): BodyRef[] {
  return [...body.matchAll(pattern)].map((m) => {
    const start = base + m.index + m[0].lastIndexOf(m[1]!)
    return { name: m[1]!, start, end: start + m[1]!.length }
  })
}

function unique(refs: BodyRef[]): BodyRef[] {
  const seen = new Set<number>()
  return refs.sort((a, b) => a.start - b.start).filter((r) => !seen.has(r.start) && seen.add(r.start))
}

/** Calls `visit` with the header's first cell and each backticked name in the first column of every table outside fences. */
function tables(file: LoadedFile, visit: (header: string, ref: BodyRef) => void): void {
  const text = file.text
  const fences = file.scan.fences
  const lines: { text: string; start: number }[] = []
  let fence = 0
  for (let pos = file.bodyOffset; pos < text.length;) {
    let next = text.indexOf('\n', pos)
    if (next === -1) next = text.length
    while (fence < fences.length && fences[fence]!.contentEnd < pos) fence++
    const inFence = fence < fences.length && fences[fence]!.start <= pos
    if (!inFence) lines.push({ text: text.slice(pos, next).replace(/\r$/, ''), start: pos })
    else lines.push({ text: '', start: pos })
    pos = next + 1
  }
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = lines[i]!
    const delimiter = lines[i + 1]!.text
    if (!head.text.includes('|') || !delimiter.includes('|') || !tableDelimiter.test(delimiter)) continue
    const header = firstCell(head.text).text
    let j = i + 2
    for (; j < lines.length && lines[j]!.text.includes('|') && lines[j]!.text.trim() !== ''; j++) {
      const row = lines[j]!
      const cell = firstCell(row.text)
      for (const m of cell.text.matchAll(/(`+)([^`]+?)\1/g)) {
        const name = m[2]!.trim()
        const start = row.start + cell.start + m.index + m[1]!.length + m[2]!.indexOf(name)
        visit(header, { name, start, end: start + name.length })
      }
    }
    i = j - 1
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
