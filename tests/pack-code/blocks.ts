// The pack's code blocks, read from agents/ and skills/ markdown, and the checks that keep them correct:
// - every ```go block parses and is gofmt-formatted (`gofmt -l -e`; fragments are fine, as gofmt reads them);
// - a ```go file block (or ```go file=name_test.go) is a complete file: `go vet` when every import is in the
//   standard library of the toolchain (Go 1.22 or later), and `go test` when its name ends in _test.go;
// - a ```guard tests=<path> block is a CloudFormation Guard rule file whose test cases live at <path> (relative to the
//   markdown file); `cfn-guard test` must pass. A ```text or unmarked block that reads as Guard rules is an error,
//   so no rule set escapes its tests;
// - a ```yaml block that reads as a CloudFormation or SAM template parses with CloudFormation's short-form tags;
// - no DynamoDB update expression in the prose or code uses a literal operand (`SET #v = :v + 1` is a
//   ValidationException: operands are paths or :placeholders);
// - no sentence says that RFC 3339 times sort as strings (RFC3339Nano drops trailing zeros, so they do not).
// Nothing in a block is executed except through `go test` on blocks their authors marked as complete test files.

import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { parseDocument, type Tags } from 'yaml'

export interface CodeBlock {
  /** Path relative to the pack root. */
  file: string
  /** 1-based line of the opening fence. */
  line: number
  lang: string
  meta: string
  value: string
}

export interface InlineCode {
  file: string
  line: number
  value: string
}

export interface Finding {
  at: string
  message: string
}

interface MdNode {
  type: string
  lang?: string | null
  meta?: string | null
  value?: string
  position?: { start: { line: number } }
  children?: MdNode[]
}

/** Markdown files under agents/ and skills/ of a pack root. */
export function packMarkdown(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('.md')) out.push(path.relative(root, p).split(path.sep).join('/'))
    }
  }
  walk(path.join(root, 'agents'))
  walk(path.join(root, 'skills'))
  return out.sort()
}

export function readBlocks(root: string, files = packMarkdown(root)): { blocks: CodeBlock[]; inline: InlineCode[] } {
  const blocks: CodeBlock[] = []
  const inline: InlineCode[] = []
  for (const file of files) {
    const tree = unified()
      .use(remarkParse)
      .parse(fs.readFileSync(path.join(root, file), 'utf8')) as MdNode
    const walk = (n: MdNode) => {
      const line = n.position?.start.line ?? 0
      if (n.type === 'code') blocks.push({ file, line, lang: (n.lang ?? '').toLowerCase(), meta: n.meta ?? '', value: n.value ?? '' })
      if (n.type === 'inlineCode') inline.push({ file, line, value: n.value ?? '' })
      for (const c of n.children ?? []) walk(c)
    }
    walk(tree)
  }
  return { blocks, inline }
}

const at = (b: { file: string; line: number }) => `${b.file}:${b.line}`

/** `file` or `file=name.go` in a go block's info string. */
export function goFileName(block: CodeBlock): string | undefined {
  if (block.lang !== 'go') return undefined
  const m = /(?:^|\s)file(?:=(\S+))?(?:\s|$)/.exec(block.meta)
  if (!m) return undefined
  return m[1] ?? (/^func Test|\nfunc Test/.test(block.value) ? 'doc_test.go' : 'doc.go')
}

// ---------------------------------------------------------------------------------------------------------------------
// Go

/** The Go release the pack's code targets (its references say "go.mod says go 1.22 or later"). */
export const PACK_GO_VERSION = '1.22'

interface GoToolchain {
  go: string
  gofmt: string
  /** `1.22` for go1.22.12. */
  version: string
}

let toolchain: GoToolchain | null | undefined

/**
 * The Go toolchain to check with: $BACKEND_TEAM_GO (a go binary), else the newest Debian `/usr/lib/go-X.Y`, else `go`
 * on PATH. Debian's default golang-go may be older than the pack's Go; golang-1.22-go sits beside it.
 */
