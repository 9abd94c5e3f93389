import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend'

/** The part of a secretlint rule this module uses; the preset's own types name packages that are not installed. */
interface PresetRule {
  meta: { id: string; type: string }
  create: unknown
}
const rules = presetRules as unknown as readonly PresetRule[]

/**
 * Secret detection with secretlint's recommended preset (offline rules for AWS, GCP, GitHub, GitLab, Slack, npm, OpenAI,
 * Anthropic, private keys, connection strings and more), driven synchronously: each rule's `file` handler only runs
 * regular expressions over the text we pass. Only the GCP rule has an asynchronous path, for `.p12` files, which are
 * never passed here.
 */
export interface FoundSecret {
  /** What secretlint calls it: `AWS Secret Access Key`, `GitHub Token(ghp)`. */
  label: string
  start: number
  end: number
}

/** The preset's rules this module was written against; a test fails when an upgrade adds one, so `anchor` is revisited. */
export const presetRuleIds: readonly string[] = rules.map((r) => r.meta.id)

/**
 * A text can only hold a secret the preset finds if it contains one of the rules' fixed parts (a token prefix, `://`
 * for credentials in URLs, `PRIVATE KEY`). Testing this first keeps a project of thousands of clean files from paying
 * for two dozen full scans each.
 */
const anchor =
  /(?:SECRET|[Ss]ecret)_?(?:ACCESS|[Aa]ccess)|PRIVATE KEY|npm_|_authToken|x-oauth-basic|:\/\/|xox|xapp-|SG\.|shp|gh[pousr]_|github_pat_|glpat-|gl(?:c|sa)_|T3BlbkFJ|sk-ant-api0|gsk_|hf_|lin_api_|ntn_|ops_ey|hv[sbr]\.|vc[pciark]_|dapi|dckr_pat_|figd_/

interface RuleContext {
  report(d: { message: string; range: readonly [number, number] }): void
  ignore(): void
  createTranslator(
    messages: Record<string, { en: (props: Record<string, unknown>) => string }>,
  ): (id: string, props?: Record<string, unknown>) => string
}
type Handler = (source: { content: string; filePath: string; ext: string; contentType: 'text' }) => unknown

let current: FoundSecret[] = []
const masked = '\u0000'
const context: RuleContext = {
  report: ({ message, range }) => {
    const label = message
      .replace(/^found /, '')
      .split(`: ${masked}`)[0]!
      .replace(/:\s*$/, '')
    current.push({ label, start: range[0], end: range[1] })
  },
  ignore: () => {},
  // Messages are rendered with every value replaced, so the secret never reaches our message text.
  createTranslator:
    (messages) =>
    (id, props = {}) => {
      const safe = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, k === 'typeName' ? v : masked]))
      return messages[id]?.en(safe) ?? id
    },
}

let handlers: Handler[] | null = null
function scanners(): Handler[] {
  // secretlint-disable comments are left to our own suppression comments.
  handlers ??= rules
    .filter((rule) => rule.meta.type === 'scanner')
    .map((rule) => (rule.create as (c: RuleContext, o: object) => { file?: Handler }).call(rule, context, {}).file)
    .filter((h): h is Handler => typeof h === 'function')
  return handlers
}

/** Secrets in `text` (the file's own text; `path` decides file-type-specific rules such as GCP key JSON). */
export function findSecrets(text: string, path: string): FoundSecret[] {
  if (!anchor.test(text)) return []
  const ext = /\.[^./]*$/.exec(path)?.[0] ?? ''
  current = []
  for (const handler of scanners()) {
    try {
      handler({ content: text, filePath: path, ext, contentType: 'text' })
    } catch {
      // A rule that fails on odd input finds nothing; it must not stop the run.
    }
  }
  const found = current
  current = []
  const seen = new Set<string>()
  return found
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .filter((s) => {
      const key = `${s.start}:${s.end}`
      return !seen.has(key) && Boolean(seen.add(key))
    })
}

/** The first four characters of a secret and its length: enough to find it, not enough to use it. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, Math.min(4, Math.floor(secret.length / 4)))}… (${secret.length} characters)`
}

/**
 * `message` with every secret of `text` it quotes replaced by its mask. Any rule may quote a value (a key, a link, a
 * command); masking here, once per diagnostic, keeps a token that security/secret masks from being printed by another.
 */
export function maskQuotedSecrets(message: string, secrets: readonly FoundSecret[], text: string): string {
  let out = message
  for (const s of secrets) {
    const secret = text.slice(s.start, s.end)
    if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join(maskSecret(secret))
  }
  return out
}
