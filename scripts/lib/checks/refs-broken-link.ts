// A relative link to a file that is not there sends the agent (and the reader) nowhere.
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { defineCheck } from '../engine/check.ts'
import { offsetSpan } from '../check-support/locate.ts'
import { didYouMean } from '../check-support/suggest.ts'

/** Links that are not local paths: a URL scheme (`https:`, `mailto:`), an in-page anchor, an absolute path, a placeholder. */
const notLocal = /^(?:[a-z][a-z0-9+.-]*:|#|\/)|\$\{|[<{]/i

/**
 * The link's path as the file system sees it. Percent escapes that are not UTF-8 (`caf%E9.md`, a Latin-1 name) are
 * taken as the raw bytes of the name, so such a file is found rather than reported missing.
 */
function decode(path: string): string | Buffer {
  try {
    return decodeURIComponent(path)
  } catch {
    if (!/%[0-9a-f]{2}/i.test(path)) return path
    const bytes: Buffer[] = []
    for (const part of path.split(/(%[0-9a-f]{2})/i))
      bytes.push(/^%[0-9a-f]{2}$/i.test(part) ? Buffer.from([parseInt(part.slice(1), 16)]) : Buffer.from(part))
    return Buffer.concat(bytes)
  }
}

export default defineCheck({
  id: 'refs/broken-link',
  description: 'Relative markdown links to files or folders that do not exist',
  rationale:
    'Agents and skills point the model at reference files by relative link; a missing target costs a failed Read at run time and leaves the agent without the material. A link that leaves the project is never resolved in an installed plugin.',
  defaultSeverity: 'warning',
  scope: 'file',
  kinds: ['agent', 'skill', 'command', 'markdown'],
  messages: {
    leavesProject: 'Unexpected link `{{target}}` leaving the project, expected a path inside the scanned folder (it is not followed)',
    linkedOutside:
      'Unexpected link `{{target}}` that a symbolic link takes out of the project, expected a path inside it (it is not followed)',
    missing: 'Unexpected link to a missing file `{{target}}`, expected an existing file or folder{{suggestion}}',
  },
  check({ file, project, report }) {
    for (const link of file.scan.links) {
      const target = link.text.trim()
      if (target === '' || notLocal.test(target)) continue
      const decoded = decode(target.replace(/[?#].*$/, ''))
      const path = typeof decoded === 'string' ? decoded : decoded.toString('latin1')
      if (path === '') continue
      const abs = resolve(dirname(file.path), path)
      const onDisk = typeof decoded === 'string' ? abs : Buffer.concat([Buffer.from(dirname(file.path) + sep), decoded])
      const rel = relative(file.scope.root, abs)
      const at = offsetSpan(file, link.start, link.end)
      if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
        report({
          messageId: 'leavesProject',
          data: { target },
          at,
        })
      } else if (project.disk.kindOf(onDisk) === 'outside') {
        report({ messageId: 'linkedOutside', data: { target }, at })
      } else if (project.disk.missing(onDisk)) {
        report({
          messageId: 'missing',
          data: { target, suggestion: didYouMean(basename(abs), project.disk.list(dirname(abs))) },
          at,
        })
      }
    }
  },
})
