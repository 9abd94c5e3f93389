import { resolve } from 'node:path'
import type { Diagnostic } from '../engine/diagnostics.ts'
import { UsageError } from '../commands/io.ts'
import { validate, type ValidateOptions, type ValidateResult } from '../engine/run.ts'
import { exportStagedSnapshot, type StagedSnapshot } from './staged-snapshot.ts'

/**
 * `validate --staged`: checks what the commit will contain. The index is exported to a temporary folder, the run
 * (configuration, discovery and cross-file checks included) happens there, and every path in the result is mapped
 * back to the working tree, so the reports name the repository's files.
 */
export function validateStaged(options: ValidateOptions): ValidateResult {
  if (options.fix) throw new UsageError('--fix cannot be combined with --staged: fixes are written to the working tree, not the index')
  if (options.stdin) throw new UsageError('--stdin cannot be combined with --staged: standard input is not in the index')
  const snapshot = exportStagedSnapshot(options.cwd)
  try {
    const targets = options.targets.map((t) => snapshot.toSnapshot(t))
    const result = validate({
      ...options,
      cwd: snapshot.toSnapshot(options.cwd),
      targets,
      ...(options.configPath ? { configPath: stagedOrGiven(options.configPath, options.cwd, snapshot) } : {}),
    })
    return {
      ...result,
      diagnostics: result.diagnostics.map((d) => fromSnapshot(d, snapshot)),
      skipped: result.skipped.map((path) => snapshot.fromSnapshot(path)),
      missing: result.missing.map((m) => options.targets[targets.indexOf(m)] ?? snapshot.fromSnapshot(m)),
    }
  } finally {
    snapshot.dispose()
  }
}

/** A configuration file in the repository is read as staged; one outside it (a shared team file) as it is. */
function stagedOrGiven(path: string, cwd: string, snapshot: StagedSnapshot): string {
  try {
    return snapshot.toSnapshot(path)
  } catch {
    return resolve(cwd, path)
  }
}

function fromSnapshot(d: Diagnostic, snapshot: StagedSnapshot): Diagnostic {
  const mapped: Diagnostic = { ...d, file: snapshot.fromSnapshot(d.file), message: d.message.split(snapshot.root).join(snapshot.topLevel) }
  if (d.related) mapped.related = d.related.map((r) => ({ ...r, file: snapshot.fromSnapshot(r.file) }))
  // A fix names offsets in the snapshot's copy; the working copy may differ, so none is offered.
  delete mapped.fix
  return mapped
}
