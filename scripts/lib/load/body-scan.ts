/**
 * A single-pass scan of a markdown body for what the checks need: fenced blocks, inline code, links and
 * HTML comments, with file offsets. A full mdast parse (remark) costs about a millisecond per agent file,
 * which alone would exceed the validator's time budget on large packs; the generator, which rewrites
 * markdown, uses remark.
 */
import { checkDeadline } from '../engine/budget.ts'

export interface Fence {
  /** First word of the info string (`json`). */
  lang: string
  /** The rest of the info string (`contract=specialist-result`). */
  meta: string
  /** Offset of the opening fence line. */
  start: number
  contentStart: number
  contentEnd: number
  closed: boolean
}

export interface Span {
  text: string
  start: number
  end: number
}

export interface BodyScan {
  fences: Fence[]
  /** Inline code spans outside fences that hold one token (no white space); `text` is the code, `start` its first character. */
  codeSpans: Span[]
  /** Link destinations outside fences and code; `text` is the destination, `start` its first character. */
  links: Span[]
  /** HTML comments outside fences; `text` is the inside, trimmed. */
  comments: Span[]
  /** Number of lines in the body. */
  lineCount: number
}

/**
 * Every pattern here runs on one line and is linear in it: the info string is taken whole and trimmed by hand (a
 * `[ \t]*$` after a lazy group retried the tail at every space), and link text is found by a character walk (the
 * pattern `\[(?:[^\]\\]|\\.)*\]` restarted at every `[`, 19 s on a 300 KB line).
 */
const fenceOpen = /^ {0,3}(`{3,}|~{3,})(.*)$/
/** What follows `](`, matched at one position only (sticky). */
const linkTail = /\(\s*(<[^>\r\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/y
const referenceDefinition = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:\s*(<[^>\r\n]*>|\S+)/

export function scanBody(text: string, offset: number, end: number = text.length): BodyScan {
  const scan: BodyScan = { fences: [], codeSpans: [], links: [], comments: [], lineCount: 0 }
  let fence: (Fence & { marker: string }) | null = null
  let pos = offset
  while (pos < end || (pos === end && scan.lineCount === 0)) {
    let next = text.indexOf('\n', pos)
    if (next === -1 || next > end) next = end
    const line = text.slice(pos, next > pos && text.charCodeAt(next - 1) === 13 ? next - 1 : next)
    scan.lineCount++
    checkDeadline()
    if (!mayBeFence(line)) {
      if (!fence) scanInline(line, pos, scan)
    } else if (fence) {
      const closing = line.match(/^ {0,3}(`{3,}|~{3,})[ \t]*$/)
      if (closing && closing[1]![0] === fence.marker[0] && closing[1]!.length >= fence.marker.length) {
        fence.contentEnd = pos
        fence.closed = true
        scan.fences.push(fence)
        fence = null
      }
    } else {
      const open = line.match(fenceOpen)
      const info = open ? open[2]!.trim() : ''
      if (open && !(open[1]![0] === '`' && info.includes('`'))) {
        const [lang = '', ...rest] = info.split(/\s+/)
        fence = {
          marker: open[1]!,
          lang: lang.toLowerCase(),
          meta: rest.join(' '),
          start: pos,
          contentStart: Math.min(next + 1, end),
          contentEnd: end,
          closed: false,
        }
      } else {
        scanInline(line, pos, scan)
      }
    }
    if (next >= end) break
    pos = next + 1
  }
  if (fence) scan.fences.push(fence)
  return scan
}

/** Whether the line can open or close a fence: up to three spaces, then a backtick or a tilde. */
function mayBeFence(line: string): boolean {
  for (let i = 0; i < 4 && i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c === 96 || c === 126) return true
    if (c !== 32) return false
  }
  return false
}

function scanInline(line: string, lineOffset: number, scan: BodyScan): void {
  // Most prose lines hold no code span, comment or link: skip the character walk and the regexes for them.
  const hasCode = line.includes('`') || line.includes('<!--')
  const hasLink = line.includes('](') || line.includes(']:')
  if (!hasLink) {
    if (hasCode) maskCodeAndComments(line, lineOffset, scan, false)
    return
  }
  const masked = hasCode ? maskCodeAndComments(line, lineOffset, scan, true) : line
  const definition = masked.match(referenceDefinition)
  if (definition) {
    const target = definition[1]!.replace(/^<|>$/g, '')
    const start = lineOffset + masked.indexOf(definition[1]!)
    scan.links.push({ text: target, start: start + (definition[1]!.startsWith('<') ? 1 : 0), end: start + definition[1]!.length })
    return
  }
  for (const { raw, at } of inlineLinks(masked)) {
    const angled = raw.startsWith('<')
    scan.links.push({ text: angled ? raw.slice(1, -1) : raw, start: lineOffset + at + (angled ? 1 : 0), end: lineOffset + at + raw.length })
  }
}

