import { parseArgs, type ParseArgsConfig } from 'node:util'
import { didYouMean } from '../check-support/suggest.ts'
import { UsageError } from './io.ts'

type Options = NonNullable<ParseArgsConfig['options']>

/**
 * `parseArgs` with a command line's manners: an unknown flag is answered with the closest known one, a numeric
 * value that starts with `-` (`--max-warnings -1`) is taken as the value, and every mistake is a `UsageError`.
 */
export function parseOptions<const T extends Options>(
  argv: string[],
  options: T,
): {
  values: ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>['values']
  positionals: string[]
} {
  const args = joinNegativeNumbers(argv, options)
  const known = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])])
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true })
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name in options) continue
    // `--no-color` style negations are declared as their own options; anything else is unknown.
    throw new UsageError(`unknown option \`${token.rawName}\`${didYouMean(token.rawName, known)}; see --help`)
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    // Node's messages run over several lines; the first says what is wrong.
    throw new UsageError((error as Error).message.split('\n')[0])
  }
}

/** `--flag -1` becomes `--flag=-1` for string options, which Node's parser would otherwise call ambiguous. */
function joinNegativeNumbers(argv: string[], options: Options): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const next = argv[i + 1]
    const name = arg.startsWith('--') ? arg.slice(2) : Object.keys(options).find((n) => arg === `-${options[n]!.short ?? '\0'}`)
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`)
      i++
    } else {
      out.push(arg)
    }
  }
  return out
}
