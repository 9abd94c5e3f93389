import pkg from '../../../package.json' with { type: 'json' }

/**
 * What Claude Code loads, as paths relative to a repository's top level: agents, skills, commands and settings under
 * any `.claude/`, plugin and marketplace manifests, and the folders of a plugin at the top level. Never a Go package
 * under `internal/agents/` or an ordinary doc. Every hook recipe matches with these (tests check they agree).
 */
export const claudeFileGlobs = [
  '**/.claude/{agents,skills,commands}/**/*.md',
  '**/.claude/settings{,.local}.json',
  '**/.claude-plugin/{plugin,marketplace}.json',
  '{agents,skills,commands}/**/*.md',
  'hooks/hooks.json',
] as const

/** The same set as one regular expression, in the syntax both JavaScript and Python (pre-commit's `files:`) read. */
export const claudeFilePattern =
  '^((.*/)?\\.claude/((agents|skills|commands)/.*\\.md|settings(\\.local)?\\.json)|(.*/)?\\.claude-plugin/(plugin|marketplace)\\.json|(agents|skills|commands)/.*\\.md|hooks/hooks\\.json)$'

/**
 * One glob for lint-staged, whose keys are single patterns. Inside braces a leading `**\/` needs at least one folder,
 * so each such glob is also given without it.
 */
export const lintStagedGlob = `{${claudeFileGlobs.flatMap((g) => (g.startsWith('**/') ? [g.slice(3), g] : [g])).join(',')}}`

/** The check every git hook runs: the commit as staged, the whole project, so a deleted skill an agent needs is seen. */
export const stagedCheck = 'backend-team validate --staged'
/** The check a hook with no file list runs: a commit in a repository with no Claude Code file yet is no error. */
export const wholeCommitCheck = `${stagedCheck} --no-error-on-unmatched-pattern`
/** From a package.json script or hook runner, the locally installed package, never a download. */
export const localStagedCheck = `npx --no-install ${wholeCommitCheck}`

/** The repository, from package.json `repository`: the one place the URL is set. */
export function repositoryUrl(): string {
  const repo = (pkg as { repository?: string | { url?: string } }).repository
  const url = typeof repo === 'string' ? repo : (repo?.url ?? '')
  return url.replace(/^git\+/, '').replace(/\.git$/, '')
}

/** The release tag of this version, which pre-commit's `rev:` and the CI install use. */
export const releaseTag = `v${pkg.version}`

/** An npm install spec for this version from git: needs no registry entry and runs no build. */
export function gitInstallSpec(): string {
  return `git+${repositoryUrl()}.git#${releaseTag}`
}

/** The first line of every file `init` writes: a file with it is init's, kept as it is on later runs. */
export const initMarker = 'Written by `backend-team init`'
