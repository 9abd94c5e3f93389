// The pack's code blocks are correct (tests/pack-code/blocks.ts says what each check does), and each check fails when
// a defect the review found is planted back (tests/fixtures-code-blocks). The Go checks need gofmt (any Go) and, for
// vet and test, Go 1.22 or later (goToolchain() finds Debian's golang-1.22-go beside an older golang-go). Without them
// they are skipped, unless BACKEND_TEAM_REQUIRE_GO=1 (set by .ci/run, which installs Go).

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from './harness/claude-cli.ts'
import {
  cfnGuardBinary,
  cfnYamlFindings,
  goAvailable,
  gofmtAvailable,
  gofmtFindings,
  goVetFindings,
  guardFindings,
  readBlocks,
  updateExpressionFindings,
  type Finding,
} from './pack-code/blocks.ts'

const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures-code-blocks')
const HAS_GO = goAvailable()
const HAS_GOFMT = gofmtAvailable()
const REQUIRE_GO = process.env.BACKEND_TEAM_REQUIRE_GO === '1'
const pack = readBlocks(REPO_ROOT)
const guardBin = cfnGuardBinary(REPO_ROOT)

function fixture(rel: string) {
  return readBlocks(FIXTURES, [rel])
}

function expectNone(findings: Finding[]): void {
  expect(findings.map((f) => `${f.at}: ${f.message}`)).toEqual([])
}

describe('the pack', () => {
  it('has code blocks to check', () => {
    expect(pack.blocks.filter((b) => b.lang === 'go').length).toBeGreaterThan(10)
  })
  it('CloudFormation and SAM snippets are valid YAML with short-form tags', () => {
    expectNone(cfnYamlFindings(pack.blocks))
  })
  it('every Guard rule block passes cfn-guard test against its test cases, and none hides in another block', () => {
    expectNone(guardFindings(REPO_ROOT, pack.blocks, guardBin).findings)
  })
  it('no DynamoDB update expression uses a literal operand', () => {
    expectNone(updateExpressionFindings(pack.blocks, pack.inline))
  })
  it.skipIf(!HAS_GOFMT && !REQUIRE_GO)('every ```go block parses and is gofmt-formatted', () => {
    expect(HAS_GOFMT, 'gofmt is required (BACKEND_TEAM_REQUIRE_GO=1)').toBe(true)
    expectNone(gofmtFindings(pack.blocks))
  })
  it.skipIf(!HAS_GO && !REQUIRE_GO)(
    'every ```go file block whose imports are installed passes go vet (and go test for _test.go)',
    () => {
      expect(HAS_GO, 'Go 1.22 or later is required (BACKEND_TEAM_REQUIRE_GO=1)').toBe(true)
      const r = goVetFindings(pack.blocks)
      expectNone(r.findings)
    },
    120_000,
  )
})

describe('planted defects are caught', () => {
  it('a Guard rule set that skips SAM is caught: the rule deleted, or its filter naming no real type', () => {
    expect(guardFindings(FIXTURES, fixture('guard/covers-sam.md').blocks, guardBin)).toEqual({
      findings: [],
      tested: ['guard/covers-sam.md:5'],
    })
    expect(guardFindings(FIXTURES, fixture('guard/skips-sam.md').blocks, guardBin).findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /cloudformation-guard-tests\.yaml expects rule sam_sqs_events_report_batch_failures, which this block does not define/,
      ),
    ])
    const typo = guardFindings(FIXTURES, fixture('guard/sam-typo.md').blocks, guardBin).findings
    expect(typo).toHaveLength(1)
    expect(typo[0]!.message).toMatch(
      /cfn-guard test failed[\s\S]*sam_sqs_events_report_batch_failures: Expected = FAIL, Evaluated = \[SKIP\]/,
    )
  })
  it('Guard rules in a text block, or without test cases, are reported', () => {
    expect(guardFindings(FIXTURES, fixture('guard/unmarked.md').blocks, guardBin).findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/reads as CloudFormation Guard rules but is marked `text`/),
    ])
    expect(guardFindings(FIXTURES, fixture('guard/no-tests.md').blocks, guardBin).findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/needs test cases/),
    ])
  })
  it('a literal in an update expression, in a table cell or a Go string', () => {
    const ok = fixture('update-expression/placeholders.md')
    expect(updateExpressionFindings(ok.blocks, ok.inline)).toEqual([])
    const bad = fixture('update-expression/literal.md')
    expect(updateExpressionFindings(bad.blocks, bad.inline)).toEqual([
      {
        at: 'update-expression/literal.md:7',
        message: '`SET #version = :expected + 1` uses the literal 1; operands are attribute paths or :placeholders',
      },
      {
        at: 'update-expression/literal.md:9',
        message: '`SET #count = #count + 1` uses the literal 1; operands are attribute paths or :placeholders',
      },
    ])
  })
  it('CloudFormation YAML: short-form tags parse; a misspelt tag, a duplicate key and a missing Type do not', () => {
    expect(cfnYamlFindings(fixture('cfn-yaml/sam-template.md').blocks)).toEqual([])
    const messages = cfnYamlFindings(fixture('cfn-yaml/broken.md').blocks).map((f) => f.message)
    expect(messages.join('\n')).toMatch(/!GetAttr/)
    expect(messages.join('\n')).toMatch(/unique|duplicate/i)
  })
  it.skipIf(!HAS_GOFMT && !REQUIRE_GO)('a Go block that does not parse, and one that is not gofmt-formatted', () => {
    const f = gofmtFindings(fixture('go-syntax/broken.md').blocks)
    expect(f.map((x) => x.at)).toEqual(['go-syntax/broken.md:3', 'go-syntax/broken.md:11'])
    expect(f[0]!.message).toMatch(/does not parse: block line \d+/)
    expect(f[1]!.message).toMatch(/not gofmt-formatted/)
  })
  it.skipIf(!HAS_GO && !REQUIRE_GO)(
    'the RFC 3339 sort-key claim: the fixed-width layout passes its test, RFC3339Nano fails it',
    () => {
      expect(goVetFindings(fixture('sort-key/fixed-width.md').blocks)).toEqual({
        findings: [],
        skipped: [],
        vetted: ['sort-key/fixed-width.md:5'],
      })
      const planted = goVetFindings(fixture('sort-key/rfc3339nano.md').blocks).findings
      expect(planted).toHaveLength(1)
      expect(planted[0]!.message).toMatch(/go test failed[\s\S]*string order differs from time order/)
    },
    120_000,
  )
})
