import { describe, expect, it } from 'vitest'
import { createAjv, schemas } from '../scripts/lib/model/schemas.ts'

describe('schemas', () => {
  it('compile under ajv strict mode', () => {
    const ajv = createAjv()
    for (const id of Object.keys(schemas)) expect(() => ajv.getSchema(id), id).not.toThrow()
  })

  it('have an $id equal to their file name and a description on every property', () => {
    const missing: string[] = []
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return
      const n = node as Record<string, unknown>
      if (n.properties && typeof n.properties === 'object') {
        for (const [key, value] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          if (typeof value.description !== 'string' && typeof value.$ref !== 'string') missing.push(`${path}.${key}`)
        }
      }
      for (const [key, value] of Object.entries(n)) walk(value, `${path}/${key}`)
    }
    for (const [id, schema] of Object.entries(schemas)) {
      expect(id).toMatch(/\.schema\.json$/)
      walk(schema, id)
    }
    expect(missing).toEqual([])
  })
})
