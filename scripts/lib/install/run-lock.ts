import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Serialises installer runs on one `.claude/`: `.claude/backend-team.running`, created exclusively, holds the pid of
 * the run that is changing files. A second run waits for it a little, then gives up with a clear message (exit 1).
 * A run that died (its pid is gone on this host) leaves a run lock that the next run takes over.
 */
export const runLockName = 'backend-team.running'

export class RunLockBusy extends Error {}

interface Holder {
  pid: number
  host: string
  started: string
  run: string
}

function holderOf(path: string): Holder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Holder
  } catch {
    return null
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether the holder can no longer be running: dead on this host, or a file left half-written long ago. */
function stale(path: string, holder: Holder | null): boolean {
  if (holder === null) {
    try {
      return Date.now() - statSync(path).mtimeMs > 10_000
    } catch {
      return true
    }
  }
  return holder.host === hostname() && typeof holder.pid === 'number' && holder.pid !== process.pid && !alive(holder.pid)
}

export interface RunLock {
  release(): void
}

export async function acquireRunLock(claudeDir: string, run: string, waitMs = 5_000): Promise<RunLock> {
  const path = join(claudeDir, runLockName)
  const me: Holder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), run }
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o644)
      try {
        writeSync(fd, `${JSON.stringify(me)}\n`)
      } finally {
        closeSync(fd)
      }
      return {
        release() {
          if (holderOf(path)?.run === run) unlinkSync(path)
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = holderOf(path)
    if (stale(path, holder)) {
      try {
        unlinkSync(path)
      } catch {
        // Another run took it over first; try again.
      }
      continue
    }
    if (Date.now() >= deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host}, started ${holder.started}` : 'another run'
      throw new RunLockBusy(
        `another backend-team run (${who}) is changing ${claudeDir}; nothing was written. Try again when it has finished; if no such run exists, delete ${path}.`,
      )
    }
    await sleep(50 + Math.floor(Math.random() * 50))
  }
}
