import { SourceText } from './source-text.ts'
import { scanBody, type BodyScan } from './body-scan.ts'
import type { Candidate, FileKind, Scope } from './discover.ts'
import { splitFrontmatter, type Frontmatter } from './frontmatter.ts'
import { parseJsonText, type ParsedJson } from './json-text.ts'
import type { ProjectBoundary } from './boundary.ts'
import { outsideProject, readSource, type ReadResult } from './read-source.ts'

/** One file, read and parsed once; every check shares it. */
export class LoadedFile {
  readonly path: string
  readonly kind: FileKind
  readonly scope: Scope
  readonly read: ReadResult
  readonly source: SourceText | null
  /** Front matter of a markdown file; null when the file has none (or is JSON, or unreadable). */
  readonly frontmatter: Frontmatter | null
  /** Offset where the markdown body starts. */
  readonly bodyOffset: number
  private scanned: BodyScan | null = null
  private parsedJson: ParsedJson | null = null

  /**
   * `read` stands in for the file's content (`validate --stdin`). With a `boundary`, a file whose real path leaves the
   * project is reported unreadable and never opened.
   */
  constructor(candidate: Candidate, maxBytes?: number, read?: ReadResult, boundary?: ProjectBoundary) {
    this.path = candidate.path
    this.kind = candidate.kind
    this.scope = candidate.scope
    this.read =
      read ??
      (candidate.outside || (boundary && !candidate.linkFree && !boundary.contains(candidate.path))
        ? outsideProject
        : readSource(candidate.path, maxBytes))
    this.source = this.read.ok ? new SourceText(this.read.text) : null
    if (this.read.ok && isMarkdownKind(this.kind)) {
      const split = splitFrontmatter(this.read.text)
      this.frontmatter = split.frontmatter
      this.bodyOffset = split.bodyOffset
    } else {
      this.frontmatter = null
      this.bodyOffset = 0
    }
  }

  get text(): string {
    return this.source?.text ?? ''
  }

  /** Front-matter data as Claude Code sees it; empty when there is none or it was dropped. */
  get data(): Record<string, unknown> {
    return this.frontmatter?.data ?? {}
  }

  get body(): string {
    return this.text.slice(this.bodyOffset)
  }

  /** Markdown structure of the body, computed on first use. */
  get scan(): BodyScan {
    this.scanned ??= scanBody(this.text, this.bodyOffset)
    return this.scanned
  }

  /**
   * JSON files are parsed with the YAML parser (JSON is YAML 1.2) to keep node positions;
   * the value comes from JSON.parse, so JSON-only rules (no comments, no trailing commas) still hold.
   */
  get json() {
    if (this.parsedJson || !this.read.ok) return this.parsedJson
    this.parsedJson = parseJsonText(this.text)
    return this.parsedJson
  }
}

export function isMarkdownKind(kind: FileKind): boolean {
  return (
    kind === 'agent' ||
    kind === 'skill' ||
    kind === 'command' ||
    kind === 'markdown' ||
    kind === 'readme' ||
    kind === 'memory' ||
    kind === 'output-style'
  )
}
