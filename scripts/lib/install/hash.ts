import { createHash } from 'node:crypto'

/** Lower-case hex sha256 of a file's bytes: the identity the lock records. */
export function sha256(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex')
}
