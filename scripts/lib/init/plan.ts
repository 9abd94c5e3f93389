import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { parseTree, findNodeAtLocation, getNodeValue } from 'jsonc-parser'
import { parseDocument } from 'yaml'
import { configFileName } from '../config/config.ts'
import { initMarker, lintStagedGlob, localStagedCheck, stagedCheck, wholeCommitCheck } from './recipes.ts'
import {
  claudeHookCommand,
  claudeHookEntry,
  claudeHookFile,
  claudeHookScript,
  gitHookScript,
  preCommitRepo,
  workflow,
} from './templates.ts'
import { setJsonValue } from '../write/json-edit.ts'

export const hookKinds = ['git', 'simple-git-hooks', 'husky', 'lint-staged', 'pre-commit'] as const
export type HookKind = (typeof hookKinds)[number]

/** One file `init` creates, merges into, leaves as it is, or cannot change without overwriting the user's work. */
export interface Step {
  path: string
  action: 'create' | 'update' | 'unchanged' | 'conflict'
  /** Why: what is added, or what the user must do instead. */
  reason: string
  text?: string
  executable?: boolean
}

export interface InitOptions {
  root: string
  hook: HookKind | null
  claudeHook: boolean
}

/** What `init` would do in `root`, file by file; nothing is written here. */
export function planInit(options: InitOptions): Step[] {
  const { root } = options
  const files = new Files(root)
  const steps: Step[] = [configStep(files)]
  if (options.hook) steps.push(...hookSteps(options.hook, files))
  steps.push(workflowStep(files))
  if (options.claudeHook) steps.push(...claudeHookSteps(files))
  return files.collapse(steps)
}

/** Reads each file once, and lets several steps edit the same file (package.json) in turn. */
class Files {
  private texts = new Map<string, string | null>()
  constructor(readonly root: string) {}
  read(path: string): string | null {
    if (!this.texts.has(path)) this.texts.set(path, existsSync(join(this.root, path)) ? readFileSync(join(this.root, path), 'utf8') : null)
    return this.texts.get(path)!
  }
  /** Records an edit for later steps on the same file. */
  edit(path: string, text: string): void {
    this.texts.set(path, text)
  }
  /** Several updates of one file become one step with the final text. */
  collapse(steps: Step[]): Step[] {
    const out: Step[] = []
    for (const step of steps) {
      const earlier = out.find((s) => s.path === step.path && s.action === 'update' && step.action === 'update')
      if (earlier) Object.assign(earlier, { reason: `${earlier.reason}; ${step.reason}`, text: step.text })
      else out.push(step)
    }
    return out
  }
}

/** A file init owns: created if absent; kept as it is when it carries init's marker; a conflict when someone else's. */
function ownedFile(files: Files, path: string, text: string, what: string, executable = false): Step {
  const existing = files.read(path)
  if (existing === null) return { path, action: 'create', reason: what, text, ...(executable ? { executable } : {}) }
  if (existing === text || existing.includes(initMarker)) return { path, action: 'unchanged', reason: what }
  return {
    path,
    action: 'conflict',
    reason: `${path} exists and was not written by init, so it is left as it is; move it aside and run init again to get the ${what}`,
  }
}

function packageJson(files: Files): { text: string; value: Record<string, unknown> } | null {
  const text = files.read('package.json')
  if (text === null) return null
  const tree = parseTree(text)
  const value: unknown = tree ? getNodeValue(tree) : null
  return value && typeof value === 'object' && !Array.isArray(value) ? { text, value: value as Record<string, unknown> } : null
}

function configStep(files: Files): Step {
  const pkg = packageJson(files)
  if (files.read(configFileName) !== null) return { path: configFileName, action: 'unchanged', reason: 'configuration' }
  if (pkg && pkg.value['backend-team'] !== undefined)
    return { path: 'package.json', action: 'unchanged', reason: 'configuration under "backend-team"' }
  const schema = dependsOnUs(pkg?.value) ? { $schema: './node_modules/backend-team/schemas/config.schema.json' } : {}
  return {
    path: configFileName,
    action: 'create',
    reason: 'configuration (rules, ignore, overrides)',
    text: `${JSON.stringify({ ...schema, rules: {} }, null, 2)}\n`,
  }
}

