import { join, relative, sep } from 'node:path'
import type { FileSystem } from './file-system.ts'
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

/** The folders of the package that are copied into a project's `.claude/`. */
export const packFolders = ['agents', 'skills'] as const

/** Reads every file of the pack: all regular files under agents/ and skills/, except dot-files. */
export function readPack(fs: FileSystem, root: string): Pack {
  const files: PackFile[] = []
  const walk = (dir: string, depth: number) => {
    if (depth > 20) return
    for (const entry of fs.list(dir)) {
      if (entry.name.startsWith('.')) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory) walk(path, depth + 1)
      else if (entry.isFile) {
        const content = fs.readFile(path)
        if (!content) continue
        files.push({ rel: relative(root, path).split(sep).join('/'), source: path, content, sha256: sha256(content), executable: fs.isExecutable(path) })
      }
    }
  }
  for (const folder of packFolders) walk(join(root, folder), 0)
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
  return { root, files, definitions: scanDefinitions(fs, root) }
}
