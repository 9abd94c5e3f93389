// What each of the pack's agents may run through Bash. Two policies:
// - read-only (the orchestrator and both reviewers): commands from an allowlist of read-only and verifying commands,
//   joined only by `&&`, `||`, `;` or `|`, with no substitutions, variables or redirects into files; anything else
//   is denied.
// - writer (every other agent of the pack): anything except the destructive commands below, looked for in every part of
//   a compound command, in `$(…)`, backticks and `sh -c` scripts. A denylist is a rail against mistakes, not a sandbox:
//   a script file the agent wrote and then runs is not read.
// `decide()` returns a reason to deny, or undefined to let Claude Code's own permission rules decide: the guard never
// grants a permission the user's settings do not.

import fs from 'node:fs'
import path from 'node:path'
import { parseCommandLine } from './shell.mjs'

/** @typedef {import('./shell.mjs').Word} Word */
/** @typedef {import('./shell.mjs').SimpleCommand} SimpleCommand */

export const PLUGIN_PREFIX = 'backend-team:'
export const READ_ONLY_AGENTS = ['backend-orchestrator', 'backend-reviewer', 'backend-security-reviewer']
export const WRITER_AGENTS = [
  'backend-architect',
  'backend-developer',
  'backend-unit-test-engineer',
  'backend-integration-test-engineer',
  'acceptance-test-engineer',
  'integration-developer',
  'aws-infrastructure-specialist',
]

/**
 * The acceptance suite's account contract: `ACCEPTANCE_ACCOUNT_ID` names the one account it may touch (its TestMain
 * refuses other credentials), and the team's allowlist file, when the project has one, must list that account.
 */
export const ACCOUNT_ENV = 'ACCEPTANCE_ACCOUNT_ID'
export const ACCOUNTS_FILE = '.backend-team/aws-accounts'

/**
 * The policy for an agent type as the hook input names it (`backend-developer`, or `backend-team:backend-developer` in
 * a plugin install); undefined for agents outside the pack and for the main thread, which the guard leaves alone.
 * @param {unknown} agentType
 * @returns {'read-only' | 'writer' | undefined}
 */
export function policyFor(agentType) {
  if (typeof agentType !== 'string') return undefined
  const name = agentType.startsWith(PLUGIN_PREFIX) ? agentType.slice(PLUGIN_PREFIX.length) : agentType
  if (READ_ONLY_AGENTS.includes(name)) return 'read-only'
  if (WRITER_AGENTS.includes(name)) return 'writer'
  return undefined
}

/**
 * @param {'read-only' | 'writer'} policy
 * @param {string} command the Bash tool's `command`
 * @param {{ cwd: string, projectDir: string, env: Record<string, string | undefined> }} where
 * @returns {string | undefined} why the command is refused, or undefined
 */
export function decide(policy, command, where) {
  const parsed = parseCommandLine(command)
  if (parsed.problem) return `the guard cannot read this command (${parsed.problem})`
  return policy === 'read-only' ? readOnlyRefusal(parsed) : writerRefusal(parsed, where, 0)
}

// ---------------------------------------------------------------------------------------------------------------------
// read-only

/** Environment assignments a verifying command may carry (`CGO_ENABLED=1 go test -race ./...`). */
const SAFE_ASSIGNMENTS = new Set(['CGO_ENABLED', 'GOOS', 'GOARCH', 'GOTOOLCHAIN', 'GOWORK', 'GOPROXY'])

/** Operators that only sequence or pipe commands: with every part allowed, they add no capability. */
const READ_ONLY_OPERATORS = new Set(['&&', '||', ';', '|', '\n'])

/** @param {import('./shell.mjs').ParsedLine} parsed */
function readOnlyRefusal(parsed) {
  const op = parsed.operators.find((o) => !READ_ONLY_OPERATORS.has(o))
  if (op) return `\`${op}\` is not allowed (\`&&\`, \`||\`, \`;\` and \`|\` between allowed commands are)`
  if (parsed.substitutions.length) return 'command substitution (`$(…)`, backticks, `<(…)`) is not allowed'
  if (!parsed.commands.length) return 'the command is empty'
  for (const cmd of parsed.commands) {
    const why = readOnlySimpleCommand(cmd, parsed.commands.length === 1)
    if (why) return why
  }
  return undefined
}

