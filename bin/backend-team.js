#!/usr/bin/env node
// Runs the compiled bundle: transpiling TypeScript on every run would cost more than validating a large pack.
import { existsSync } from 'node:fs'

const bundle = new URL('../dist/cli.js', import.meta.url)
if (!existsSync(bundle)) {
  process.stderr.write(
    'backend-team: dist/cli.js is missing; it ships with the package and the repository, so restore it or run `npm run bundle`\n',
  )
  process.exit(2)
}
const { runFromProcess } = await import(bundle.href)
await runFromProcess()
