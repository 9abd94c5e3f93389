// A relative link to a file that is not there sends the agent (and the reader) nowhere.
import { existsSync, readdirSync } from 'node:fs'
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { defineCheck } from '../check.ts'
import { offsetSpan } from '../locate.ts'
import { didYouMean } from '../suggest.ts'

/** Links that are not local paths: a URL scheme (`https:`, `mailto:`), an in-page anchor, an absolute path, a placeholder. */
const notLocal = /^(?:[a-z][a-z0-9+.-]*:|#|\/)|\$\{|[<{]/i

function decode(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

function siblings(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

export default defineCheck({
  id: 'refs/broken-link',
  description: 'Relative markdown links to files or folders that do not exist',
  rationale: 'Agents and skills point the model at reference files by relative link; a missing target costs a failed Read at run time and leaves the agent without the material. A link that leaves the project is never resolved in an installed plugin.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command', 'markdown'],
  check({ file, report }) {
    for (const link of file.scan.links) {
      const target = link.text.trim()
      if (target === '' || notLocal.test(target)) continue
      const path = decode(target.replace(/[?#].*$/, ''))
      if (path === '') continue
      const abs = resolve(dirname(file.path), path)
      const rel = relative(file.scope.root, abs)
      const at = offsetSpan(file, link.start, link.end)
      if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
        report({ message: `Unexpected link \`${target}\` leaving the project, expected a path inside the scanned folder (it is not followed)`, at })
      } else if (!existsSync(abs)) {
        report({ message: `Unexpected link to a missing file \`${target}\`, expected an existing file or folder${didYouMean(basename(abs), siblings(dirname(abs)))}`, at })
      }
    }
  },
})