function dependsOnUs(pkg: Record<string, unknown> | undefined): boolean {
  return ['dependencies', 'devDependencies'].some((k) => Boolean((pkg?.[k] as Record<string, unknown> | undefined)?.['backend-team']))
}

/** Adds `value` at `path` of package.json unless `present` says the setting is already there. */
function packageJsonStep(
  files: Files,
  path: (string | number)[],
  value: unknown,
  reason: string,
  present: (current: unknown) => boolean,
): Step {
  const pkg = packageJson(files)
  if (!pkg)
    return {
      path: 'package.json',
      action: 'conflict',
      reason: `${reason} goes into package.json, and there is no readable one: run \`npm init\` first, or choose --hook git`,
    }
  const node = findNodeAtLocation(parseTree(pkg.text)!, path)
  const current: unknown = node ? getNodeValue(node) : undefined
  if (present(current)) return { path: 'package.json', action: 'unchanged', reason }
  const text = setJsonValue(pkg.text, path, value)
  files.edit('package.json', text)
  return { path: 'package.json', action: 'update', reason, text }
}

function hookSteps(kind: HookKind, files: Files): Step[] {
  const runsUs = (v: unknown) => typeof v === 'string' && v.includes(stagedCheck)
  switch (kind) {
    case 'git': {
      const path = gitHookPath(files.root)
      if (path === null)
        return [
          {
            path: 'core.hooksPath',
            action: 'conflict',
            reason:
              'git runs hooks from a folder outside this repository (core.hooksPath); add the check to that pre-commit hook yourself: ' +
              wholeCommitCheck,
          },
        ]
      return [ownedFile(files, path, gitHookScript(), 'git pre-commit hook', true)]
    }
    case 'simple-git-hooks': {
      const current = packageJson(files)?.value['simple-git-hooks'] as Record<string, unknown> | undefined
      const mine =
        typeof current?.['pre-commit'] === 'string' && !runsUs(current['pre-commit'])
          ? `${current['pre-commit']} && ${localStagedCheck}`
          : localStagedCheck
      return [
        packageJsonStep(
          files,
          ['simple-git-hooks', 'pre-commit'],
          mine,
          'simple-git-hooks pre-commit (then run `npx simple-git-hooks` once)',
          runsUs,
        ),
      ]
    }
    case 'husky': {
      const path = '.husky/pre-commit'
      const existing = files.read(path)
      if (existing !== null && existing.includes(stagedCheck)) return [{ path, action: 'unchanged', reason: 'husky pre-commit' }]
      const text =
        existing === null
          ? `${localStagedCheck}\n`
          : `${existing}${existing.endsWith('\n') || existing === '' ? '' : '\n'}${localStagedCheck}\n`
      return [
        {
          path,
          action: existing === null ? 'create' : 'update',
          reason: 'husky pre-commit (husky installs it on `npm install`)',
          text,
          executable: true,
        },
      ]
    }
    case 'lint-staged': {
      const elsewhere = [
        '.lintstagedrc',
        '.lintstagedrc.json',
        '.lintstagedrc.yaml',
        '.lintstagedrc.yml',
        '.lintstagedrc.mjs',
        '.lintstagedrc.cjs',
        '.lintstagedrc.js',
        'lint-staged.config.js',
        'lint-staged.config.mjs',
        'lint-staged.config.cjs',
      ].find((f) => files.read(f) !== null)
      if (elsewhere)
        return [
          {
            path: elsewhere,
            action: 'conflict',
            reason: `lint-staged is configured in ${elsewhere}; add "${lintStagedGlob}": "${stagedCheck}" there`,
          },
        ]
      return [
        packageJsonStep(
          files,
          ['lint-staged', lintStagedGlob],
          stagedCheck,
          'lint-staged entry for the files Claude Code loads (run lint-staged from your pre-commit hook)',
          (v) => v === stagedCheck || (Array.isArray(v) && v.includes(stagedCheck)),
        ),
      ]
    }
    case 'pre-commit':
      return [preCommitStep(files)]
  }
}

/**
 * Where git runs the pre-commit hook from (core.hooksPath is honoured), relative to the top level; null when that is
 * neither in the work tree nor in the repository's git folder (a hooks folder shared by every repository).
 */
