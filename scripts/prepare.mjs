// npm runs `prepare` after `npm install` and `npm ci`: build the CLI bundle, then install this repository's git hooks
// (simple-git-hooks, configured under "simple-git-hooks" in package.json) when this is a git work tree and not CI.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' })

function insideGitWorkTree() {
  try {
    return execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === 'true'
  } catch {
    return false
  }
}

const ci = ['true', '1'].includes(String(process.env.CI).toLowerCase())
if (!ci && insideGitWorkTree()) {
  let hooks
  try {
    hooks = createRequire(import.meta.url)('simple-git-hooks')
  } catch {
    // Installed without dev dependencies: no hook manager, nothing to set up.
  }
  if (hooks && !hooks.skipInstall()) {
    try {
      await hooks.setHooksFromConfig(root)
    } catch (error) {
      // A failed hook set-up must not fail `npm install`; say so and carry on.
      process.stderr.write(`prepare: could not install the git hooks: ${error}\n`)
    }
  }
}
