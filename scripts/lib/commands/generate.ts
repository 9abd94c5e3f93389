import { parseArgs } from 'node:util'
import { checks } from '../checks/index.ts'
import { loadReporter } from '../reporters/index.ts'
import { relativePath } from '../reporters/relative.ts'
import { validate } from '../engine/run.ts'
import { UsageError, type CommandIO } from './io.ts'

export const generateUsage = `Usage: backend-team generate [paths...]

Rewrites the generated index tables (between <!-- backend-team:index NAME --> and
<!-- /backend-team:index -->) that differ from what the files give now, and prints the files
it rewrote. Paths are as for validate; with none, the working directory. Exit code 1 when a
region cannot be generated (unknown, unmatched or misplaced markers, missing data files).
`

/** The index checks, taken from the registry. */
const indexChecks = checks.filter((c) => c.id.startsWith('index/'))

/** `validate --fix` with only the index rules: regenerates stale regions, atomically, and touches nothing else. */
export async function runGenerate(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    io.stdout(generateUsage)
    return 0
  }
  const result = validate({
    cwd: io.cwd,
    targets: positionals,
    fix: true,
    checks: indexChecks,
    ...(values.config ? { configPath: values.config } : {}),
  })
  if (result.missing.length > 0) throw new UsageError(`no such file or folder: ${result.missing.join(', ')}`)
  for (const file of result.fixedFiles) io.stdout(`rewrote ${relativePath(file, io.cwd)}\n`)
  if (result.diagnostics.length > 0) {
    const reporter = await loadReporter('stylish')
    io.stdout(reporter(result.diagnostics, { cwd: io.cwd, color: io.isTTY, fileCount: result.fileCount }))
  } else if (result.fixedFiles.length === 0) {
    io.stdout('index tables are up to date\n')
  }
  // A region that cannot be generated fails the command whatever severity the rules have in validate.
  return result.diagnostics.length > 0 ? 1 : 0
}
