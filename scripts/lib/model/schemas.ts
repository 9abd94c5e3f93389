import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import vocabulary from '../../../schemas/vocabulary.schema.json' with { type: 'json' }
import agent from '../../../schemas/agent.schema.json' with { type: 'json' }
import skill from '../../../schemas/skill.schema.json' with { type: 'json' }
import command from '../../../schemas/command.schema.json' with { type: 'json' }
import plugin from '../../../schemas/plugin.schema.json' with { type: 'json' }
import marketplace from '../../../schemas/marketplace.schema.json' with { type: 'json' }
import hooks from '../../../schemas/hooks.schema.json' with { type: 'json' }
import settings from '../../../schemas/settings.schema.json' with { type: 'json' }
import mcp from '../../../schemas/mcp.schema.json' with { type: 'json' }
import monitors from '../../../schemas/monitors.schema.json' with { type: 'json' }
import lsp from '../../../schemas/lsp.schema.json' with { type: 'json' }
import outputStyle from '../../../schemas/output-style.schema.json' with { type: 'json' }
import config from '../../../schemas/config.schema.json' with { type: 'json' }
import catalog from '../../../schemas/catalog.schema.json' with { type: 'json' }
import reference from '../../../schemas/reference.schema.json' with { type: 'json' }
import orchestratorResult from '../../../schemas/orchestrator-result.schema.json' with { type: 'json' }
import specialistResult from '../../../schemas/specialist-result.schema.json' with { type: 'json' }
import progressState from '../../../schemas/progress-state.schema.json' with { type: 'json' }
import installLock from '../../../schemas/install-lock.schema.json' with { type: 'json' }

/** Every schema the project ships, by `$id`. */
export const schemas: Record<string, object> = Object.fromEntries(
  [
    vocabulary,
    agent,
    skill,
    command,
    plugin,
    marketplace,
    hooks,
    settings,
    mcp,
    monitors,
    lsp,
    outputStyle,
    config,
    catalog,
    reference,
    orchestratorResult,
    specialistResult,
    progressState,
    installLock,
  ].map((s) => [(s as { $id: string }).$id, s]),
)

/** Contracts that agent and skill bodies may claim in a ```json contract=<name> block. */
export const contractNames = ['orchestrator-result', 'specialist-result', 'progress-state'] as const

let ajv: Ajv2020 | null = null
const compiled = new Map<string, ValidateFunction>()

/**
 * The bundled CLI ships validators that ajv generated at build time (scripts/build.mjs): compiling the schemas
 * on every run would cost more start-up time than checking a small project. Source runs compile on first use.
 */
export function usePrecompiled(validators: Record<string, ValidateFunction>): void {
  for (const [id, fn] of Object.entries(validators)) compiled.set(id, fn)
}

/** One strict ajv instance; `standalone` keeps the generated code so the build can save it. */
export function createAjv(standalone = false): Ajv2020 {
  // verbose: errors carry their parent schema, where `x-expected` gives a readable expectation.
  const instance = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    ...(standalone ? { code: { source: true, esm: true } } : {}),
  })
  addFormats.default(instance, ['uri', 'date-time', 'email'])
  instance.addKeyword({ keyword: 'x-replacement', schemaType: 'object' })
  instance.addKeyword({ keyword: 'x-expected', schemaType: 'string' })
  // Vocabulary data carried in a schema: notes or lists per value (why a key is ignored, the keys of each hook type).
  instance.addKeyword({ keyword: 'x-note', schemaType: 'object' })
  for (const schema of Object.values(schemas)) instance.addSchema(schema)
  return instance
}

export function validatorFor(id: string): ValidateFunction {
  let fn = compiled.get(id)
  if (!fn) {
    ajv ??= createAjv()
    fn = ajv.getSchema(id)
    if (!fn) throw new Error(`no schema ${id}`)
    compiled.set(id, fn)
  }
  return fn
}

