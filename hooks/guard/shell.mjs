// A conservative reader of one Bash command line, for the PreToolUse guard. It never runs or expands anything: it
// splits the text into simple commands (argv words), records every operator, redirect, substitution and expansion it
// sees, and reports what it cannot read. Callers decide; when in doubt they deny.

/**
 * @typedef {{ text: string, expanded: boolean, glob: boolean, tilde: boolean }} Word
 *   `text` is the word with quotes removed; `expanded` = it holds `$…`, `$(…)` or a backtick (its value is unknown);
 *   `glob` = an unquoted `*`, `?` or `[`; `tilde` = an unquoted leading `~`.
 * @typedef {{ op: string, target: Word | undefined }} Redirect
 * @typedef {{ delimiter: string, quoted: boolean, body: string }} Heredoc
 * @typedef {{ words: Word[], redirects: Redirect[], heredocs: Heredoc[] }} SimpleCommand
 * @typedef {{
 *   commands: SimpleCommand[],
 *   operators: string[],
 *   substitutions: string[],
 *   problem: string | undefined,
 * }} ParsedLine
 */

const MAX_LENGTH = 100_000
const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')', '\n'])
const REDIRECT = /(?:\d*|&)(?:>>|>\||>&|>|<<<|<<-|<<|<>|<&|<)/y

/** The redirect operator that starts at `i` (`>`, `2>>`, `&>`, `<<-`, …), or undefined. */
function redirectAt(/** @type {string} */ line, /** @type {number} */ i) {
  REDIRECT.lastIndex = i
  return REDIRECT.exec(line)?.[0]
}

/**
 * Reads `line` into simple commands. Separators (`;`, `&&`, `||`, `|`, `|&`, `&`, newlines, `(`, `)`) end a command
 * and are listed in `operators`; `$(…)`, backticks and `<(…)`/`>(…)` are listed in `substitutions` with their text.
 * @param {string} line
 * @returns {ParsedLine}
 */
export function parseCommandLine(line) {
  /** @type {ParsedLine} */
  const out = { commands: [], operators: [], substitutions: [], problem: undefined }
  if (typeof line !== 'string') return { ...out, problem: 'the command is not a string' }
  if (line.length > MAX_LENGTH) return { ...out, problem: `the command is longer than ${MAX_LENGTH} characters` }
  /** @type {SimpleCommand} */
  let current = { words: [], redirects: [], heredocs: [] }
  /** @type {Heredoc[]} */
  let pendingHeredocs = []
  let i = 0
  const endCommand = () => {
    if (current.words.length || current.redirects.length) out.commands.push(current)
    current = { words: [], redirects: [], heredocs: [] }
  }
  const fail = (/** @type {string} */ why) => {
    out.problem = why
    return out
  }
  while (i < line.length) {
    const ch = line[i]
    if (ch === ' ' || ch === '\t') {
      i++
      continue
    }
    if (ch === '\\' && line[i + 1] === '\n') {
      i += 2
      continue
    }
    if (ch === '#') {
      while (i < line.length && line[i] !== '\n') i++
      continue
    }
    if (ch === '\n' && pendingHeredocs.length) {
      // Heredoc bodies start on the line after the redirect and end at a line that is exactly the delimiter.
      i++
      for (const doc of pendingHeredocs) {
        const lines = []
        for (;;) {
          if (i >= line.length) return fail(`the here-document is not closed by a line \`${doc.delimiter}\``)
          const end = line.indexOf('\n', i)
          const text = end < 0 ? line.slice(i) : line.slice(i, end)
          i = end < 0 ? line.length : end + 1
          if ((doc.stripTabs ? text.replace(/^\t+/, '') : text) === doc.delimiter) break
          lines.push(text)
        }
        doc.heredoc.body = lines.join('\n')
      }
      pendingHeredocs = []
      endCommand()
      out.operators.push('\n')
      continue
    }
    if (OPERATOR_CHARS.has(ch)) {
      const two = line.slice(i, i + 2)
      const op = two === '&&' || two === '||' || two === '|&' || two === ';;' ? two : ch
      if (op === '&' && line[i + 1] === '>') {
        // `&>file` is a redirect, read below as a word start.
      } else {
        endCommand()
        out.operators.push(op)
        i += op.length
        continue
      }
    }
    const op = redirectAt(line, i)
    if (op) {
      i += op.length
      if ((op.endsWith('<') || op.endsWith('>')) && line[i] === '(') {
        const sub = readBalanced(line, i + 1)
        if (sub === undefined) return fail('a process substitution is not closed')
        out.substitutions.push(sub.text)
        i = sub.end
        continue
      }
      while (line[i] === ' ' || line[i] === '\t') i++
      const word = readWord(line, i, out)
      if (word === undefined) return fail(out.problem ?? 'a quote is not closed')
      i = word.end
      if (word.word === undefined) return fail(`the redirect \`${op}\` has no target`)
      current.redirects.push({ op, target: word.word })
      if (op.endsWith('<<') || op.endsWith('<<-')) {
        /** @type {Heredoc} */
        const heredoc = { delimiter: word.word.text, quoted: word.quoted, body: '' }
        current.heredocs.push(heredoc)
        pendingHeredocs.push({ delimiter: word.word.text, stripTabs: op.endsWith('-'), heredoc })
      }
      continue
    }
    const word = readWord(line, i, out)
    if (word === undefined) return fail(out.problem ?? 'a quote is not closed')
    i = word.end
    if (word.word) current.words.push(word.word)
  }
  if (pendingHeredocs.length) return fail(`the here-document is not closed by a line \`${pendingHeredocs[0].delimiter}\``)
  endCommand()
  return out
}

