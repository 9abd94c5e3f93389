import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { UsageError } from '../commands/io.ts'

/**
 * The staged snapshot of a git repository: the files the index holds, written to a private temporary folder so the
 * validator sees exactly what the commit will contain, with no unstaged edit and no untracked file.
 */
export interface StagedSnapshot {
  /** The repository's top level in the working tree. */
  topLevel: string
  /** The temporary folder that mirrors `topLevel`. */
  root: string
  /** A working-tree path as the same path inside the snapshot. */
  toSnapshot(path: string): string
  /** A snapshot path back as the working-tree path; other paths are returned as they are. */
  fromSnapshot(path: string): string
  /** Removes the temporary folder. */
  dispose(): void
}

/**
 * Above this many index entries only the files the validator reads are exported (Markdown, JSON, YAML and links),
 * so a monorepo commit stays fast; below it the whole index is, so every link target exists as in the commit.
 */
export const wholeIndexLimit = 10_000

const readByValidator = /\.(md|json|ya?ml)$/i

function git(args: string[], cwd: string, input?: string): string {
  // GIT_INDEX_FILE, set by git for hooks (and pointing at a temporary index for `git commit <paths>`), is inherited.
  return execFileSync('git', args, { cwd, encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] })
}

function topLevelOf(cwd: string): string {
  try {
    return realpathSync(git(['rev-parse', '--show-toplevel'], cwd).trim())
  } catch {
    throw new UsageError('--staged needs a git repository: the working directory is not inside one')
  }
}

/** Index paths (stage 0 only: a conflicted path cannot be committed) with whether each is a symbolic link. */
function indexEntries(topLevel: string): { path: string; link: boolean }[] {
  const entries: { path: string; link: boolean }[] = []
  for (const record of git(['ls-files', '--stage', '-z'], topLevel).split('\0')) {
    const tab = record.indexOf('\t')
    if (tab < 0) continue
    const [mode, , stage] = record.slice(0, tab).split(' ')
    // Submodules (160000) are not files of this repository.
    if (stage === '0' && mode !== '160000') entries.push({ path: record.slice(tab + 1), link: mode === '120000' })
  }
  return entries
}

export function exportStagedSnapshot(cwd: string): StagedSnapshot {
  // A relative GIT_INDEX_FILE is relative to where git started this process; git below runs at the top level.
  if (process.env.GIT_INDEX_FILE && !isAbsolute(process.env.GIT_INDEX_FILE))
    process.env.GIT_INDEX_FILE = resolve(process.env.GIT_INDEX_FILE)
  const topLevel = topLevelOf(cwd)
  const entries = indexEntries(topLevel)
  const wanted = entries.length <= wholeIndexLimit ? entries : entries.filter((e) => e.link || readByValidator.test(e.path))
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'backend-team-staged-')))
  try {
    // An empty .git marks the snapshot as a repository's top level, as the working tree is, for project-root lookup.
    mkdirSync(join(root, '.git'))
    if (wanted.length > 0) {
      // checkout-index writes blobs from the index (honouring the repository's eol and filter settings, as a checkout
      // would), links as links; --prefix keeps every write inside the snapshot.
      git(['checkout-index', '--force', '-z', '--stdin', `--prefix=${root}${sep}`], topLevel, wanted.map((e) => e.path).join('\0'))
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true })
    throw error
  }
  // Paths are mapped through the working directory's real path (it may be reached through a link), and mapped back
  // to the working directory as given, so reports read as paths in the repository.
  const realCwd = realpathSync(cwd)
  const snapshotCwd = join(root, relative(topLevel, realCwd))
  // A working directory that holds no staged file still exists in the snapshot.
  mkdirSync(snapshotCwd, { recursive: true })
  return {
    topLevel,
    root,
    toSnapshot: (path) => {
      let abs = resolve(cwd, path)
      const fromCwd = relative(cwd, abs)
      if (!fromCwd.startsWith('..') && !isAbsolute(fromCwd)) abs = join(realCwd, fromCwd)
      const rel = relative(topLevel, abs)
      if (rel.startsWith('..') || isAbsolute(rel))
        throw new UsageError(`--staged checks files of the repository at ${topLevel}; ${path} is outside it`)
      return join(root, rel)
    },
    fromSnapshot: (path) => {
      const rel = relative(root, path)
      return rel.startsWith('..') || isAbsolute(rel) ? path : join(cwd, relative(snapshotCwd, path))
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  }
}
