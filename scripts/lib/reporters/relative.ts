import { relative, sep } from 'node:path'

/** A path relative to the working directory, with forward slashes, as every reporter prints it. */
export function relativePath(file: string, cwd: string): string {
  const rel = relative(cwd, file)
  return (rel === '' ? '.' : rel).split(sep).join('/')
}
