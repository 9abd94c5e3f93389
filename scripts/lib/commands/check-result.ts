// `backend-team check-result <contract> <file|->`: checks an agent's JSON result against one of the pack's contracts,
// so the orchestrator can verify a specialist's answer itself (its Bash guard allows this command and nothing that
// writes). The input is the JSON, or a whole answer whose last ```json block is the result.
import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { contractNames, describeErrors, validatorFor } from '../model/schemas.ts'
import { UsageError, type CommandIO } from './io.ts'

const MAX_INPUT_BYTES = 4 * 1024 * 1024
const usage = `Usage: backend-team check-result <contract> <file|->

Contracts: ${contractNames.join(', ')} (or the schema's file name, e.g. schemas/specialist-result.schema.json).
The input is a JSON object, or text whose last \`\`\`json block is one. Exit codes: 0 valid, 1 invalid, 2 unusable input.
`

/** `specialist-result`, `specialist-result.schema.json` or `schemas/specialist-result.schema.json` → the contract. */
function contractOf(arg: string): string {
  const name = basename(arg).replace(/\.schema\.json$/, '')
  if ((contractNames as readonly string[]).includes(name)) return name
  throw new UsageError(`unknown contract \`${arg}\`, expected one of ${contractNames.join(', ')}`)
}

/** The JSON text of an answer: the whole input when it parses, else its last ```json fenced block. */
export function resultJson(text: string): string | undefined {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) return trimmed
  const blocks = [...text.matchAll(/^[ \t]*(`{3,}|~{3,})[ \t]*json\b[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm)]
  return blocks.at(-1)?.[2]?.trim()
}

/** A command of the CLI: returns a promise like the others, though it reads and checks synchronously. */
export function runCheckResult(argv: string[], io: CommandIO, stdin: () => string = () => readFileSync(0, 'utf8')): Promise<number> {
  return Promise.resolve(checkResult(argv, io, stdin))
}

function checkResult(argv: string[], io: CommandIO, stdin: () => string): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(usage)
    return 0
  }
  if (argv.length !== 2) throw new UsageError(`expected <contract> and <file|->, got ${argv.length} argument(s)\n\n${usage}`)
  const contract = contractOf(argv[0]!)
  const source = argv[1]!
  let text: string
  try {
    text = source === '-' ? stdin() : readFileSync(resolve(io.cwd, source), 'utf8')
  } catch (error) {
    io.stderr(`backend-team check-result: cannot read ${source}: ${(error as Error).message}\n`)
    return 2
  }
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) {
    io.stderr(`backend-team check-result: ${source} is larger than ${MAX_INPUT_BYTES} bytes\n`)
    return 2
  }
  const json = resultJson(text)
  if (json === undefined) {
    io.stderr(`backend-team check-result: ${source}: no JSON object and no \`\`\`json block found\n`)
    return 1
  }
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (error) {
    io.stderr(`backend-team check-result: ${source}: not valid JSON: ${(error as Error).message}\n`)
    return 1
  }
  const validate = validatorFor(`${contract}.schema.json`)
  if (validate(data)) {
    io.stdout(`${source}: valid ${contract}\n`)
    return 0
  }
  const problems = describeErrors(validate.errors, data)
  io.stderr(
    `${source}: not a valid ${contract}:\n${problems.map((p) => `  ${p.path.length ? `/${p.path.join('/')}` : '(root)'}: ${p.message}`).join('\n')}\n`,
  )
  return 1
}
