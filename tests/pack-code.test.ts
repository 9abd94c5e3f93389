// The pack's code blocks are correct (tests/pack-code/blocks.ts says what each check does), and each check fails when
// a defect the review found is planted back: in small fixtures (tests/fixtures-code-blocks), and into a copy of the
// real pack files (the RFC 3339 claim and layout, the literal in an update expression, a Guard rule set that skips SAM). The Go checks need gofmt (any Go) and, for
// vet and test, Go 1.22 or later (goToolchain() finds Debian's golang-1.22-go beside an older golang-go). Without them
// they are skipped, unless BACKEND_TEAM_REQUIRE_GO=1 (set by .ci/run, which installs Go).

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, makeTempDir } from '../scripts/harness/claude-cli.ts'
import {
  cfnGuardBinary,
  cfnYamlFindings,
  goAvailable,
  gofmtAvailable,
  gofmtFindings,
  goVetFindings,
  guardFindings,
  proseBlocks,
  readBlocks,
  rfc3339SortClaims,
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
  it('no sentence claims that RFC 3339 times sort as strings', () => {
    expectNone(rfc3339SortClaims(proseBlocks(REPO_ROOT)))
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
})

// The review's defects put back into a copy of the real pack: the same checks that pass on the pack fail on the copy.
const copies: string[] = []
afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true })
})

/** A copy of the pack's agents/ and skills/ with `from` (which must occur exactly once) replaced in one file. */
function packWith(file: string, from: string, to: string): string {
  const root = makeTempDir('planted')
  copies.push(root)
  for (const part of ['agents', 'skills']) fs.cpSync(path.join(REPO_ROOT, part), path.join(root, part), { recursive: true })
  const target = path.join(root, file)
  const text = fs.readFileSync(target, 'utf8')
  expect(text.split(from).length - 1, `${file} must contain the text to replace exactly once:\n${from}`).toBe(1)
  fs.writeFileSync(target, text.replace(from, to))
  return root
}

const SINGLE_TABLE = 'skills/gateway-backend/references/dynamodb-single-table.md'
const CONDITIONAL_WRITES = 'skills/gateway-backend/references/dynamodb-conditional-writes.md'
const CFN_VALIDATION = 'skills/gateway-backend/references/cloudformation-validation.md'

describe('planted defects put back into the pack are caught', () => {
  it('the RFC 3339 claim in the prose', () => {
    const root = packWith(
      SINGLE_TABLE,
      '`time.Time` is stored with `time.RFC3339Nano` by default,\n  which does **not** sort as a string:',
      '`time.Time` is stored as an RFC 3339 string by default,\n  which sorts correctly as a string:',
    )
    const findings = rfc3339SortClaims(proseBlocks(root))
    expect(findings.map((f) => f.at.split(':')[0])).toEqual([SINGLE_TABLE])
    expect(findings[0]!.message).toMatch(/sorts correctly as a string/)
  })
  it.skipIf(!HAS_GO && !REQUIRE_GO)(
    'RFC3339Nano as the sort-key layout in the Go test block',
    () => {
      const layout = 'const sortKeyTime = "2006-01-02T15:04:05.000000000Z"'
      const clean = goVetFindings(readBlocks(REPO_ROOT, [SINGLE_TABLE]).blocks)
      expect(clean.findings).toEqual([])
      expect(clean.vetted).toHaveLength(1)
      const root = packWith(SINGLE_TABLE, layout, 'const sortKeyTime = time.RFC3339Nano')
      const planted = goVetFindings(readBlocks(root, [SINGLE_TABLE]).blocks).findings
      expect(planted).toHaveLength(1)
      expect(planted[0]!.message).toMatch(/go test failed[\s\S]*string order differs from time order/)
    },
    120_000,
  )
  it('a literal in the optimistic-locking update expression', () => {
    const root = packWith(CONDITIONAL_WRITES, '`SET #version = #version + :one`', '`SET #version = :expected + 1`')
    const planted = readBlocks(root, [CONDITIONAL_WRITES])
    expect(updateExpressionFindings(planted.blocks, planted.inline).map((f) => f.message)).toEqual([
      '`SET #version = :expected + 1` uses the literal 1; operands are attribute paths or :placeholders',
    ])
  })
  it('a Guard rule set that skips SAM: the SAM rule deleted, or its filter naming the plain Lambda type', () => {
    const samRule = /\nrule sam_sqs_events_report_batch_failures[\s\S]*?\n}\n/.exec(
      fs.readFileSync(path.join(REPO_ROOT, CFN_VALIDATION), 'utf8'),
    )?.[0]
    expect(samRule, 'the SAM rule in cloudformation-validation.md').toBeDefined()
    const deleted = packWith(CFN_VALIDATION, samRule!, '\n')
    expect(guardFindings(deleted, readBlocks(deleted, [CFN_VALIDATION]).blocks, guardBin).findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/expects rule sam_sqs_events_report_batch_failures, which this block does not define/),
    ])
    const lambdaOnly = packWith(CFN_VALIDATION, "Type == 'AWS::Serverless::Function'", "Type == 'AWS::Lambda::Function'")
    const skipped = guardFindings(lambdaOnly, readBlocks(lambdaOnly, [CFN_VALIDATION]).blocks, guardBin).findings
    expect(skipped).toHaveLength(1)
    expect(skipped[0]!.message).toMatch(
      /cfn-guard test failed[\s\S]*sam_sqs_events_report_batch_failures: Expected = FAIL, Evaluated = \[SKIP\]/,
    )
  })
})
