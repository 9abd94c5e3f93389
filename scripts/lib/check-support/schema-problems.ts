import type { ErrorObject } from 'ajv/dist/2020.js'
import { describeErrors, pointerToPath, type SchemaProblem } from '../model/schemas.ts'

/**
 * describeErrors, plus one problem at the key for each key a `propertyNames` rule rejects (a bad `userConfig` key,
 * a catalog name that is not kebab-case), instead of a vague problem on the whole mapping. `skipKey` lets a check
 * take over keys it explains better itself (unknown hook events get a did-you-mean there).
 */
export function describeSchemaErrors(
  errors: ErrorObject[] | null | undefined,
  data: unknown,
  skipKey?: (path: (string | number)[], key: string) => boolean,
): SchemaProblem[] {
  if (!errors) return []
  const rest: ErrorObject[] = []
  const keyProblems = new Map<string, SchemaProblem>()
  for (const e of errors) {
    const name = e.propertyName ?? (e.keyword === 'propertyNames' ? (e.params as { propertyName?: string }).propertyName : undefined)
    if (name === undefined) {
      rest.push(e)
      continue
    }
    const parent = pointerToPath(e.instancePath)
    const id = `${e.instancePath}/${name}`
    if (skipKey?.(parent, name) || (keyProblems.has(id) && e.keyword === 'propertyNames')) continue
    const where = parent.length ? ` in \`${parent.join('.')}\`` : ''
    const p = e.params as Record<string, unknown>
    const expected =
      e.keyword === 'pattern'
        ? `a key matching ${String(p.pattern)}`
        : e.keyword === 'enum'
          ? `one of ${(p.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`
          : 'a valid key'
    if (!keyProblems.has(id) || e.keyword !== 'propertyNames')
      keyProblems.set(id, { path: [...parent, name], atKey: true, message: `Unexpected key \`${name}\`${where}, expected ${expected}` })
  }
  return [...keyProblems.values(), ...describeErrors(rest, data)]
}
