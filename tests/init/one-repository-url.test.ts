// The repository URL is set once, in package.json `repository`; the plugin manifests, the README and the recipes
// `init` writes say the same, and the README's recipes are the ones `init` writes.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { lintStagedGlob, releaseTag, repositoryUrl, stagedCheck } from '../../scripts/lib/init/recipes.ts'
import { preCommitRepo } from '../../scripts/lib/init/templates.ts'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')
const readme = read('README.md')
const pkg = JSON.parse(read('package.json'))

/** The README's fenced blocks whose info string starts with `lang`. */
const blocks = (lang: string) =>
  [...readme.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1]!.split(' ')[0] === lang).map((m) => m[2]!)

describe('one repository URL', () => {
  const url = repositoryUrl()
  const slug = url.replace('https://github.com/', '')

  it('is package.json `repository`, and the plugin manifests agree', () => {
    expect(pkg.repository.url).toBe(`git+${url}.git`)
    expect(url).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/)
    expect(JSON.parse(read('.claude-plugin/plugin.json')).repository).toBe(url)
    expect(JSON.parse(read('.claude-plugin/marketplace.json')).plugins.map((p: { repository: string }) => p.repository)).toEqual([url])
  })

  it('is the only repository the README names for this project, with no placeholder', () => {
    expect(readme).not.toMatch(/<owner>|<repo>/)
    const ours = [...readme.matchAll(/github\.com\/([\w.-]+\/[\w.-]+?)(?:\.git)?(?=[\s#)`"'/]|$)/g)].map((m) => m[1])
    const others = ours.filter((r) => r !== slug && !['toplenboren/simple-git-hooks', 'lint-staged/lint-staged'].includes(r!))
    expect(others).toEqual([])
    const marketplaces = [...readme.matchAll(/\/plugin (?:marketplace add|install backend-team --marketplace) ([\w.-]+\/[\w.-]+)/g)].map(
      (m) => m[1],
    )
    expect(marketplaces.length).toBeGreaterThanOrEqual(2)
    expect(new Set(marketplaces)).toEqual(new Set([slug]))
    expect(readme).toContain(`${url}.git#${releaseTag}`)
  })

  it('the README shows the lint-staged and pre-commit recipes that init writes', () => {
    expect(blocks('json').map((b) => JSON.parse(b))).toContainEqual({ 'lint-staged': { [lintStagedGlob]: stagedCheck } })
    expect(blocks('yaml').map((b) => parse(b))).toContainEqual({ repos: [preCommitRepo()] })
  })
})