/**
 * Inline link destinations (`[text](dest "title")`), in one pass: link text runs from the first `[` after the last
 * `]` to a `]` directly followed by a destination; a backslash escapes the next character.
 */
function inlineLinks(line: string): { raw: string; at: number }[] {
  const out: { raw: string; at: number }[] = []
  let open = -1
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '\\') {
      i++
    } else if (c === '[') {
      if (open === -1) open = i
    } else if (c === ']') {
      if (open !== -1 && line[i + 1] === '(') {
        linkTail.lastIndex = i + 1
        const m = linkTail.exec(line)
        if (m) {
          const raw = m[1]!
          out.push({ raw, at: i + 1 + m[0].indexOf(raw, 1) })
          i = linkTail.lastIndex - 1
        }
      }
      open = -1
    }
  }
  return out
}

/**
 * Records code spans and comments on the line and, with `mask`, returns it with them blanked so links inside code are
 * ignored (without, the line itself: there are no links to look for).
 */
function maskCodeAndComments(line: string, lineOffset: number, scan: BodyScan, mask: boolean): string {
  let out = ''
  let copied = 0
  let i = 0
  let runs: TickRuns | null = null
  while (i < line.length) {
    const tick = line.indexOf('`', i)
    const comment = line.indexOf('<!--', i)
    if (tick === -1 && comment === -1) break
    if (comment !== -1 && (tick === -1 || comment < tick)) {
      // `\<!--` is text (remark writes a description's `<!--` that way in a generated table), not a comment.
      if (comment > 0 && line[comment - 1] === '\\') {
        i = comment + 4
        continue
      }
      const close = line.indexOf('-->', comment + 4)
      const stop = close === -1 ? line.length : close + 3
      scan.comments.push({
        text: line.slice(comment + 4, close === -1 ? line.length : close).trim(),
        start: lineOffset + comment,
        end: lineOffset + stop,
      })
      if (mask) out += line.slice(copied, comment) + ' '.repeat(stop - comment)
      copied = i = stop
      continue
    }
    if (tick > 0 && line[tick - 1] === '\\') {
      i = tick + 1
      continue
    }
    let run = 1
    while (line[tick + run] === '`') run++
    runs ??= new TickRuns(line)
    const close = runs.next(run, tick + run)
    if (close === -1) {
      i = tick + run
      continue
    }
    const raw = line.slice(tick + run, close)
    const trimmed = raw.length > 2 && raw.startsWith(' ') && raw.endsWith(' ') ? raw.slice(1, -1) : raw
    const lead = raw.indexOf(trimmed)
    // Only single tokens are kept: names, tools and paths are what checks look up, and prose-sized spans
    // (`go test ./...`) would only cost memory on large packs.
    if (!/\s/.test(trimmed))
      scan.codeSpans.push({ text: trimmed, start: lineOffset + tick + run + lead, end: lineOffset + tick + run + lead + trimmed.length })
    if (mask) out += line.slice(copied, tick) + ' '.repeat(close + run - tick)
    copied = i = close + run
  }
  return !mask || copied === 0 ? line : out + line.slice(copied)
}

/**
 * The backtick runs of a line by length, so the run that closes a code span is found without searching the rest of the
 * line again for every opener (a line of runs of 1, 2, 3 … backticks took 17 s).
 */
class TickRuns {
  private readonly byLength = new Map<number, number[]>()
  private readonly cursor = new Map<number, number>()

  constructor(line: string) {
    for (let i = line.indexOf('`'); i !== -1;) {
      let end = i + 1
      while (line[end] === '`') end++
      const list = this.byLength.get(end - i)
      if (list) list.push(i)
      else this.byLength.set(end - i, [i])
      i = line.indexOf('`', end)
    }
  }

  /** Start of the first run of exactly `length` backticks at or after `from`; -1 when there is none. Calls must not go back. */
  next(length: number, from: number): number {
    const list = this.byLength.get(length)
    if (!list) return -1
    let k = this.cursor.get(length) ?? 0
    while (k < list.length && list[k]! < from) k++
    this.cursor.set(length, k)
    return k < list.length ? list[k]! : -1
  }
}
