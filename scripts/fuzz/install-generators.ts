/**
 * Generators for fuzzing the installer as a hostile repository would attack it: a `.claude/` folder whose lock names
 * paths that leave it (with the hash of the file there, so a naive uninstall would delete it), folders that are links
 * out of the project or into `~/.claude`, corrupt and half-written locks, and user files where pack files go; then a
 * short sequence of install, update and uninstall runs.
 */
import fc from 'fast-check'

/** Where a link of the case points: outside the project, into the fake home's `.claude`, at the project, or nowhere. */
export type InstallLinkTarget = 'outside' | 'outside-agents' | 'outside-file' | 'home-claude' | 'project-root' | 'missing' | 'loop'

export interface InstallLink {
  /** A path inside the project, under `.claude/` or `.claude` itself. */
  path: string
  target: InstallLinkTarget
}

/** A lock entry's path, from harmless to hostile; `outside` and `home` are rewritten to the case's real folders. */
const lockPaths = [
  'agents/backend-developer.md',
  'agents/user-agent.md',
  'agents/.bashrc',
  // Through a `.claude/agents` link to the outside folder, these are the victim files themselves.
  'agents/victim.txt',
  'agents/agents/backend-reviewer.md',
  'backend-team/victim.txt',
  'agents/backend-reviewer.md',
  'skills/gateway-backend/SKILL.md',
  '../outside/victim.txt',
  '../../outside/victim.txt',
  'agents/../../outside/victim.txt',
  '{outside}/victim.txt',
  '{home}/.claude/agents/mine.md',
  '__proto__',
  'constructor',
  'agents/__proto__.md',
  '',
  '.',
  'agents',
  'settings.json',
  'backend-team.lock.json',
] as const

/** Which hash an entry carries: the victim's own (the dangerous case), a valid-looking random one, or garbage. */
type HashChoice = 'victim' | 'random' | 'garbage'

export interface InstallCase {
  links: InstallLink[]
  /** The lock's text, or null for no lock. */
  lock: {
    entries: { path: string; hash: HashChoice }[]
    directories: string[]
    journal: boolean
    settingsUndo: boolean
    cut: number | null
  } | null
  /** User files written before the runs, under `.claude/`. */
  userFiles: { path: string; text: string }[]
  /** Each run: the command and its flags. */
  runs: { command: 'install' | 'update' | 'uninstall'; flags: string[] }[]
}

export const installCase: fc.Arbitrary<InstallCase> = fc.record({
  links: fc.uniqueArray(
    fc.record({
      path: fc.constantFrom(
        '.claude',
        '.claude/agents',
        '.claude/skills',
        '.claude/backend-team',
        '.claude/settings.json',
        '.claude/agents/backend-reviewer.md',
      ),
      target: fc.constantFrom<InstallLinkTarget>(
        'outside',
        'outside-agents',
        'outside-file',
        'home-claude',
        'project-root',
        'missing',
        'loop',
      ),
    }),
    { maxLength: 2, selector: (l) => l.path },
  ),
  lock: fc.option(
    fc.record({
      entries: fc.array(
        fc.record({ path: fc.constantFrom(...lockPaths), hash: fc.constantFrom<HashChoice>('victim', 'random', 'garbage') }),
        {
          maxLength: 5,
        },
      ),
      directories: fc.subarray(['.', 'agents', 'skills', 'backend-team', '..', '../outside', '{outside}', '__proto__']),
      journal: fc.boolean(),
      settingsUndo: fc.boolean(),
      // Truncates the lock's text at a fraction of its length, as an interrupted writer would.
      cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 4 }),
    }),
    { freq: 4 },
  ),
  userFiles: fc.array(
    fc.record({
      path: fc.constantFrom(
        'agents/backend-developer.md',
        'agents/mine.md',
        'settings.json',
        'skills/gateway-backend/SKILL.md',
        '.backend-developer.md.bt-0123456789abcdef.tmp',
      ),
      text: fc.constantFrom(
        'user text\n',
        '{"hooks": {"PreToolUse": 1}}\n',
        '{not json',
        '{"permissions": {"allow": ["Bash(go test:*)"]}}\n',
      ),
    }),
    { maxLength: 2 },
  ),
  runs: fc.array(
    fc.record({
      command: fc.constantFrom<'install' | 'update' | 'uninstall'>('install', 'update', 'uninstall'),
      flags: fc.subarray(['--force', '--dry-run']),
    }),
    { minLength: 1, maxLength: 3 },
  ),
})
