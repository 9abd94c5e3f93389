// Reads the JavaScript modules of a Bun single-file executable (the native Claude Code binary) without running it.
//
// Bun stores its module graph in the ELF section `.bun`: a u64 payload length, the module bytes, a table of 52-byte
// entries (name, contents, … as u32 offset/length pairs into the payload), a 32-byte offsets record, and the trailer
// "\n---- Bun! ----\n". Only the contents of `.js` modules are read.
import { closeSync, openSync, readSync } from 'node:fs'

const trailer = '\n---- Bun! ----\n'
const entrySize = 52
const offsetsSize = 32

export interface BunModule {
  /** Path inside the bundle without the `/$bunfs/root/` prefix, e.g. `chunk-0ww1p0kj.js`. */
  name: string
  text: string
}

function read(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  let done = 0
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done)
    if (n === 0) throw new Error(`unexpected end of file at byte ${position + done}`)
    done += n
  }
  return buffer
}

/** The file offset and size of the ELF section `name`, or null when the file has none. */
function elfSection(fd: number, name: string): { offset: number; size: number } | null {
  const header = read(fd, 0, 64)
  if (header.readUInt32BE(0) !== 0x7f454c46 || header[4] !== 2 || header[5] !== 1) throw new Error('not a 64-bit little-endian ELF file')
  const tableOffset = Number(header.readBigUInt64LE(0x28))
  const entry = header.readUInt16LE(0x3a)
  const count = header.readUInt16LE(0x3c)
  const namesIndex = header.readUInt16LE(0x3e)
  const table = read(fd, tableOffset, entry * count)
  const at = (i: number) => ({
    nameOffset: table.readUInt32LE(i * entry),
    offset: Number(table.readBigUInt64LE(i * entry + 0x18)),
    size: Number(table.readBigUInt64LE(i * entry + 0x20)),
  })
  const names = at(namesIndex)
  const strings = read(fd, names.offset, names.size)
  for (let i = 0; i < count; i++) {
    const s = at(i)
    const end = strings.indexOf(0, s.nameOffset)
    if (strings.toString('latin1', s.nameOffset, end) === name) return { offset: s.offset, size: s.size }
  }
  return null
}

/** Every `.js` module of the Bun executable at `binary`. Throws with the reason when the layout is not Bun's. */
export function readBunModules(binary: string): BunModule[] {
  const fd = openSync(binary, 'r')
  try {
    const section = elfSection(fd, '.bun')
    if (!section) throw new Error(`${binary} has no .bun section (not a Bun single-file executable for Linux)`)
    // Positioned reads of the table and each module keep memory to the JavaScript text (the section is ~240 MB).
    const payloadStart = section.offset + 8
    const payloadLength = Number(read(fd, section.offset, 8).readBigUInt64LE(0))
    const tail = read(fd, payloadStart + payloadLength - trailer.length - offsetsSize, trailer.length + offsetsSize)
    if (tail.toString('latin1', offsetsSize) !== trailer) throw new Error('the .bun section does not end with the Bun trailer')
    const tableOffset = tail.readUInt32LE(8)
    const tableLength = tail.readUInt32LE(12)
    if (tableLength % entrySize !== 0) throw new Error(`module table of ${tableLength} bytes is not a multiple of ${entrySize}`)
    const table = read(fd, payloadStart + tableOffset, tableLength)
    const modules: BunModule[] = []
    for (let at = 0; at < tableLength; at += entrySize) {
      const slice = (field: number) => read(fd, payloadStart + table.readUInt32LE(at + field * 8), table.readUInt32LE(at + field * 8 + 4))
      const name = slice(0)
        .toString('utf8')
        .replace(/^\/\$bunfs\/root\//, '')
      if (!name.endsWith('.js') && name !== 'cli') continue
      modules.push({ name, text: slice(1).toString('utf8') })
    }
    if (modules.length === 0) throw new Error('the Bun module table lists no JavaScript modules')
    return modules
  } finally {
    closeSync(fd)
  }
}
