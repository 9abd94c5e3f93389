import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { configFileName, packageJsonHasConfig } from '../config/config-location.ts'

/** Folders and files whose presence makes a folder the root of a Claude Code project, plugin or marketplace. */
const claudeMarkers = ['.claude-plugin', '.claude']
/** The component folders of a pack without a manifest. */
const packFolders = ['agents', 'skills', 'commands']
/** Files Claude Code reads at the folder it starts in: a folder given with one of them is a project of its own. */
const projectFiles = ['CLAUDE.md', 'CLAUDE.local.md', 'AGENTS.md', '.mcp.json']

/**
 * True when a folder given on the command line is a root of its own: a plugin, a marketplace, a project with
 * `.claude/`, a pack of `agents/` or `skills/`, a git work tree, a folder with a configuration file, or one with
 * CLAUDE.md, AGENTS.md or .mcp.json.
 */
export function isRootLike(dir: string): boolean {
  return [...claudeMarkers, ...packFolders, ...projectFiles, '.git', configFileName].some((m) => existsSync(join(dir, m)))
}

/**
 * The root of the project a folder belongs to, found by walking up like ESLint: the nearest folder with a
 * configuration file or a `.git`; without one, the outermost folder with `.claude-plugin` or `.claude` (so a plugin
 * inside a marketplace resolves to the marketplace); else the nearest folder holding `agents/`, `skills/` or
 * `commands/` (a bare pack); else the folder itself. The walk never climbs into the home folder, whose `.claude` is
 * the user's own scope, not a project.
 */
export function findProjectRoot(start: string): string {
  const home = homedir()
  let outermost: string | null = null
  let nearestPack: string | null = null
  for (let dir = start; ; dir = dirname(dir)) {
    if (dir === home && dir !== start) break
    if (existsSync(join(dir, '.git')) || existsSync(join(dir, configFileName)) || packageJsonHasConfig(dir)) return dir
    if (claudeMarkers.some((m) => existsSync(join(dir, m))) && dir !== home) outermost = dir
    if (!nearestPack && packFolders.some((m) => existsSync(join(dir, m)))) nearestPack = dir
    if (dirname(dir) === dir) break
  }
  return outermost ?? nearestPack ?? start
}
