// Packs backend-team once per test run, as a user receives it, for the journey tests (`inject('tarball')`).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    tarball: string
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'bt-pack-'))
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error' },
  })
  const [{ filename }] = JSON.parse(out) as [{ filename: string }]
  project.provide('tarball', join(dir, filename))
  return () => rmSync(dir, { recursive: true, force: true })
}