/**
 * Reads one word from `i`: quotes removed, `$`-expansions and substitutions flagged (and substitutions recorded).
 * @param {string} line
 * @param {number} i
 * @param {ParsedLine} out
 * @returns {{ word: Word | undefined, end: number, quoted: boolean } | undefined}
 */
function readWord(line, i, out) {
  let text = ''
  let expanded = false
  let glob = false
  let quoted = false
  const tilde = line[i] === '~'
  const start = i
  while (i < line.length) {
    const ch = line[i]
    // `a>b` is the word `a` and a redirect; digits right before `>` stay in the word (`-count=1>x`: the word `-count=1`).
    if (ch === ' ' || ch === '\t' || ch === '<' || ch === '>' || OPERATOR_CHARS.has(ch)) break
    if (ch === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) return undefined
      text += line.slice(i + 1, end)
      quoted = true
      i = end + 1
      continue
    }
    if (ch === '"') {
      quoted = true
      i++
      for (;;) {
        if (i >= line.length) return undefined
        const c = line[i]
        if (c === '"') {
          i++
          break
        }
        if (c === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          text += line[i + 1] === '\n' ? '' : line[i + 1]
          i += 2
          continue
        }
        if (c === '$' || c === '`') {
          const sub = readExpansion(line, i, out)
          if (sub === undefined) return undefined
          expanded ||= sub.expanded
          text += sub.text
          i = sub.end
          continue
        }
        text += c
        i++
      }
      continue
    }
    if (ch === '\\') {
      if (i + 1 < line.length) text += line[i + 1]
      i += 2
      continue
    }
    if (ch === '$' || ch === '`') {
      const sub = readExpansion(line, i, out)
      if (sub === undefined) return undefined
      expanded ||= sub.expanded
      text += sub.text
      i = sub.end
      continue
    }
    if (ch === '*' || ch === '?' || ch === '[') glob = true
    text += ch
    i++
  }
  if (i === start) return { word: undefined, end: i + 1, quoted }
  return { word: { text, expanded, glob, tilde }, end: i, quoted }
}

/**
 * At a `$` or backtick: `$(…)` and backticks are substitutions, `$name`/`${…}`/`$1` expansions; a lone `$` is text.
 * @param {string} line
 * @param {number} i
 * @param {ParsedLine} out
 */
function readExpansion(line, i, out) {
  if (line[i] === '`') {
    const end = line.indexOf('`', i + 1)
    if (end < 0) return undefined
    out.substitutions.push(line.slice(i + 1, end))
    return { text: line.slice(i, end + 1), expanded: true, end: end + 1 }
  }
  const next = line[i + 1] ?? ''
  if (next === '(') {
    const sub = readBalanced(line, i + 2)
    if (sub === undefined) return undefined
    out.substitutions.push(sub.text)
    return { text: line.slice(i, sub.end), expanded: true, end: sub.end }
  }
  if (next === '{') {
    const end = line.indexOf('}', i + 2)
    if (end < 0) return undefined
    return { text: line.slice(i, end + 1), expanded: true, end: end + 1 }
  }
  const name = /^(?:[A-Za-z_]\w*|[0-9?#@*$!-])/.exec(line.slice(i + 1))
  if (name) return { text: line.slice(i, i + 1 + name[0].length), expanded: true, end: i + 1 + name[0].length }
  return { text: '$', expanded: false, end: i + 1 }
}

/** The text up to the `)` that closes an opening before `from`, skipping quoted parts. */
function readBalanced(/** @type {string} */ line, /** @type {number} */ from) {
  let depth = 1
  for (let i = from; i < line.length; i++) {
    const c = line[i]
    if (c === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) return undefined
      i = end
    } else if (c === '\\') i++
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return { text: line.slice(from, i), end: i + 1 }
  }
  return undefined
}
