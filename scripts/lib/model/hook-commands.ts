import type { LoadedFile } from '../load/loaded-file.ts'
import { isRecord } from './plugin-fields.ts'
import { matcherEntries } from './settings/hook-entries.ts'

type Path = (string | number)[]

/** A `command` hook found in a hook map, with the path of its `command` value. */
export interface HookCommand {
  /** The command with its `args`, joined by spaces: what the shell ends up running. */
  text: string
  /** The `command` value alone. */
  command: string
  /** Exec form: `args` is given, so Claude Code runs `command` with those arguments and no shell. */
  execForm: boolean
  path: Path
}

/**
 * Every command hook in a hook map (`{<Event>: [{matcher?, hooks: [{type: "command", command, args?}]}]}`), the shape
 * of agent, skill and settings `hooks`, inline plugin.json hooks and the inner map of hooks/hooks.json. `base` is the
 * map's own path. Malformed entries are skipped: the plugin and schema checks report those.
 */
export function hookCommands(map: unknown, base: Path): HookCommand[] {
  return matcherEntries(map, base).flatMap(({ hooks }) =>
    hooks.flatMap(({ hook, path }) => {
      if (typeof hook.command !== 'string') return []
      const args = Array.isArray(hook.args) ? hook.args.filter((a): a is string => typeof a === 'string') : []
      return [
        { text: [hook.command, ...args].join(' '), command: hook.command, execForm: hook.args !== undefined, path: [...path, 'command'] },
      ]
    }),
  )
}

/**
 * The command hooks of one file, wherever its kind keeps them: front matter `hooks` of agents, skills and commands;
 * `hooks` of settings and of a plugin's hooks file; a manifest's inline `hooks` (one map or a list of them).
 * `json` says whether the paths point into JSON or into front matter.
 */
export function fileHookCommands(file: LoadedFile): { commands: HookCommand[]; json: boolean } {
  if (file.kind === 'agent' || file.kind === 'skill' || file.kind === 'command')
    return { commands: hookCommands(file.data.hooks, ['hooks']), json: false }
  const value = file.json?.value
  if (!isRecord(value)) return { commands: [], json: true }
  const hooks = value.hooks
  if (file.kind === 'plugin-manifest' && Array.isArray(hooks))
    return { commands: hooks.flatMap((map, i) => hookCommands(map, ['hooks', i])), json: true }
  return { commands: hookCommands(hooks, ['hooks']), json: true }
}
