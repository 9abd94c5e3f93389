import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

export interface AtomicWriteOptions {
  /** The middle of the temporary sibling's name, `.<name>.<tempTag>.tmp`; random when not given. */
  tempTag?: string
}

/**
 * Writes a file so that a crash leaves either the old or the new content, never half of it:
 * write a temporary sibling, flush it, then rename it over the target (atomic on POSIX file systems).
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const tag = options.tempTag ?? `${process.pid}-${randomBytes(6).toString('hex')}`
  const temp = join(dirname(path), `.${basename(path)}.${tag}.tmp`)
  let mode: number | undefined
  try {
    mode = statSync(path).mode & 0o777
  } catch {
    mode = undefined
  }
  const fd = openSync(temp, 'wx', mode ?? 0o644)
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content)
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    unlinkSync(temp)
    throw error
  }
  closeSync(fd)
  try {
    renameSync(temp, path)
  } catch (error) {
    unlinkSync(temp)
    throw error
  }
}
