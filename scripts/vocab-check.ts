// `npm run vocab:check`: reads tool names, key sets and value sets from the installed Claude Code binary and fails
// with one line per difference from schemas/. Exit 0 in step, 1 on drift, 2 when the CLI cannot be read.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { claudeBinary } from './harness/claude-cli.ts'
import { vocabularyDrift, type SchemaData } from './lib/vocab/drift.ts'
import { readBundle, readRuntimeVocabulary } from './lib/vocab/runtime-vocabulary.ts'

const repo = join(fileURLToPath(new URL('.', import.meta.url)), '..')

const schemaNames = ['vocabulary', 'agent', 'skill', 'command', 'hooks', 'plugin', 'marketplace'] as const

/** The schema files the drift check compares, read as plain JSON (`--schemas DIR` reads a copy). */
function readSchemas(dir: string): SchemaData {
  const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8'))
  return Object.fromEntries(schemaNames.map((name) => [name, read(name)])) as unknown as SchemaData
}

function main(argv: string[]): number {
  const dirFlag = argv.indexOf('--schemas')
  const schemaDir = dirFlag !== -1 ? argv[dirFlag + 1]! : join(repo, 'schemas')
  let binary: string
  let version: string
  try {
    binary = claudeBinary(repo)
    version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies[
      '@anthropic-ai/claude-code'
    ]!
  } catch (e) {
    console.error(`vocab:check: ${(e as Error).message}`)
    return 2
  }
  const data = readSchemas(schemaDir)
  const problems: string[] = []
  if (data.vocabulary.$comment !== `claude-code ${version}`)
    problems.push(`version: schemas/vocabulary.schema.json says \`${data.vocabulary.$comment}\`, package.json pins claude-code ${version}`)
  let drift: string[]
  try {
    const bundle = readBundle(binary)
    const cli = readRuntimeVocabulary(bundle)
    drift = vocabularyDrift(data, cli, (v) => bundle.hasStringLiteral(v))
  } catch (e) {
    console.error(`vocab:check: cannot read the vocabulary of ${binary}: ${(e as Error).message}`)
    return 2
  }
  problems.push(...drift)
  if (problems.length === 0) {
    console.log(`vocab:check: schemas/ is in step with Claude Code ${version}`)
    return 0
  }
  console.error(`vocab:check: schemas/ differs from Claude Code ${version} in ${problems.length} place${problems.length === 1 ? '' : 's'}:`)
  for (const p of problems) console.error(`  ${p}`)
  return 1
}

process.exitCode = main(process.argv.slice(2))