function gitHookPath(root: string): string | null {
  const ask = (arg: string) => {
    const out = execFileSync('git', ['rev-parse', ...arg.split(' ')], { cwd: root, encoding: 'utf8' }).trim()
    return isAbsolute(out) ? out : resolve(root, out)
  }
  const hook = ask('--git-path hooks/pre-commit')
  const within = (dir: string) => !relative(dir, hook).startsWith('..') && !isAbsolute(relative(dir, hook))
  return within(root) || within(ask('--git-common-dir')) ? relative(root, hook) : null
}

function preCommitStep(files: Files): Step {
  const path = '.pre-commit-config.yaml'
  const entry = preCommitRepo()
  const existing = files.read(path)
  if (existing === null) {
    return {
      path,
      action: 'create',
      reason: 'pre-commit framework hook (then run `pre-commit install`)',
      text: `# ${initMarker}.\nrepos:\n  - repo: ${entry.repo}\n    rev: ${entry.rev}\n    hooks:\n      - id: backend-team-validate\n`,
    }
  }
  const doc = parseDocument(existing)
  const repos = doc.get('repos')
  if (
    doc.errors.length > 0 ||
    (repos !== undefined && !doc.has('repos')) ||
    (repos !== undefined && typeof (repos as { add?: unknown }).add !== 'function')
  ) {
    return {
      path,
      action: 'conflict',
      reason: `${path} cannot be read as a pre-commit configuration; add repo ${entry.repo} at ${entry.rev} with hook backend-team-validate yourself`,
    }
  }
  if (existing.includes('backend-team-validate')) return { path, action: 'unchanged', reason: 'pre-commit framework hook' }
  if (repos === undefined) doc.set('repos', doc.createNode([entry]))
  else (repos as { add(v: unknown): void }).add(doc.createNode(entry))
  return { path, action: 'update', reason: 'pre-commit framework hook (then run `pre-commit install`)', text: doc.toString() }
}

function workflowStep(files: Files): Step {
  return ownedFile(
    files,
    '.github/workflows/backend-team.yml',
    workflow(dependsOnUs(packageJson(files)?.value), files.read('package-lock.json') !== null),
    'GitHub Actions workflow (annotations and a SARIF upload)',
  )
}

function claudeHookSteps(files: Files): Step[] {
  const script = ownedFile(files, claudeHookFile, claudeHookScript(), 'Claude Code hook that validates what Claude edits')
  const path = '.claude/settings.json'
  const existing = files.read(path)
  if (existing === null)
    return [
      script,
      {
        path,
        action: 'create',
        reason: 'PostToolUse hook',
        text: `${JSON.stringify({ hooks: { PostToolUse: [claudeHookEntry()] } }, null, 2)}\n`,
      },
    ]
  const tree = parseTree(existing)
  const settings: unknown = tree ? getNodeValue(tree) : null
  if (!settings || typeof settings !== 'object' || Array.isArray(settings))
    return [
      script,
      { path, action: 'conflict', reason: `${path} is not a JSON object; add the PostToolUse hook \`${claudeHookCommand}\` yourself` },
    ]
  if (existing.includes(claudeHookFile)) return [script, { path, action: 'unchanged', reason: 'PostToolUse hook' }]
  const hooks = (settings as { hooks?: unknown }).hooks
  const list = (hooks as { PostToolUse?: unknown } | undefined)?.PostToolUse
  const isObject = (v: unknown) => Boolean(v) && typeof v === 'object' && !Array.isArray(v)
  if ((hooks !== undefined && !isObject(hooks)) || (list !== undefined && !Array.isArray(list))) {
    return [
      script,
      {
        path,
        action: 'conflict',
        reason: `${path} has a \`hooks\` this init cannot add to; add the PostToolUse hook \`${claudeHookCommand}\` yourself`,
      },
    ]
  }
  const text = Array.isArray(list)
    ? setJsonValue(existing, ['hooks', 'PostToolUse', list.length], claudeHookEntry())
    : hooks !== undefined
      ? setJsonValue(existing, ['hooks', 'PostToolUse'], [claudeHookEntry()])
      : setJsonValue(existing, ['hooks'], { PostToolUse: [claudeHookEntry()] })
  return [script, { path, action: 'update', reason: 'PostToolUse hook (matcher Write|Edit)', text }]
}
