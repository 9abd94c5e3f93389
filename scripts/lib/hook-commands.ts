import { isRecord } from './plugin-fields.ts'

type Path = (string | number)[]

/** A `command` hook found in a hook map, with the path of its `command` value. */
export interface HookCommand {
  /** The command with its `args`, joined by spaces: what the shell ends up running. */
  text: string
  path: Path
}

/**
 * Every command hook in a hook map (`{<Event>: [{matcher?, hooks: [{type: "command", command, args?}]}]}`), the shape
 * of agent, skill and settings `hooks`, inline plugin.json hooks and the inner map of hooks/hooks.json. `base` is the
 * map's own path. Malformed entries are skipped: the plugin and schema checks report those.
 */
export function hookCommands(map: unknown, base: Path): HookCommand[] {
  const out: HookCommand[] = []
  if (!isRecord(map)) return out
  for (const [event, matchers] of Object.entries(map)) {
    if (!Array.isArray(matchers)) continue
    matchers.forEach((matcher, i) => {
      const hooks = isRecord(matcher) ? matcher.hooks : undefined
      if (!Array.isArray(hooks)) return
      hooks.forEach((hook, j) => {
        if (!isRecord(hook) || typeof hook.command !== 'string') return
        const args = Array.isArray(hook.args) ? hook.args.filter((a): a is string => typeof a === 'string') : []
        out.push({ text: [hook.command, ...args].join(' '), path: [...base, event, i, 'hooks', j, 'command'] })
      })
    })
  }
  return out
}
