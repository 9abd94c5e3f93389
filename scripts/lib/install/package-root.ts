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

/** The version recorded in the lock: package.json's, else the plugin manifest's (a pack folder without npm files). */
export function packageVersion(root: string): string {
  for (const manifest of ['package.json', join('.claude-plugin', 'plugin.json')]) {
    try {
      const version = (JSON.parse(readFileSync(join(root, manifest), 'utf8')) as { version?: unknown }).version
      if (typeof version === 'string') return version
    } catch {
      // try the next manifest
    }
  }
  return '0.0.0'
}
