import type { Span } from '../engine/diagnostics.ts'

/** Text of a file with fast offset → line/column lookups (1-based, columns in UTF-16 units like editors). */
export class SourceText {
  readonly text: string
  private starts: number[] | null = null

  constructor(text: string) {
    this.text = text
  }

  /** Line starts are computed on first use: most files produce no diagnostic and never need them. */
  private get lineStarts(): number[] {
    if (this.starts) return this.starts
    const text = this.text
    const starts = [0]
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      // \n, \r\n and a lone \r each end a line, as editors count them.
      if (c === 10) starts.push(i + 1)
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1)
    }
    this.starts = starts
    return starts
  }

  get lineCount(): number {
    return this.lineStarts.length
  }

  position(offset: number): { line: number; column: number } {
    let clamped = Math.max(0, Math.min(offset, this.text.length))
    // An offset between the \r and \n of a CRLF is the end of that line's text, not a column past it.
    if (clamped > 0 && this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13) clamped--
    let lo = 0
    let hi = this.lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.lineStarts[mid]! <= clamped) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: clamped - this.lineStarts[lo]! + 1 }
  }

  span(start: number, end: number = start): Span {
    const a = this.position(start)
    const b = this.position(Math.max(start, end))
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column }
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))]!
  }

  /** The text of a line without its line ending. */
  lineText(line: number): string {
    const start = this.lineStart(line)
    const next = line < this.lineStarts.length ? this.lineStarts[line]! : this.text.length
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '')
  }

  lineSpan(line: number): Span {
    const start = this.lineStart(line)
    return this.span(start, start + this.lineText(line).length)
  }
}
