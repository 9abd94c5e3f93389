import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const packageName = 'backend-team'

/**
 * The folder of the installed backend-team package, whose agents/ and skills/ are what gets installed.
 * Walks up from this module: dist/cli.js in the bundle, scripts/lib/install/ in a source run.
 */
export function findPackageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === packageName) return dir
      } catch {
        // Not ours; keep walking.
      }
    }
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find the ${packageName} package above ${from}`)
    dir = parent
  }
}

export function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
}