export interface SchemaProblem {
  /** Path of the offending value in the data. */
  path: (string | number)[]
  /** Whether the problem is about the key itself (a missing or extra property) rather than its value. */
  atKey: boolean
  message: string
}

/** Turns ajv errors into one readable problem per location: "Unexpected X, expected Y". */
export function describeErrors(errors: ErrorObject[] | null | undefined, data: unknown): SchemaProblem[] {
  if (!errors) return []
  const byPath = new Map<string, ErrorObject[]>()
  for (const e of errors) {
    if (e.keyword === 'if') continue
    const key =
      e.keyword === 'required' || e.keyword === 'additionalProperties'
        ? `${e.instancePath}#${e.keyword}:${JSON.stringify(e.params)}`
        : e.instancePath
    byPath.set(key, [...(byPath.get(key) ?? []), e])
  }
  const problems: SchemaProblem[] = []
  for (const group of byPath.values()) {
    const first = group[0]!
    const path = pointerToPath(first.instancePath)
    if (first.keyword === 'required') {
      const missing = (first.params as { missingProperty: string }).missingProperty
      problems.push({ path, atKey: true, message: `Missing required \`${missing}\`${path.length ? ` in \`${path.join('.')}\`` : ''}` })
      continue
    }
    if (first.keyword === 'additionalProperties') {
      const extra = (first.params as { additionalProperty: string }).additionalProperty
      problems.push({ path: [...path, extra], atKey: true, message: `Unexpected property \`${extra}\`` })
      continue
    }
    const value = valueAt(data, path)
    const stated = group.map((e) => (e.parentSchema as { 'x-expected'?: string } | undefined)?.['x-expected']).find(Boolean)
    const expected = stated ?? [...new Set(group.map(expectation).filter(Boolean))].join(', or ')
    const where = path.length ? ` for \`${path.join('.')}\`` : ''
    problems.push({ path, atKey: false, message: `Unexpected ${show(value)}${where}, expected ${expected || 'a valid value'}` })
  }
  // A failing anyOf also reports its branches at the same or deeper paths; keep the most specific ones.
  return problems.filter(
    (p) =>
      p.atKey || !problems.some((q) => q !== p && !q.atKey && q.path.length > p.path.length && p.path.every((s, i) => q.path[i] === s)),
  )
}

function expectation(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'enum':
      return `one of ${(p.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`
    case 'const':
      return `\`${String(p.allowedValue)}\``
    case 'type':
      return `${String(p.type)}`
    case 'pattern':
      return `a string matching ${String(p.pattern)}`
    case 'minLength':
      return `at least ${String(p.limit)} characters`
    case 'maxLength':
      return `at most ${String(p.limit)} characters`
    case 'minimum':
      return `a number ≥ ${String(p.limit)}`
    case 'exclusiveMinimum':
      return `a number > ${String(p.limit)}`
    case 'maximum':
      return `a number ≤ ${String(p.limit)}`
    case 'maxItems':
      return `at most ${String(p.limit)} items`
    case 'minItems':
      return `at least ${String(p.limit)} items`
    case 'minProperties':
      return `at least ${String(p.limit)} properties`
    case 'maxProperties':
      return `at most ${String(p.limit)} properties`
    case 'format':
      return `a valid ${String(p.format)}`
    case 'propertyNames':
      return 'valid property names'
    case 'not':
      return 'a value that is not reserved'
    case 'anyOf':
    case 'oneOf':
      return ''
    default:
      return e.message ?? ''
  }
}

export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => {
      const key = s.replace(/~1/g, '/').replace(/~0/g, '~')
      return /^\d+$/.test(key) ? Number(key) : key
    })
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let v: unknown = data
  for (const step of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[step] : undefined
  return v
}

export function show(value: unknown): string {
  if (value === null) return '`null`'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  // Only primitives are left here, so String() spells them as they are.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  const text = String(value)
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``
}
