import { applyEdits, findNodeAtLocation, format, modify, parseTree, type FormattingOptions, type JSONPath } from 'jsonc-parser'

/** The indentation a JSON file already uses (two spaces when it has none), so an edit looks like the rest. */
function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  '
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol }
}

/**
 * Sets `path` to `value` by editing the text in place: every other byte (order, spacing, comments) stays as written,
 * and only the new value and its separators are laid out, in the file's own indentation. A number at the end of the
 * path inserts into an array at that index.
 */
export function setJsonValue(text: string, path: JSONPath, value: unknown): string {
  const options = formattingOf(text)
  // The outermost part of the path that is new (`lint-staged` when package.json has none) is what gets laid out.
  const before = parseTree(text)
  let depth = 1
  while (depth < path.length && before && findNodeAtLocation(before, path.slice(0, depth))) depth++
  const edited = applyEdits(text, modify(text, path, value, { isArrayInsertion: typeof path.at(-1) === 'number' }))
  const node = findNodeAtLocation(parseTree(edited)!, path.slice(0, depth))
  if (!node?.parent) return edited
  const item = node.parent.type === 'property' ? node.parent : node
  const container = item.parent!
  const index = container.children!.indexOf(item)
  const previous = container.children![index - 1]
  const isLast = index === container.children!.length - 1
  // Format from the separator before the new item to the container's end when it is last (so the closing bracket
  // moves to its own line), and never a byte of the neighbours' own layout.
  const start = previous ? previous.offset + previous.length : container.offset
  const end = isLast ? container.offset + container.length : item.offset + item.length
  return applyEdits(edited, format(edited, { offset: start, length: end - start }, options))
}

/** Removes `path` (an array item or a property) by editing the text in place, with its separator. */
export function removeJsonValue(text: string, path: JSONPath): string {
  return applyEdits(text, modify(text, path, undefined, { formattingOptions: formattingOf(text) }))
}
