import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { runCase } from '../fixtures.ts'

// The fixture tests/fixtures/file-unreadable/invalid/dangling-link cannot be copied into Stryker's sandbox (a link to
// nothing; stryker.config.json leaves that folder out), so `npm run mutate` would never see this rule fail. The same
// case, made here at run time:
it('file/unreadable reports a link to nothing, made at run time', () => {
  const root = mkdtempSync(join(tmpdir(), 'bt-unreadable-'))
  try {
    mkdirSync(join(root, 'agents'))
    symlinkSync('missing-target.md', join(root, 'agents', 'ghost.md'))
    expect(runCase(root).text).toBe(
      'agents/ghost.md:1:1 error file/unreadable Unexpected unreadable file (file not found or broken symbolic link), expected a readable regular file\n',
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})
