/**
 * A single-pass scan of a markdown body for what the checks need: fenced blocks, inline code, links and
 * HTML comments, with file offsets. A full mdast parse (remark) costs about a millisecond per agent file,
 * which alone would exceed the validator's time budget on large packs; the generator, which rewrites
 * markdown, uses remark.
 */

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

const fenceOpen = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\r\n]*?)[ \t]*$/
const linkDestination = /!?\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\r\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g
const referenceDefinition = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:\s*(<[^>\r\n]*>|\S+)/

export function scanBody(text: string, offset: number, end: number = text.length): BodyScan {
  const scan: BodyScan = { fences: [], codeSpans: [], links: [], comments: [], lineCount: 0 }
  let fence: (Fence & { marker: string }) | null = null
  let pos = offset
  while (pos < end || (pos === end && scan.lineCount === 0)) {
    let next = text.indexOf('\n', pos)
    if (next === -1 || next > end) next = end
    const line = text.slice(pos, next).replace(/\r$/, '')
    scan.lineCount++
    if (fence) {
      const closing = line.match(/^ {0,3}(`{3,}|~{3,})[ \t]*$/)
      if (closing && closing[1]![0] === fence.marker[0] && closing[1]!.length >= fence.marker.length) {
        fence.contentEnd = pos
        fence.closed = true
        scan.fences.push(fence)
        fence = null
      }
    } else {
      const open = line.match(fenceOpen)
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
        const [lang = '', ...rest] = open[2]!.split(/\s+/)
        fence = { marker: open[1]!, lang: lang.toLowerCase(), meta: rest.join(' '), start: pos, contentStart: Math.min(next + 1, end), contentEnd: end, closed: false }
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

function scanInline(line: string, lineOffset: number, scan: BodyScan): void {
  // Most prose lines hold no code span, comment or link: skip the character walk and the regexes for them.
  const hasCode = line.includes('`') || line.includes('<!--')
  if (!hasCode && !line.includes('](') && !line.includes(']:')) return
  const masked = hasCode ? maskCodeAndComments(line, lineOffset, scan) : line
  const definition = masked.match(referenceDefinition)
  if (definition) {
    const target = definition[1]!.replace(/^<|>$/g, '')
    const start = lineOffset + masked.indexOf(definition[1]!)
    scan.links.push({ text: target, start: start + (definition[1]!.startsWith('<') ? 1 : 0), end: start + definition[1]!.length })
    return
  }
  linkDestination.lastIndex = 0
  for (let m = linkDestination.exec(masked); m; m = linkDestination.exec(masked)) {
    const raw = m[1]!
    const at = m.index + m[0].lastIndexOf(raw)
    const angled = raw.startsWith('<')
    scan.links.push({ text: angled ? raw.slice(1, -1) : raw, start: lineOffset + at + (angled ? 1 : 0), end: lineOffset + at + raw.length })
  }
}

/** Records code spans and comments on the line and returns it with them blanked, so links inside code are ignored. */
function maskCodeAndComments(line: string, lineOffset: number, scan: BodyScan): string {
  let out = ''
  let copied = 0
  let i = 0
  while (i < line.length) {
    const tick = line.indexOf('`', i)
    const comment = line.indexOf('<!--', i)
    if (tick === -1 && comment === -1) break
    if (comment !== -1 && (tick === -1 || comment < tick)) {
      const close = line.indexOf('-->', comment + 4)
      const stop = close === -1 ? line.length : close + 3
      scan.comments.push({ text: line.slice(comment + 4, close === -1 ? line.length : close).trim(), start: lineOffset + comment, end: lineOffset + stop })
      out += line.slice(copied, comment) + ' '.repeat(stop - comment)
      copied = i = stop
      continue
    }
    if (tick > 0 && line[tick - 1] === '\\') {
      i = tick + 1
      continue
    }
    let run = 1
    while (line[tick + run] === '`') run++
    const ticks = '`'.repeat(run)
    let close = line.indexOf(ticks, tick + run)
    while (close !== -1 && line[close + run] === '`') close = line.indexOf(ticks, close + run + 1)
    if (close === -1) {
      i = tick + run
      continue
    }
    const raw = line.slice(tick + run, close)
    const trimmed = raw.length > 2 && raw.startsWith(' ') && raw.endsWith(' ') ? raw.slice(1, -1) : raw
    const lead = raw.indexOf(trimmed)
    // Only single tokens are kept: names, tools and paths are what checks look up, and prose-sized spans
    // (`go test ./...`) would only cost memory on large packs.
    if (!/\s/.test(trimmed)) scan.codeSpans.push({ text: trimmed, start: lineOffset + tick + run + lead, end: lineOffset + tick + run + lead + trimmed.length })
    out += line.slice(copied, tick) + ' '.repeat(close + run - tick)
    copied = i = close + run
  }
  return copied === 0 ? line : out + line.slice(copied)
}
