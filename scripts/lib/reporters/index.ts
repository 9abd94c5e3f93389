import type { Reporter } from './reporter.ts'

export type { ReportContext, Reporter } from './reporter.ts'

export const formats = ['stylish', 'json', 'github', 'sarif'] as const
export type Format = (typeof formats)[number]

/** Reporters load on demand: the default run pays only for the one it prints with. */
export async function loadReporter(format: Format): Promise<Reporter> {
  switch (format) {
    case 'stylish':
      return (await import('./stylish.ts')).stylish
    case 'json':
      return (await import('./json.ts')).json
    case 'github':
      return (await import('./github.ts')).github
    case 'sarif':
      return (await import('./sarif.ts')).sarif
  }
}
