// A hook with an unknown event or a malformed entry never runs; in plugin.json it takes the whole plugin down with it.
import { defineCheck, type FileContext } from '../engine/check.ts'
import { jsonKeySpan, jsonProblemSpan, jsonRootSpan } from '../check-support/json-locate.ts'
import { isRecord } from '../model/plugin-fields.ts'
import { describeSchemaErrors } from '../check-support/schema-problems.ts'
import { show, validatorFor } from '../model/schemas.ts'
import { didYouMean } from '../check-support/suggest.ts'
import { guardHookEvents, hookEvents } from '../model/vocabulary.ts'

type Path = (string | number)[]
const samePath = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
  a.length === b.length && a.every((s, i) => s === b[i])

/**
 * Checks a hooks file's content, `{"hooks": {<event>: [...]}}`: unknown events first, then the schema. `place` maps a
 * path in that content to the path in the file (inline plugin.json hooks are the inner map at `hooks` or `hooks.<i>`).
 */
/**
 * What Claude Code 2.1.332 does with a problem at `path` of a hooks map: an entry of a guard event that cannot be
 * loaded stops every hook beside it; any other bad entry or unknown event is dropped on its own (`claude plugin
 * validate`: "entry ignored at runtime"). `whole` is what a problem with the map itself costs.
 */
function consequenceAt(path: Path, whole: string): string {
  const event = path[0] === 'hooks' ? path[1] : undefined
  if (typeof event !== 'string') return whole
  if (guardHookEvents.has(event) && path.length > 2)
    return `Claude Code applies none of the hooks beside it until it is fixed, as a \`${event}\` hook may guard permissions`
  return 'Claude Code ignores this entry'
}

function checkHooks(
  ctx: FileContext<'unknownEvent' | 'unknownEventList' | 'schema'>,
  content: Record<string, unknown>,
  place: (path: Path) => Path,
  whole: string,
): void {
  const { file, report } = ctx
  const mapPath = place(['hooks'])
  if (isRecord(content.hooks)) {
    for (const event of Object.keys(content.hooks)) {
      if (hookEvents.has(event)) continue
      const hint = didYouMean(event, hookEvents)
      const at = jsonKeySpan(file, [...mapPath, event])
      const consequence = consequenceAt(['hooks', event], whole)
      if (hint) report({ messageId: 'unknownEvent', data: { event, suggestion: hint, consequence }, at })
      else
        report({
          messageId: 'unknownEventList',
          data: { event, events: [...hookEvents].map((e) => `\`${e}\``).join(', '), consequence },
          at,
        })
    }
  }
  const validate = validatorFor('hooks.schema.json')
  if (validate(content)) return
  const skipEvent = (parent: Path, key: string) => samePath(parent, ['hooks']) && !hookEvents.has(key)
  const shown = mapPath.join('.')
  // `hooks` or `modules`: one problem at the root says so, not a "missing" problem per alternative.
  const errors = validate.errors?.filter((e) => !(e.keyword === 'required' && e.schemaPath.startsWith('#/anyOf/')))
  for (const problem of describeSchemaErrors(errors, content, skipEvent)) {
    const message = shown === 'hooks' ? problem.message : problem.message.replace(/`hooks(?=[.`])/g, `\`${shown}`)
    report({
      messageId: 'schema',
      data: { problem: message, consequence: consequenceAt(problem.path, whole) },
      at: jsonProblemSpan(file, { ...problem, path: place(problem.path) }),
    })
  }
}

export default defineCheck({
  id: 'plugin/hooks',
  description: 'hooks/hooks.json and inline plugin.json hooks with unknown events or malformed entries',
  rationale:
    'Claude Code reads hooks/hooks.json as `{"hooks": {<event>: [{matcher?, hooks: [...]}]}}` and inline plugin.json `hooks` as the inner map: a hook entry with an unknown event or a malformed shape is dropped ("entry ignored at runtime"), and a `PreToolUse`, `PermissionRequest` or `PreSkillShellCommand` entry that cannot be loaded stops every hook beside it, since it may guard permissions. A hooks file that is not an object with `hooks` or `modules` is rejected.',
  runtime: '`claude plugin validate` says an unknown hook event is "ignored at runtime", and the plugin provides no hook.',
  defaultSeverity: 'error',
  scope: 'file',
  kinds: ['hooks', 'plugin-manifest'],
  messages: {
    unknownEvent: 'Unexpected hook event `{{event}}`, expected a hook event Claude Code fires{{suggestion}} ({{consequence}})',
    unknownEventList: 'Unexpected hook event `{{event}}`, expected one of {{events}} ({{consequence}})',
    schema: '{{problem}} ({{consequence}})',
    notObject: 'Unexpected {{value}}, expected an object with `hooks` or `modules` (Claude Code rejects this hooks file)',
  },
  check(ctx) {
    const value = ctx.file.json?.value
    if (value === undefined) return
    if (ctx.file.kind === 'hooks') {
      if (isRecord(value)) checkHooks(ctx, value, (p) => p, 'Claude Code rejects this hooks file')
      else
        ctx.report({
          messageId: 'notObject',
          data: { value: show(value) },
          at: jsonRootSpan(ctx.file),
        })
      return
    }
    if (!isRecord(value)) return
    const inline = value.hooks
    const maps: Path[] = isRecord(inline)
      ? [['hooks']]
      : Array.isArray(inline)
        ? inline.flatMap((h, i) => (isRecord(h) ? [['hooks', i]] : []))
        : []
    for (const at of maps) {
      // Checked as a hooks file whose `hooks` is this map, so messages name the manifest's own path (`hooks.Stop.0`).
      const map = at.length === 1 ? inline : (inline as unknown[])[at[1] as number]
      checkHooks(ctx, { hooks: map }, (p) => (p.length === 0 ? at : [...at, ...p.slice(1)]), 'Claude Code skips the whole plugin')
    }
  },
})
