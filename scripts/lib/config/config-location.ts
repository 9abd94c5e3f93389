import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { readSource } from '../load/read-source.ts'

export const configFileName = 'backend-team.config.json'

/** True when `dir/package.json` carries a `backend-team` key. Read through readSource: a FIFO or a huge file is no config. */
export function packageJsonHasConfig(dir: string): boolean {
  const path = join(dir, 'package.json')
  if (!existsSync(path)) return false
  const read = readSource(path)
  if (!read.ok) return false
  try {
    const data = JSON.parse(read.text) as unknown
    return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.hasOwn(data, 'backend-team')
  } catch {
    return false
  }
}

/**
 * The configuration file of a project, like ESLint: the nearest `backend-team.config.json` or package.json with a
 * `backend-team` key, from the project root up to the git work tree's root (never into the home folder).
 */
export function findConfigFile(root: string): string | null {
  const home = homedir()
  for (let dir = root; ; dir = dirname(dir)) {
    if (dir === home && dir !== root) return null
    if (existsSync(join(dir, configFileName))) return join(dir, configFileName)
    if (packageJsonHasConfig(dir)) return join(dir, 'package.json')
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return null
  }
}
