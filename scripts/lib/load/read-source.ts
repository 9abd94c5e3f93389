import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import type { ProjectBoundary } from './boundary.ts'

/** Claude Code skips agent and skill files larger than this (loadMarkdownFilesFromDir). */
export const maxFileBytes = 1_048_576

export type ReadResult =
  | { ok: true; text: string; hadBom: boolean; bytes: number }
  | { ok: false; problem: 'unreadable' | 'too-large' | 'binary' | 'utf16' | 'not-utf8'; detail: string; bytes?: number }

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** A file outside the project (reached through a symbolic link) is never opened. */
export const outsideProject = {
  ok: false,
  problem: 'unreadable',
  detail: 'symbolic link to a place outside the project; not followed',
} as const satisfies ReadResult

/**
 * Reads a file as Claude Code would accept it: at most 1 MiB of UTF-8 text.
 * A larger file is never read into memory, so a 100 MB file costs one stat. The file is opened non-blocking, so a
 * FIFO (or a device) named like an agent file is reported as not a regular file instead of waiting for a writer.
 */
export function readSource(path: string, limit = maxFileBytes): ReadResult {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    return { ok: false, problem: 'unreadable', detail: describeError(error) }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { ok: false, problem: 'unreadable', detail: 'not a regular file' }
    if (stat.size > limit) return { ok: false, problem: 'too-large', detail: `${stat.size} bytes`, bytes: stat.size }
    // At most limit + 1 bytes, whatever the size said: a file that grows between the stat and the read stays bounded.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, limit) + 1)
    let read = 0
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read)
      if (n === 0) break
      read += n
    }
    if (read > limit) return { ok: false, problem: 'too-large', detail: `more than ${limit} bytes`, bytes: read }
    return decode(buffer.subarray(0, read))
  } catch (error) {
    return { ok: false, problem: 'unreadable', detail: describeError(error) }
  } finally {
    closeSync(fd)
  }
}

export function decode(bytes: Uint8Array): ReadResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problem: 'utf16', detail: 'UTF-16 byte order mark', bytes: bytes.length }
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) return { ok: false, problem: 'binary', detail: `NUL byte at offset ${nul}`, bytes: bytes.length }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return { ok: false, problem: 'not-utf8', detail: `invalid UTF-8 near byte ${firstInvalidUtf8(bytes)}`, bytes: bytes.length }
  }
  const hadBom = text.charCodeAt(0) === 0xfeff
  return { ok: true, text: hadBom ? text.slice(1) : text, hadBom, bytes: bytes.length }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search on prefixes would mis-handle truncated sequences; a linear scan is simple and only runs on bad files.
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0
    if (len === 0 || i + len > bytes.length) return i
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i
    i += len
  }
  return bytes.length
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOENT') return 'file not found or broken symbolic link'
  if (code === 'ELOOP') return 'symbolic link loop'
  if (code === 'EISDIR') return 'is a directory'
  return code ?? String(error)
}

/**
 * A JSON file the validator itself needs (configuration, package.json, manifests, catalogs, region data): read through
 * {@link readSource}, so a FIFO, a device or a huge file costs a stat, parsed, and never quoted in an error (a parse
 * error names the position only, since the text may be anything). With a `boundary`, a file whose real path leaves it
 * is not opened.
 */
export function readJsonFile(
  path: string,
  boundary: ProjectBoundary | null,
): { ok: true; value: unknown } | { ok: false; problem: 'missing' | 'unreadable' | 'invalid'; detail: string } {
  if (boundary && !boundary.contains(path)) return { ok: false, problem: 'unreadable', detail: outsideProject.detail }
  const read = readSource(path)
  if (!read.ok) {
    const missing = read.problem === 'unreadable' && read.detail.startsWith('file not found')
    return { ok: false, problem: missing ? 'missing' : 'unreadable', detail: read.detail }
  }
  try {
    return { ok: true, value: JSON.parse(read.text) }
  } catch (error) {
    return { ok: false, problem: 'invalid', detail: jsonErrorWithoutText(error) }
  }
}

/** V8's message quotes the start of the text (`"abc…" is not valid JSON`); keep only what and where. */
export function jsonErrorWithoutText(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .replace(/,? ".*" is not valid JSON$/s, '')
    .slice(0, 200)
}
