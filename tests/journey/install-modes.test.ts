// The installed pack is valid where it lands: after each drop-in install mode, `validate` reports nothing, so the git
// hook `init` wrote accepts the commit that adds the pack. (The plugin mode is in journey.test.ts.)
import { afterEach, describe, expect, inject, it } from 'vitest'
import { userRepo, type UserRepo } from './user.ts'

const tarball = inject('tarball')
const repos: UserRepo[] = []
afterEach(() => {
  for (const r of repos.splice(0)) r.remove()
})

describe('after each install mode, validate reports nothing and commits go through', { timeout: 180_000 }, () => {
  it('project (.claude/): validate exits 0, and the commit that adds the pack is accepted by the staged check', () => {
    const repo = userRepo({ packageJson: true })
    repos.push(repo)
    expect(repo.sh(`npm install --save-dev ${tarball} && node_modules/.bin/backend-team init --hook git`).status).toBe(0)
    expect(repo.sh('node_modules/.bin/backend-team install').status).toBe(0)
    expect(repo.sh('node_modules/.bin/backend-team validate')).toEqual({ status: 0, output: '' })
    const commit = repo.sh('git add -A && git commit -qm "The backend-team pack"')
    expect(commit.status, commit.output).toBe(0)
  })

  it('user level (~/.claude/), then a project install: no conflict, and both validate', () => {
    const repo = userRepo({ packageJson: true })
    repos.push(repo)
    expect(repo.sh(`npm install --save-dev ${tarball}`).status).toBe(0)
    expect(repo.sh('node_modules/.bin/backend-team install --user').status).toBe(0)
    expect(repo.sh('node_modules/.bin/backend-team validate "$HOME/.claude"')).toEqual({ status: 0, output: '' })
    const project = repo.sh('node_modules/.bin/backend-team install')
    expect(project.status, project.output).toBe(0)
    expect(repo.sh('node_modules/.bin/backend-team validate')).toEqual({ status: 0, output: '' })
  })
})