export function goToolchain(): GoToolchain | null {
  if (toolchain !== undefined) return toolchain
  const candidates: string[] = []
  if (process.env.BACKEND_TEAM_GO) candidates.push(process.env.BACKEND_TEAM_GO)
  try {
    const debian = fs.readdirSync('/usr/lib').filter((d) => /^go-\d+\.\d+$/.test(d))
    debian.sort((a, b) => compareGo(b.slice(3), a.slice(3)))
    candidates.push(...debian.map((d) => path.join('/usr/lib', d, 'bin', 'go')))
  } catch {
    // not Debian
  }
  candidates.push('go')
  toolchain = null
  for (const go of candidates) {
    const r = spawnSync(go, ['env', 'GOVERSION', 'GOROOT'], { encoding: 'utf8', env: goEnv() })
    const [goversion = '', goroot = ''] = (r.stdout ?? '').trim().split('\n')
    const version = /^go(\d+\.\d+)/.exec(goversion)?.[1]
    if (r.status !== 0 || !version) continue
    toolchain = { go, gofmt: path.join(goroot, 'bin', 'gofmt'), version }
    break
  }
  return toolchain
}

function compareGo(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number)
  const [bm = 0, bn = 0] = b.split('.').map(Number)
  return am - bm || an - bn
}

/** Whether the toolchain can build the pack's Go (gofmt alone parses any of it). */
export function goAvailable(): boolean {
  const t = goToolchain()
  return t !== null && compareGo(t.version, PACK_GO_VERSION) >= 0
}

export function gofmtAvailable(): boolean {
  const t = goToolchain()
  return t !== null && spawnSync(t.gofmt, ['-l'], { input: '', encoding: 'utf8' }).status === 0
}

/** gofmt -l -e on each block (stdin, so fragments parse as gofmt reads them). */
export function gofmtFindings(blocks: readonly CodeBlock[]): Finding[] {
  const out: Finding[] = []
  for (const b of blocks.filter((x) => x.lang === 'go')) {
    const r = spawnSync(goToolchain()!.gofmt, ['-l', '-e'], { input: b.value + '\n', encoding: 'utf8', timeout: 20_000 })
    if (r.status !== 0)
      out.push({
        at: at(b),
        message: `does not parse: ${r.stderr.trim().replace(/<standard input>:(\d+)/g, (_m, l: string) => `block line ${l}`)}`,
      })
    else if (r.stdout.trim()) out.push({ at: at(b), message: 'is not gofmt-formatted (run gofmt on it)' })
  }
  return out
}

let stdPackages: Set<string> | undefined
function stdlib(): Set<string> {
  stdPackages ??= new Set(execFileSync(goToolchain()!.go, ['list', 'std'], { encoding: 'utf8', env: goEnv() }).split('\n').filter(Boolean))
  return stdPackages
}

function goEnv(): NodeJS.ProcessEnv {
  // No network and no toolchain switch: blocks are checked against what is installed.
  return { ...process.env, GOPROXY: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOWORK: 'off', GO111MODULE: 'on' }
}

/** The import paths of a Go source file. */
export function goImports(src: string): string[] {
  const out: string[] = []
  for (const m of src.matchAll(/^import\s*\(([\s\S]*?)^\)/gm)) for (const q of m[1]!.matchAll(/"([^"]+)"/g)) out.push(q[1]!)
  for (const m of src.matchAll(/^import\s+(?:[\w.]+\s+)?"([^"]+)"/gm)) out.push(m[1]!)
  return out
}

export interface VetResult {
  findings: Finding[]
  /** Complete-file blocks not vetted, with the imports that are not in the installed standard library. */
  skipped: Array<{ at: string; missing: string[] }>
  vetted: string[]
}