/** A redirect that writes no file: fd duplication (`2>&1`, `>&2`) or output to /dev/null. */
function harmlessRedirect(/** @type {import('./shell.mjs').Redirect} */ r) {
  const t = r.target
  if (!t || t.expanded || t.glob || t.tilde) return false
  if (/^\d*>&$/.test(r.op)) return /^\d+$/.test(t.text)
  return /^(?:\d*>|\d*>>|&>)$/.test(r.op) && t.text === '/dev/null'
}

/**
 * @param {SimpleCommand} cmd
 * @param {boolean} alone whether it is the whole command line (a check-result here-document must be)
 */
function readOnlySimpleCommand(cmd, alone) {
  const words = [...cmd.words]
  while (words[0] && /^[A-Za-z_]\w*=/.test(words[0].text)) {
    const name = words[0].text.slice(0, words[0].text.indexOf('='))
    if (!SAFE_ASSIGNMENTS.has(name) || words[0].expanded) return `setting \`${name}\` is not allowed here`
    words.shift()
  }
  const expanded = words.find((w) => w.expanded)
  if (expanded) return `\`${expanded.text}\`: variables are not allowed; write the value out`
  const argv = words.map((w) => w.text)
  const checkResult = isCheckResult(argv)
  for (const r of cmd.redirects) {
    if (harmlessRedirect(r)) continue
    const stdinDoc = checkResult && alone && (r.op === '<<' || r.op === '<<-') && cmd.heredocs.length === 1 && cmd.heredocs[0]?.quoted
    if (!stdinDoc)
      return `the redirect \`${r.op}${r.target?.text ?? ''}\` is not allowed (read-only Bash writes no files; only 2>&1 and >/dev/null are, and a here-document is allowed only as the input of a lone check-result, with a quoted delimiter such as <<'EOF')`
  }
  if (checkResult) return undefined
  const verdict = readOnlyCommand(argv)
  return verdict === true ? undefined : verdict
}

/**
 * `backend-team check-result …`, `npx [--no-install|--offline|-y] backend-team check-result …`, or, in a plugin install
 * (Claude Code 2.1.332 puts a plugin's bin/ on the Bash PATH), `backend-team.js check-result …`.
 */
function isCheckResult(/** @type {string[]} */ argv) {
  let i = 0
  if (argv[0] === 'npx') {
    i = 1
    while (argv[i] && ['--no-install', '--no', '--offline', '-y', '--yes', '-q', '--quiet'].includes(/** @type {string} */ (argv[i]))) i++
  }
  const name = i === 0 ? /^backend-team(?:\.js)?$/ : /^backend-team(@[\w.^~-]+)?$/
  return name.test(argv[i] ?? '') && argv[i + 1] === 'check-result'
}

const GIT_READ = new Set([
  'status',
  'log',
  'diff',
  'show',
  'rev-parse',
  'merge-base',
  'ls-files',
  'describe',
  'blame',
  'rev-list',
  'shortlog',
  'cat-file',
  'diff-tree',
  'name-rev',
  'grep',
  'ls-tree',
])
const GIT_BRANCH_READ = new Set([
  '--list',
  '-l',
  '-a',
  '--all',
  '-r',
  '--remotes',
  '-v',
  '-vv',
  '--verbose',
  '--show-current',
  '--contains',
  '--merged',
  '--no-merged',
  '--no-color',
  '--color=never',
])

/**
 * Whether a single argv is a read-only or verifying command: `true`, or why not.
 * @param {string[]} argv
 * @returns {true | string}
 */
