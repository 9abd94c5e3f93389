/**
 * Builds a generated table as mdast and writes it with remark, so escaping (pipes, backticks, `<`, `*`) follows GFM
 * exactly instead of a hand-rolled string join. Cell text is one line: runs of white space, newlines included,
 * become one space, since a table row cannot span lines.
 */
import type { PhrasingContent, Root, Table, TableCell, Text } from 'mdast'
import type { Handle, Unsafe } from 'mdast-util-to-markdown'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'

/**
 * A cell: plain text (escaped as needed), inline markdown written by us (rendered), an inline code span, a link, or
 * parts written one after the other.
 */
export type Cell = string | { markdown: string } | { code: string } | { link: string; href: string } | Cell[]

const oneLine = (text: string) => text.replace(/\s+/g, ' ')

const inlineParser = unified().use(remarkParse)

/**
 * remark escapes a character only where one of its unsafe patterns names it; text without any of those characters
 * (and without white space at its ends, where line-break patterns apply) comes out unchanged. Returning such text
 * as is skips about fifty pattern checks per cell, which matters for a README that lists thousands of agents.
 */
const plainText = new WeakMap<readonly Unsafe[], RegExp>()
const text: Handle = (node: Text, parent, state, info) => {
  let unsafe = plainText.get(state.unsafe)
  if (!unsafe) {
    const chars = [...new Set(state.unsafe.map((p) => p.character))].filter((c) => c !== ' ')
    plainText.set(
      state.unsafe,
      (unsafe = new RegExp(`[${chars.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]|^\\s|\\s$`)),
    )
  }
  if (!unsafe.test(node.value) && !state.stack.includes('autolink')) return node.value
  // What remark's own text handler does.
  const siblings = parent ? parent.children : []
  const index = state.indexStack[state.indexStack.length - 1]!
  return state.safe(node.value, { ...info, beforeNode: siblings[index - 1], afterNode: siblings[index + 1] })
}
const writer = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, { handlers: { text } })

/**
 * Longer markdown cells are written as escaped text: micromark resolves link and emphasis openers in time quadratic in
 * their number (a 25 KB cell of `[a](` took 8 s), and no table cell worth reading is this long.
 */
export const maxMarkdownCell = 2_000

/** Inline content of a one-paragraph markdown string; anything else (a heading, a list, raw HTML) stays text. */
function inlineMarkdown(source: string): PhrasingContent[] {
  const text = oneLine(source).trim()
  if (text.length > maxMarkdownCell) return [{ type: 'text', value: text }]
  const root = inlineParser.parse(text)
  const only = root.children.length === 1 ? root.children[0] : undefined
  if (only?.type !== 'paragraph') return [{ type: 'text', value: text }]
  return only.children.map((node) => (node.type === 'html' ? { type: 'text', value: node.value } : node))
}

function phrasing(cell: Cell): PhrasingContent[] {
  if (Array.isArray(cell)) return cell.flatMap(phrasing)
  if (typeof cell === 'string') return cell === '' ? [] : [{ type: 'text', value: oneLine(cell) }]
  if ('markdown' in cell) return inlineMarkdown(cell.markdown)
  if ('code' in cell) return [{ type: 'inlineCode', value: oneLine(cell.code) }]
  return [{ type: 'link', url: cell.href, children: [{ type: 'text', value: oneLine(cell.link) }] }]
}

/** Cells separated by commas, as one cell. */
export function commaList(cells: Cell[]): Cell {
  return cells.flatMap((cell, i) => (i === 0 ? [cell] : [', ', cell]))
}

export interface TableData {
  header: string[]
  rows: Cell[][]
}

const trimmed = (cell: Cell): Cell => (typeof cell === 'string' ? oneLine(cell).trim() : cell)

export function tableNode(data: TableData): Table {
  const row = (cells: Cell[]) => ({
    type: 'tableRow' as const,
    children: data.header.map((_, i): TableCell => ({ type: 'tableCell', children: phrasing(trimmed(cells[i] ?? '')) })),
  })
  return { type: 'table', align: data.header.map(() => null), children: [row(data.header), ...data.rows.map(row)] }
}

/** The table as GFM, one row per line, ending with a newline. */
export function stringifyTable(data: TableData): string {
  const root: Root = { type: 'root', children: [tableNode(data)] }
  return writer.stringify(root)
}
