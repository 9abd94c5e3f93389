import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCase } from '../fixtures.ts'

// Cases refs/broken-link needs that a fixture cannot hold: file names that are not UTF-8, and links out of the case
// folder (git and Stryker's sandbox keep neither), made here at run time.
const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

const agent = (body: string) => `---\nname: helper\ndescription: "Use when a test needs links."\ntools: Read\n---\n\n${body}\n`

function project(body: string): string {
  const base = mkdtempSync(join(tmpdir(), 'bt-links-'))
  roots.push(base)
  const root = join(base, 'project')
  mkdirSync(join(root, 'agents'), { recursive: true })
  writeFileSync(join(root, 'agents', 'helper.md'), agent(body))
  return root
}

/** A file in docs/ whose name holds the Latin-1 byte 0xE9 (`é`), which is not UTF-8 on its own. */
function latin1File(root: string, before: string, after: string): void {
  mkdirSync(join(root, 'docs'), { recursive: true })
  writeFileSync(Buffer.concat([Buffer.from(join(root, 'docs', before)), Buffer.from([0xe9]), Buffer.from(after)]), 'notes')
}

describe('refs/broken-link on names and links a fixture cannot hold', () => {
  it('finds a file whose name is not UTF-8 through its percent escapes', () => {
    const root = project('Read [the notes](../docs/caf%E9-notes.md) and [more](../docs/caf%E9-notes.md#top).')
    latin1File(root, 'caf', '-notes.md')
    expect(runCase(root).text).toBe('')
  })

  it('reports such a link when the file is not there', () => {
    const root = project('Read [the notes](../docs/caf%E9-other.md).')
    latin1File(root, 'caf', '-notes.md')
    expect(runCase(root).text).toBe(
      'agents/helper.md:7:18 warning refs/broken-link Unexpected link to a missing file `../docs/caf%E9-other.md`, expected an existing file or folder (did you mean `caf\ufffd-notes.md`?)\n',
    )
  })

  it('reports a link that a symbolic link takes out of the project, without looking there', () => {
    const root = project('Read [the notes](../docs/notes.md).')
    mkdirSync(join(root, '..', 'outside'))
    writeFileSync(join(root, '..', 'outside', 'notes.md'), 'notes')
    symlinkSync(join(root, '..', 'outside'), join(root, 'docs'))
    expect(runCase(root).text).toBe(
      'agents/helper.md:7:18 warning refs/broken-link Unexpected link `../docs/notes.md` that a symbolic link takes out of the project, expected a path inside it (it is not followed)\n',
    )
  })
})