export function readOnlyCommand(argv) {
  const [cmd = '', ...args] = argv
  const hasFlag = (/** @type {RegExp} */ re) => args.find((a) => re.test(a))
  const no = (/** @type {string} */ what) => `\`${argv.join(' ')}\`: ${what}`
  switch (cmd) {
    case 'git': {
      let i = 0
      while (args[i] === '--no-pager' || args[i] === '-C' || args[i] === '-P') i += args[i] === '-C' ? 2 : 1
      const sub = args[i] ?? ''
      const rest = args.slice(i + 1)
      const bad = rest.find((a) => /^(?:--output|--ext-diff|--textconv|-O|--open-files-in-pager|--exec)/.test(a))
      if (bad) return no(`\`${bad}\` is not allowed`)
      if (GIT_READ.has(sub)) return true
      if (sub === 'branch') {
        // `git branch <name>` creates a branch; only the listing forms (options, or a commit after --contains/--merged).
        const listing = rest.every((a, k) => GIT_BRANCH_READ.has(a) || /^--(?:contains|merged|no-merged)$/.test(rest[k - 1] ?? ''))
        return listing ? true : no('only listing branches is read-only')
      }
      if ((sub === 'worktree' || sub === 'stash') && rest[0] === 'list') return true
      if (sub === 'remote' && rest.every((a) => a === '-v' || a === '--verbose')) return true
      return no(`not a read-only git command (allowed: ${[...GIT_READ].join(', ')}, branch listing, worktree list, stash list, remote -v)`)
    }
    case 'go': {
      const [sub = '', ...rest] = args
      const bad = rest.find((a) =>
        /^--?(?:toolexec|exec|vettool|overlay|modfile|coverprofile|cpuprofile|memprofile|blockprofile|mutexprofile|trace|outputdir|fuzz|fuzzcache|args|update|golden)(?:=|$)/.test(
          a,
        ),
      )
      if (bad) return no(`\`${bad}\` is not allowed (it runs another program or lets the tests write files)`)
      if (sub === 'build') {
        const o = rest.findIndex((a) => a === '-o' || a.startsWith('-o='))
        if (o >= 0) {
          const target = rest[o] === '-o' ? rest[o + 1] : rest[o]?.slice(3)
          return target === '/dev/null' ? true : no('`-o` may only name /dev/null')
        }
        const pkgs = rest.filter((a) => !a.startsWith('-'))
        return pkgs.length && pkgs.every((p) => p.endsWith('...'))
          ? true
          : no('use `go build ./...` or `go build -o /dev/null <pkg>`, which write no binary')
      }
      if (sub === 'test')
        return rest.some((a) => a === '-c' || a === '-o' || a.startsWith('-o=')) ? no('`-c`/`-o` write a test binary') : true
      if (sub === 'vet' || sub === 'list' || sub === 'version') return true
      if (sub === 'env') return rest.some((a) => a === '-w' || a === '-u') ? no('`go env -w/-u` changes settings') : true
      if (sub === 'mod' && ['verify', 'why', 'graph'].includes(rest[0] ?? '')) return true
      if (sub === 'mod' && rest[0] === 'tidy' && rest.includes('-diff')) return true
      return no('allowed go commands: build, vet, test, list, version, env, mod verify|why|graph, mod tidy -diff')
    }
    case 'gofmt':
      return args.every((a) => !a.startsWith('-') || /^-[leds]+$/.test(a))
        ? true
        : no('only `gofmt -l` (with -e, -d, -s) is allowed; `-w` writes')
    case 'cfn-lint': {
      const bad = hasFlag(/^(?:--output-file|--update|-u$|--merge-configs)/)
      return bad ? no(`\`${bad}\` writes files`) : true
    }
    case 'cfn-guard':
      return args[0] === 'validate' || args[0] === 'test' ? true : no('only `cfn-guard validate` and `cfn-guard test` are allowed')
    case 'sam':
      return args[0] === 'validate' ? true : no('only `sam validate` is allowed')
    case 'gosec': {
      const bad = hasFlag(/^-(?:out|fmt-out)(?:=|$)/)
      return bad ? no(`\`${bad}\` writes a file`) : true
    }
    case 'govulncheck':
    case 'staticcheck':
      return true
    case 'golangci-lint': {
      const bad = hasFlag(/^--(?:fix|output\.|out-format=.*:)/)
      return bad ? no(`\`${bad}\` writes files`) : args[0] === 'run' ? true : no('only `golangci-lint run` is allowed')
    }
    case 'jq':
    case 'grep':
    case 'egrep':
    case 'fgrep':
    case 'ls':
    case 'pwd':
    case 'cat':
    case 'head':
    case 'wc':
    case 'diff':
    case 'stat':
      return true
    case 'tail':
      return hasFlag(/^(?:-f|-F|--follow)/) ? no('`tail -f` never ends') : true
    case 'rg': {
      const bad = hasFlag(/^--pre(?:=|$)/)
      return bad ? no('`--pre` runs a program') : true
    }
    case 'find': {
      const bad = hasFlag(/^-(?:exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls)$/)
      return bad ? no(`\`${bad}\` runs a program or writes`) : true
    }
    default:
      return `\`${cmd}\` is not on the read-only allowlist (read-only git, go build/vet/test, gofmt -l, cfn-lint, cfn-guard validate|test, sam validate, backend-team check-result, gosec, govulncheck, staticcheck, golangci-lint run, jq, grep, rg, find, ls, cat, head, tail, wc, diff, stat)`
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// writer

const MAX_DEPTH = 4

/**
 * @param {import('./shell.mjs').ParsedLine} parsed
 * @param {{ cwd: string, projectDir: string, env: Record<string, string | undefined> }} where
 * @param {number} depth
 * @returns {string | undefined}
 */
function writerRefusal(parsed, where, depth) {
  if (depth > MAX_DEPTH) return 'commands nested this deep are not read by the guard; run them one by one'
  // `cd` changes where later relative paths point; after a `cd` the guard cannot follow, `cwd` is unknown.
  /** @type {string | undefined} */
  let cwd = where.cwd
  for (const cmd of parsed.commands) {
    const argv = unwrap(cmd.words)
    if (!argv.length) continue
    const here = { ...where, cwd, env: { ...where.env, ...assignments(cmd.words) } }
    const why = destructive(argv, here)
    if (why) return why
    const script = shellScript(argv)
    if (script !== undefined) {
      const inner = parseCommandLine(script)
      if (inner.problem) return `the guard cannot read the \`${argv[0]?.text} -c\` script (${inner.problem})`
      const nested = writerRefusal(inner, here, depth + 1)
      if (nested) return nested
    }
    const head = argv[0]?.text
    if (head === 'eval') return '`eval` hides the command from the guard; run the command itself'
    if (head === 'cd' || head === 'pushd' || head === 'popd') {
      const dir = argv[1]
      cwd =
        cwd !== undefined && head === 'cd' && argv.length === 2 && dir && !dir.expanded && !dir.tilde && dir.text !== '-'
          ? path.resolve(cwd, dir.text)
          : undefined
    }
  }
  for (const sub of parsed.substitutions) {
    const inner = parseCommandLine(sub)
    if (inner.problem) return `the guard cannot read \`$(${sub})\` (${inner.problem})`
    const nested = writerRefusal(inner, where, depth + 1)
    if (nested) return nested
  }
  return undefined
}

/**
 * `NAME=value` words before the command and after an `env` wrapper: the environment the command runs with.
 * @param {Word[]} words
 * @returns {Record<string, string>}
 */
function assignments(words) {
  /** @type {Record<string, string>} */
  const out = {}
  for (const w of words) {
    const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(w.text)
    if (m && !w.expanded) out[/** @type {string} */ (m[1])] = /** @type {string} */ (m[2])
    else if (w.text !== 'env' && !w.text.startsWith('-')) break
  }
  return out
}

/**
 * The command a simple command really runs: leading `VAR=value` assignments and wrappers (`sudo`, `env`, `command`,
 * `exec`, `nohup`, `time`, `nice`, `timeout`, `xargs`) removed.
 * @param {Word[]} words
 * @returns {Word[]}
 */
function unwrap(words) {
  let w = [...words]
  for (let guard = 0; guard < 20 && w.length; guard++) {
    const head = /** @type {Word} */ (w[0]).text
    if (/^[A-Za-z_]\w*=/.test(head)) w = w.slice(1)
    else if (
      head === 'sudo' ||
      head === 'env' ||
      head === 'nohup' ||
      head === 'time' ||
      head === 'command' ||
      head === 'exec' ||
      head === 'nice' ||
      head === 'xargs' ||
      head === 'timeout'
    ) {
      w = w.slice(1)
      // Their options; `timeout` also takes a duration, and a few options take a value.
      while (w[0] && (w[0].text.startsWith('-') || (head === 'env' && /^[A-Za-z_]\w*=/.test(w[0].text)))) {
        const opt = w[0].text
        w = w.slice(1)
        if (/^-(?:u|g|n|I|P|L|s|d|E|a|C|k|s)$/.test(opt) && w.length) w = w.slice(1)
      }
      if (head === 'timeout' && w[0] && /^\d/.test(w[0].text)) w = w.slice(1)
    } else break
  }
  return w
}

/** The script of `bash -c '…'` (and sh, zsh, dash, ksh), or undefined. */
function shellScript(/** @type {Word[]} */ argv) {
  const head = path.basename(argv[0]?.text ?? '')
  if (!/^(?:ba|z|da|k|fi)?sh$/.test(head)) return undefined
  for (let i = 1; i < argv.length; i++) {
    const a = /** @type {Word} */ (argv[i]).text
    if (/^-[a-z]*c[a-z]*$/.test(a)) return argv[i + 1]?.text ?? ''
    if (!a.startsWith('-')) return undefined
  }
  return undefined
}

/** Subcommands that deploy, delete or execute a change: `aws <service> <operation>`. */
const AWS_DENY = {
  cloudformation: [
    'deploy',
    'create-stack',
    'update-stack',
    'delete-stack',
    'execute-change-set',
    'delete-stack-set',
    'update-stack-set',
    'delete-stack-instances',
    'update-stack-instances',
  ],
  dynamodb: ['delete-table', 'delete-backup'],
  sqs: ['purge-queue', 'delete-queue'],
  s3: ['rm', 'rb'],
}
const ASK_USER =
  'Deploying, deleting and pushing belong to the user: stop and hand this step back in your result (next_steps), with the exact command.'

/**
 * Why argv is destructive, or undefined.
 * @param {Word[]} argv
 * @param {{ cwd: string | undefined, projectDir: string, env: Record<string, string | undefined> }} where
 */
function destructive(argv, where) {
  const words = argv.map((w) => w.text)
  let [cmd = '', ...args] = words
  cmd = path.basename(cmd)
  if (cmd === 'npx' || cmd === 'bunx' || ((cmd === 'pnpm' || cmd === 'yarn') && args[0] === 'dlx')) {
    if (cmd !== 'npx' && cmd !== 'bunx') args = args.slice(1)
    while (args[0]?.startsWith('-')) args = args.slice(args[0] === '-p' || args[0] === '--package' ? 2 : 1)
    cmd = (args[0] ?? '').replace(/@[^/]*$/, '')
    args = args.slice(1)
  }
  const positional = args.filter((a) => !a.startsWith('-'))
  switch (cmd) {
    case 'aws': {
      const service = positional.findIndex((p) => Object.prototype.hasOwnProperty.call(AWS_DENY, p))
      if (service < 0) return undefined
      const name = /** @type {keyof typeof AWS_DENY} */ (positional[service])
      const op = positional[service + 1] ?? ''
      return AWS_DENY[name].includes(op) ? `\`aws ${name} ${op}\` is refused for the pack's agents. ${ASK_USER}` : undefined
    }
    case 'sam':
      return ['deploy', 'delete', 'sync'].includes(positional[0] ?? '')
        ? `\`sam ${positional[0]}\` is refused for the pack's agents. ${ASK_USER}`
        : undefined
    case 'cdk':
    case 'aws-cdk':
      return ['deploy', 'destroy', 'watch'].includes(positional[0] ?? '')
        ? `\`cdk ${positional[0]}\` is refused for the pack's agents. ${ASK_USER}`
        : undefined
    case 'git': {
      let i = 0
      while (args[i]?.startsWith('-'))
        i += ['-C', '-c', '--git-dir', '--work-tree', '--namespace'].includes(/** @type {string} */ (args[i])) ? 2 : 1
      const sub = args[i]
      if (sub === 'push') return `\`git push\` is refused for the pack's agents. ${ASK_USER}`
      if (sub === 'reset' && args.slice(i + 1).includes('--hard'))
        return '`git reset --hard` discards work; commit or restore single files instead'
      return undefined
    }
    case 'rm':
      return rmOutsideWorkTree(argv.slice(1), where)
    case 'go':
      return acceptanceWithoutAllowlist(args, where)
    default:
      return undefined
  }
}

/**
 * `rm -r`/`-R`/`--recursive` may only remove paths strictly inside the work tree (the project directory), and only
 * paths the guard can resolve: no variables, `~`, hidden-file globs that could reach `..`, or relative paths after a
 * `cd` it could not follow. Symbolic links on the way are followed, as rm follows them.
 * @param {Word[]} args
 * @param {{ cwd: string | undefined, projectDir: string }} where
 */
function rmOutsideWorkTree(args, where) {
  let recursive = false
  let endOfOptions = false
  const targets = []
  for (const a of args) {
    if (!endOfOptions && a.text === '--') endOfOptions = true
    else if (!endOfOptions && /^-[a-zA-Z]+$/.test(a.text)) recursive ||= /[rR]/.test(a.text)
    else if (!endOfOptions && a.text.startsWith('--')) recursive ||= a.text === '--recursive'
    else targets.push(a)
  }
  if (!recursive) return undefined
  const root = realPath(path.resolve(where.projectDir))
  for (const t of targets) {
    if (t.expanded || t.tilde)
      return `\`rm -r ${t.text}\`: the guard cannot tell where \`${t.text}\` points; name the path inside the work tree`
    if (t.glob && t.text.split('/').some((part) => part.startsWith('.') && /[*?[]/.test(part)))
      return `\`rm -r ${t.text}\`: a hidden-file glob can match \`..\``
    if (where.cwd === undefined && !path.isAbsolute(t.text))
      return `\`rm -r ${t.text}\` after a \`cd\` the guard cannot follow; use a path from the work tree's root`
    const abs = realPath(path.resolve(where.cwd ?? root, t.text), t.text.endsWith('/'))
    const rel = path.relative(root, abs)
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel))
      return `\`rm -r ${t.text}\` reaches outside the work tree (${root}); only paths inside it may be removed`
  }
  return undefined
}

/**
 * `p` with the symbolic links of its existing part resolved. The last component is resolved only when `followLast`
 * (rm removes a link itself, but `rm -r link/` removes what it points to).
 * @param {string} p
 * @param {boolean} [followLast]
 */
function realPath(p, followLast = true) {
  const parent = followLast ? p : path.dirname(p)
  const rest = followLast ? '' : path.basename(p)
  let existing = parent
  const tail = []
  for (let i = 0; i < 64; i++) {
    try {
      return path.join(fs.realpathSync(existing), ...tail.reverse(), rest)
    } catch {
      const up = path.dirname(existing)
      if (up === existing) break
      tail.push(path.basename(existing))
      existing = up
    }
  }
  return p
}

/**
 * The acceptance suite creates real Cognito users: `go test` with the `acceptance` build tag runs only with
 * `ACCEPTANCE_ACCOUNT_ID` set (in the environment or on the command line), and, when the project has an allowlist
 * file, only for an account it lists.
 * @param {string[]} args
 * @param {{ projectDir: string, env: Record<string, string | undefined> }} where
 */
function acceptanceWithoutAllowlist(args, where) {
  if (args[0] !== 'test') return undefined
  const tags = args.flatMap((a, i) =>
    a === '-tags' || a === '--tags'
      ? [args[i + 1] ?? '']
      : a.startsWith('-tags=') || a.startsWith('--tags=')
        ? [a.slice(a.indexOf('=') + 1)]
        : [],
  )
  if (!tags.some((t) => t.split(/[,\s]+/).includes('acceptance'))) return undefined
  const account = where.env[ACCOUNT_ENV] ?? ''
  if (!/^\d{12}$/.test(account))
    return `the acceptance suite creates real users: set ${ACCOUNT_ENV} to the 12-digit AWS account it may touch (its TestMain refuses other credentials)`
  const allowed = accountAllowlist(where.projectDir)
  if (allowed && !allowed.includes(account))
    return `${ACCOUNT_ENV}=${account} is not in ${ACCOUNTS_FILE}, the project's list of accounts the acceptance suite may touch`
  return undefined
}

/**
 * The account ids in the project's allowlist file (one per line, `#` comments), or undefined when it has none.
 * @param {string} projectDir
 * @returns {string[] | undefined}
 */
export function accountAllowlist(projectDir) {
  let text
  try {
    text = fs.readFileSync(path.join(projectDir, ACCOUNTS_FILE), 'utf8')
  } catch {
    return undefined
  }
  return text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((id) => /^\d{12}$/.test(id))
}
