#!/usr/bin/env node
// Runs the compiled bundle: transpiling TypeScript on every run would cost more than validating a large pack.
import { existsSync } from 'node:fs'

const bundle = new URL('../dist/cli.js', import.meta.url)
if (!existsSync(bundle)) {
  process.stderr.write('backend-team: dist/cli.js is missing; run `npm run build` (npm install and npm ci run it for you)\n')
  process.exit(2)
}
const { runFromProcess } = await import(bundle.href)
await runFromProcess()
