// The pre-commit framework for real (Debian's `pre-commit`), with `repo:` pointing at a clone of this repository at
// the release tag: it installs the hook with no build (npm, without dev dependencies, so it needs the registry
// and runs in .ci/run only), refuses a staged broken agent, passes a good one, and never reports Go files or docs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { releaseTag, repositoryUrl } from '../../scripts/lib/init/recipes.ts'
import { git } from '../git-env.ts'
import { brokenAgent, brokenMessage, revisedAgent, userRepo } from './user.ts'

const tarball = inject('tarball')
const repoRoot = new URL('../..', import.meta.url).pathname
const work = mkdtempSync(join(tmpdir(), 'bt-pre-commit-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the pre-commit framework, from a tag', { timeout: 600_000 }, () => {
  it('refuses a broken agent, passes a good one, and never reports Go files or docs', () => {
    // A clone at the release tag, as pre-commit fetches it: only what is committed.
    const upstream = join(work, 'backend-team')
    git(repoRoot, 'clone', '--quiet', '--no-local', repoRoot, upstream)
    git(upstream, 'tag', '-f', releaseTag)

    const repo = userRepo({ packageJson: false })
    try {
      const prefix = `PRE_COMMIT_HOME=${join(work, 'pre-commit-home')} npm_config_offline=false`
      expect(repo.sh(`npm install --global ${tarball} && backend-team init --hook pre-commit`).status).toBe(0)
      const config = readFileSync(join(repo.root, '.pre-commit-config.yaml'), 'utf8')
      expect(config).toContain(`repo: ${repositoryUrl()}\n    rev: ${releaseTag}`)
      writeFileSync(join(repo.root, '.pre-commit-config.yaml'), config.replace(repositoryUrl(), upstream))

      repo.write('.claude/agents/go-reviewer.md', brokenAgent)
      repo.write('internal/agents/README.md', '# Sales agents\n\n[Broken](nowhere.md)\n')
      repo.write('internal/agents/agents.go', 'package agents\n\nfunc Route() {}\n')
      repo.sh('git add -A')
      repo.write('.claude/agents/go-reviewer.md', revisedAgent)
      const refused = repo.sh(`${prefix} pre-commit run`)
      expect(refused.status, refused.output).toBe(1)
      expect(refused.output).toContain('.claude/agents/go-reviewer.md')
      expect(refused.output).toContain(brokenMessage)
      expect(refused.output).not.toMatch(/agents\.go|internal\/agents\/README\.md|Cannot find package/)

      repo.sh('git add -A')
      const passed = repo.sh(`${prefix} pre-commit run`)
      expect(passed.status, passed.output).toBe(0)
      expect(passed.output).toMatch(/backend-team validate\.+Passed/)

      repo.sh('git commit -qm "Review agent, routing"')
      repo.write('internal/agents/agents.go', 'package agents\n\nfunc Route() { _ = 1 }\n')
      repo.sh('git add -A')
      const goOnly = repo.sh(`${prefix} pre-commit run`)
      expect(goOnly.status, goOnly.output).toBe(0)
      expect(goOnly.output).toMatch(/backend-team validate\.+\(no files to check\)Skipped/)
    } finally {
      repo.remove()
    }
  })
})
