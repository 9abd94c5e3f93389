// dist/cli.js is committed (a plugin installed from git and the pre-commit framework run it with nothing to build), so
// it must be the bundle of the committed sources. The global set-up has just rebuilt it from the working tree.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' })

describe('the committed bundle', () => {
  it('is tracked, and equals a fresh build of the sources (run `npm run bundle` and stage dist/cli.js)', () => {
    expect(git('ls-files', 'dist').trim().split('\n')).toEqual(['dist/cli.js'])
    const stale = git('diff', '--stat', '--', 'dist/cli.js').trim()
    expect(stale, 'dist/cli.js differs from the staged bundle: run `npm run bundle`, then `git add dist/cli.js`').toBe('')
  })
})
