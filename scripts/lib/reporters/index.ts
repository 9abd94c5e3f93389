import type { Diagnostic } from '../diagnostics.ts'

export interface ReportContext {
  cwd: string
  color: boolean
  /** Number of files checked, for the summary line. */
  fileCount: number
}

export type Reporter = (diagnostics: Diagnostic[], context: ReportContext) => string

export const formats = ['stylish', 'json', 'github', 'sarif'] as const
export type Format = (typeof formats)[number]

/** Reporters load on demand: the default run pays only for the one it prints with. */
export async function loadReporter(format: Format): Promise<Reporter> {
  switch (format) {
    case 'stylish': return (await import('./stylish.ts')).stylish
    case 'json': return (await import('./json.ts')).json
    case 'github': return (await import('./github.ts')).github
    case 'sarif': return (await import('./sarif.ts')).sarif
  }
}
