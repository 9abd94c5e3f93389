import { join, relative, sep } from 'node:path'
import { walkFiles, type FileSystem } from './file-system.ts'
import { sha256 } from './hash.ts'
import { scanDefinitions, type Definition } from './names.ts'

/** One file of the pack as shipped in the package. */
export interface PackFile {
  /** Path inside `.claude/`, POSIX separators: `agents/backend-developer.md`, `skills/gateway-backend/SKILL.md`. */
  rel: string
  source: string
  content: Buffer
  sha256: string
  executable: boolean
}

export interface Pack {
  root: string
  files: PackFile[]
  definitions: Definition[]
}

/**
 * The package folders that Claude Code reads from `.claude/`, copied there when the package has them. (A plugin's
 * `hooks/` is not among them: in `.claude/` hooks live in settings.json.)
 */
export const packFolders = ['agents', 'skills', 'commands', 'output-styles'] as const

/** Reads every file of the pack: all regular files under the pack folders, except dot-files. */
export function readPack(fs: FileSystem, root: string): Pack {
  const files: PackFile[] = []
  for (const folder of packFolders) {
    walkFiles(fs, join(root, folder), (path) => {
      const content = fs.readFile(path)
      if (content)
        files.push({
          rel: relative(root, path).split(sep).join('/'),
          source: path,
          content,
          sha256: sha256(content),
          executable: fs.isExecutable(path),
        })
    })
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
  return { root, files, definitions: scanDefinitions(fs, root) }
}
