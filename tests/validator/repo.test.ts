import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers.ts'

const repo = fileURLToPath(new URL('../..', import.meta.url))

describe('this repository', () => {
  it('validates with no error and no warning: the pack, the plugin files, the README and its tables', async () => {
    const r = await cli(repo, 'validate', '--format', 'json')
    expect(JSON.parse(r.stdout)).toEqual([])
    expect(r.code).toBe(0)
  })
})