/** go vet (and go test for _test.go files) on every complete-file block whose imports are all in the standard library. */
export function goVetFindings(blocks: readonly CodeBlock[]): VetResult {
  const result: VetResult = { findings: [], skipped: [], vetted: [] }
  const go = goToolchain()!.go
  for (const b of blocks) {
    const name = goFileName(b)
    if (!name) continue
    const missing = goImports(b.value).filter((p) => !stdlib().has(p))
    if (missing.length) {
      result.skipped.push({ at: at(b), missing })
      continue
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-goblock-'))
    try {
      fs.writeFileSync(path.join(dir, 'go.mod'), `module example.com/block\n\ngo ${PACK_GO_VERSION}\n`)
      fs.writeFileSync(path.join(dir, path.basename(name)), b.value + '\n')
      const cmd = name.endsWith('_test.go') ? ['test', '-count=1', './...'] : ['vet', './...']
      const r = spawnSync(go, cmd, { cwd: dir, encoding: 'utf8', env: goEnv(), timeout: 120_000 })
      result.vetted.push(at(b))
      if (r.status !== 0) result.findings.push({ at: at(b), message: `go ${cmd[0]} failed:\n${(r.stdout + r.stderr).trim()}` })
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  return result
}

// ---------------------------------------------------------------------------------------------------------------------
// CloudFormation Guard

/** The cfn-guard binary of the pinned npm package @cdklabs/cdk-validator-cfnguard. */
export function cfnGuardBinary(repoRoot: string): string {
  const os_ = process.platform === 'darwin' ? 'macos' : 'ubuntu'
  const arch = process.arch === 'arm64' ? 'aarch64' : 'x86_64'
  const bin = path.join(repoRoot, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard', 'bin', os_, arch, 'cfn-guard')
  if (!fs.existsSync(bin)) throw new Error(`cfn-guard not found at ${bin}: run \`npm ci\` (it comes with @cdklabs/cdk-validator-cfnguard)`)
  return bin
}

/** Rule-file syntax: `rule name {`, `let x = Resources.*[ Type == '…' ]`, or a `%var[*] {` clause. */
const GUARD_SYNTAX = /^\s*(?:rule\s+[A-Za-z_]\w*(?:\s+when\b[^{]*)?\s*\{|let\s+\w+\s*=\s*Resources\b)/m

/** `cfn-guard test` for each ```guard block against the test file its info string names. */
export function guardFindings(root: string, blocks: readonly CodeBlock[], binary: string): { findings: Finding[]; tested: string[] } {
  const findings: Finding[] = []
  const tested: string[] = []
  for (const b of blocks) {
    if (b.lang !== 'guard') {
      if (b.lang !== 'go' && b.lang !== 'yaml' && b.lang !== 'json' && GUARD_SYNTAX.test(b.value)) {
        findings.push({
          at: at(b),
          message: `reads as CloudFormation Guard rules but is marked \`${b.lang || '(none)'}\`: mark it \`\`\`guard tests=<test file>\` so cfn-guard test checks it`,
        })
      }
      continue
    }
    const testsRel = /(?:^|\s)tests=(\S+)/.exec(b.meta)?.[1]
    if (!testsRel) {
      findings.push({
        at: at(b),
        message: 'a Guard block needs test cases: ```guard tests=<path of a cfn-guard test file, relative to this markdown file>',
      })
      continue
    }
    const testsFile = path.resolve(root, path.dirname(b.file), testsRel)
    if (!fs.existsSync(testsFile)) {
      findings.push({ at: at(b), message: `test file ${testsRel} not found (looked for ${path.relative(root, testsFile)})` })
      continue
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-guard-'))
    try {
      const rules = path.join(dir, 'rules.guard')
      fs.writeFileSync(rules, b.value + '\n')
      const r = spawnSync(binary, ['test', '--rules-file', rules, '--test-data', testsFile], { encoding: 'utf8', timeout: 60_000 })
      tested.push(at(b))
      if (r.status !== 0)
        findings.push({
          at: at(b),
          message: `cfn-guard test failed against ${testsRel} (exit ${r.status}):\n${(r.stdout + r.stderr).trim()}`,
        })
      // cfn-guard test passes an expectation for a rule the file does not define, so a deleted rule goes unseen.
      const expected = new Set(guardTestRules(fs.readFileSync(testsFile, 'utf8')))
      const defined = new Set(guardRuleNames(b.value))
      for (const rule of defined) {
        if (!expected.has(rule)) findings.push({ at: at(b), message: `rule ${rule} has no test case in ${testsRel}` })
      }
      for (const rule of expected) {
        if (!defined.has(rule)) findings.push({ at: at(b), message: `${testsRel} expects rule ${rule}, which this block does not define` })
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  return { findings, tested }
}

/** The names of the rules a Guard file defines. */
export function guardRuleNames(rules: string): string[] {
  return [...rules.matchAll(/^\s*rule\s+([A-Za-z_]\w*)/gm)].map((m) => m[1]!)
}

/** The rule names a cfn-guard test file sets expectations for. */
export function guardTestRules(yamlText: string): string[] {
  const cases = parseDocument(yamlText).toJS() as Array<{ expectations?: { rules?: Record<string, string> } }> | null
  return (cases ?? []).flatMap((c) => Object.keys(c.expectations?.rules ?? {}))
}

// ---------------------------------------------------------------------------------------------------------------------
// CloudFormation and SAM YAML

const CFN_FUNCTIONS: Array<[string, string]> = [
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
  ...[
    'Base64',
    'Cidr',
    'FindInMap',
    'GetAtt',
    'GetAZs',
    'ImportValue',
    'Join',
    'Select',
    'Split',
    'Sub',
    'Transform',
    'And',
    'Equals',
    'If',
    'Not',
    'Or',
    'ToJsonString',
    'Length',
  ].map((n): [string, string] => [n, `Fn::${n}`]),
]

/** CloudFormation's short-form intrinsic tags (`!Ref`, `!GetAtt`, `!Sub`, …) as scalar, sequence and mapping tags. */
export const cfnTags: Tags = CFN_FUNCTIONS.flatMap(([tag, key]) => [
  { tag: `!${tag}`, resolve: (s: string) => ({ [key]: key === 'Fn::GetAtt' ? s.split('.') : s }) },
  { tag: `!${tag}`, collection: 'seq' as const, resolve: (v: unknown) => ({ [key]: (v as { toJSON(): unknown }).toJSON() }) },
  { tag: `!${tag}`, collection: 'map' as const, resolve: (v: unknown) => ({ [key]: (v as { toJSON(): unknown }).toJSON() }) },
])

/** A ```yaml block that is a CloudFormation or SAM template (or an excerpt with Resources). */
export function isCfnYaml(b: CodeBlock): boolean {
  return (
    (b.lang === 'yaml' || b.lang === 'yml') && /^(?:AWSTemplateFormatVersion|Resources|Transform)\s*:|^\s+Type:\s*['"]?AWS::/m.test(b.value)
  )
}

export function cfnYamlProblems(text: string): string[] {
  const doc = parseDocument(text, { customTags: cfnTags, uniqueKeys: true, prettyErrors: false })
  const problems = [...doc.errors, ...doc.warnings].map((e) => `line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`)
  if (problems.length) return problems
  const data = doc.toJS() as Record<string, unknown> | null
  if (!data || typeof data !== 'object' || Array.isArray(data)) return ['the template is not a mapping']
  const resources = data.Resources
  if (resources === undefined) return []
  if (!resources || typeof resources !== 'object' || Array.isArray(resources)) return ['`Resources` is not a mapping']
  for (const [name, r] of Object.entries(resources as Record<string, unknown>)) {
    const type = (r as { Type?: unknown } | null)?.Type
    if (typeof type !== 'string' || !/^(?:AWS|Custom|Alexa)::|^AWS::Serverless::/.test(type))
      problems.push(`resource ${name}: \`Type\` is ${JSON.stringify(type)}, expected AWS::<service>::<resource>`)
  }
  return problems
}

export function cfnYamlFindings(blocks: readonly CodeBlock[]): Finding[] {
  return blocks.filter(isCfnYaml).flatMap((b) => cfnYamlProblems(b.value).map((message) => ({ at: at(b), message })))
}

// ---------------------------------------------------------------------------------------------------------------------
// DynamoDB update expressions

const UPDATE_EXPRESSION = /\b(SET|ADD|REMOVE|DELETE)\s+[#:\w][^`"]*?=[^`"]*/g

/** Literal operands (numbers, quoted strings) in the update expressions of one piece of text. */
export function updateExpressionLiterals(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(UPDATE_EXPRESSION)) {
    if (m[1] !== 'SET') continue
    // Each SET action is `path = operand [+|- operand]`; functions (if_not_exists, list_append) take operands too.
    for (const action of m[0].replace(/^SET\s+/, '').split(/,(?![^(]*\))/)) {
      const rhs = action.slice(action.indexOf('=') + 1)
      for (const token of rhs.split(/[\s+\-(),]+/).filter(Boolean)) {
        if (/^\d+(?:\.\d+)?$|^'.*'$/.test(token))
          out.push(`\`${m[0].trim()}\` uses the literal ${token}; operands are attribute paths or :placeholders`)
      }
    }
  }
  return out
}

/** Inline code spans, and Go string literals in code blocks, that hold update expressions with literal operands. */
export function updateExpressionFindings(blocks: readonly CodeBlock[], inline: readonly InlineCode[]): Finding[] {
  const out: Finding[] = []
  for (const c of inline) for (const message of updateExpressionLiterals(c.value)) out.push({ at: at(c), message })
  for (const b of blocks.filter((x) => x.lang === 'go')) {
    for (const s of b.value.matchAll(/"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/g)) {
      for (const message of updateExpressionLiterals(s[1] ?? s[2] ?? '')) out.push({ at: at(b), message })
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------------
// Time formats in sort keys

/** The prose of a markdown file (paragraphs, list items and table cells, code spans included), one entry per block. */
export function proseBlocks(root: string, files = packMarkdown(root)): InlineCode[] {
  const out: InlineCode[] = []
  for (const file of files) {
    const tree = unified()
      .use(remarkParse)
      .parse(fs.readFileSync(path.join(root, file), 'utf8')) as MdNode
    const textOf = (n: MdNode): string =>
      n.type === 'text' || n.type === 'inlineCode' ? (n.value ?? '') : (n.children ?? []).map(textOf).join('')
    const walk = (n: MdNode) => {
      if (n.type === 'code') return
      if (n.type === 'paragraph' || n.type === 'tableCell') {
        out.push({ file, line: n.position?.start.line ?? 0, value: textOf(n).replace(/\s+/g, ' ') })
        return
      }
      for (const c of n.children ?? []) walk(c)
    }
    walk(tree)
  }
  return out
}

/**
 * Sentences that say RFC 3339 times sort as strings. They do not: the SDK's default, RFC3339Nano, drops trailing zeros
 * (`…05Z` sorts after `…05.5Z`) and other offsets reorder values. A sentence that names RFC 3339 and sorting passes only
 * with a negation in it ("does not sort", "not RFC3339Nano").
 */
export function rfc3339SortClaims(prose: readonly InlineCode[]): Finding[] {
  const out: Finding[] = []
  for (const p of prose) {
    for (const sentence of p.value.split(/(?<=[.;!?])\s+/)) {
      if (!/RFC ?3339/i.test(sentence) || !/\bsort(?:s|ed|able|ing)?\b|lexicographic|string order/i.test(sentence)) continue
      if (/\bnot\b|n't\b|\bnever\b/i.test(sentence)) continue
      out.push({ at: at(p), message: `claims RFC 3339 times sort as strings: "${sentence.trim()}"` })
    }
  }
  return out
}
