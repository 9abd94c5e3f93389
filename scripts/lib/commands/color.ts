/**
 * Whether output is coloured when no `--color`/`--no-color` is given, by the conventions most CLIs share:
 * `FORCE_COLOR` (any value but `0` or `false`) turns it on, `NO_COLOR` (any non-empty value) turns it off, and
 * otherwise colour follows whether standard output is a terminal. `FORCE_COLOR` wins, as in Node itself.
 */
export function colorByDefault(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false'
  if (env.NO_COLOR) return false
  return isTTY
}
