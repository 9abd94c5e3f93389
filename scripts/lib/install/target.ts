import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** The default install target: the git work tree holding `cwd` (a `.git` folder or file), else `cwd` itself. */
export function defaultTarget(cwd: string): string {
  let dir = resolve(cwd)
  for (;;) {
    if (existsSync(resolve(dir, '.git'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return resolve(cwd)
    dir = parent
  }
}
