// Behavioural probes for what key sets cannot show: how the pinned CLI parses and types values. Each probe is a small
// plugin or marketplace run through `claude plugin validate --json` and through our validator; the two must agree on
// whether the file is broken (an error), only worth a warning, or fine.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { claudeBinary, makeTempDir } from '../../scripts/harness/claude-cli.ts'
import { validate } from '../../scripts/lib/engine/run.ts'

interface Probe {
  name: string
  files: Record<string, string>
  /** What `claude plugin validate` says: a problem at this path (`error` or `warning`), or nothing at all. */
  cli: { verdict: 'error' | 'warning' | 'none'; path?: string; says?: string }
  /** Our rule and severity on the same files, or none. */
  ours: { rule: string; severity: 'error' | 'warning' } | 'none'
}

const manifest = (extra: Record<string, unknown>) =>
  JSON.stringify(
    { name: 'probe', version: '1.0.0', description: 'A probe plugin.', author: { name: 'Probe' }, license: 'MIT', ...extra },
    null,
    2,
  )

const marketplace = (name: string, metadata: Record<string, unknown> | undefined, source: string) =>
  JSON.stringify({ name, owner: { name: 'Probe' }, ...(metadata ? { metadata } : {}), plugins: [{ name: 'probe', source }] }, null, 2)

const probes: Probe[] = [
  {
    name: 'a hooks path that does not end in .json rejects the manifest (#25)',
    files: { '.claude-plugin/plugin.json': manifest({ hooks: './hooks/' }), 'hooks/hooks.json': '{"hooks":{}}' },
    cli: { verdict: 'error', path: 'hooks', says: 'must end with ".json"' },
    ours: { rule: 'plugin/paths', severity: 'error' },
  },
  {
    name: 'types and listing fields are plugin.json fields (#21, #22)',
    files: {
      '.claude-plugin/plugin.json': manifest({
        types: './types.d.ts',
        privacyPolicyUrl: 'https://example.com/privacy',
        supportUrl: 'https://example.com/support',
      }),
      'types.d.ts': 'export type Id = string\n',
    },
    cli: { verdict: 'none' },
    ours: 'none',
  },
  {
    name: 'a commands entry with both source and content rejects the manifest (#26)',
    files: {
      '.claude-plugin/plugin.json': manifest({ commands: { about: { source: './about.md', content: 'About.' } } }),
      'about.md': 'About.\n',
    },
    cli: { verdict: 'error', path: 'commands', says: 'source' },
    ours: { rule: 'plugin/manifest', severity: 'error' },
  },
  {
    name: 'an unknown userConfig option key rejects the manifest (#27)',
    files: {
      '.claude-plugin/plugin.json': manifest({
        userConfig: { API_URL: { type: 'string', title: 'API URL', description: 'Where the API is.', placeholder: 'https://' } },
      }),
    },
    cli: { verdict: 'error', path: 'userConfig', says: 'placeholder' },
    ours: { rule: 'plugin/manifest', severity: 'error' },
  },
  {
    name: 'userConfig options belong to a plain string field (#27)',
    files: {
      '.claude-plugin/plugin.json': manifest({
        userConfig: { REGION: { type: 'number', title: 'Region', description: 'Where it runs.', options: ['eu', 'us'], default: 'eu' } },
      }),
    },
    cli: { verdict: 'error', path: 'userConfig.REGION.options', says: 'options is only for a field of type "string"' },
    ours: { rule: 'plugin/manifest', severity: 'error' },
  },
  {
    name: 'a metadata that is not an object is ignored with a warning (#24)',
    files: { '.claude-plugin/plugin.json': manifest({ metadata: 'internal' }) },
    cli: { verdict: 'warning', says: 'metadata' },
    ours: { rule: 'plugin/unknown-field', severity: 'warning' },
  },
  {
    name: 'a bare source name resolves under metadata.pluginRoot (#29)',
    files: {
      '.claude-plugin/marketplace.json': marketplace('probe-market', { pluginRoot: './plugins' }, 'probe'),
      'plugins/probe/.claude-plugin/plugin.json': manifest({}),
    },
    cli: { verdict: 'none' },
    ours: 'none',
  },
  {
    name: 'a bare source name without metadata.pluginRoot is refused (#29)',
    files: {
      '.claude-plugin/marketplace.json': marketplace('probe-market', undefined, 'probe'),
      'probe/.claude-plugin/plugin.json': manifest({}),
    },
    cli: { verdict: 'error', path: 'plugins', says: 'requires metadata.pluginRoot' },
    ours: { rule: 'plugin/marketplace', severity: 'error' },
  },
  {
    name: 'archive and command sources, headers and headersHelper are marketplace entry fields (#28, #30)',
    files: {
      '.claude-plugin/marketplace.json': JSON.stringify(
        {
          name: 'probe-market',
          owner: { name: 'Probe' },
          plugins: [
            {
              name: 'packed',
              source: { source: 'archive', url: 'https://example.com/packed.tgz', sha256: 'a'.repeat(64) },
              headers: { 'X-Token': 'probe' },
            },
            { name: 'built', source: { source: 'command', command: 'make plugin', mode: 'copy' } },
          ],
        },
        null,
        2,
      ),
    },
    cli: { verdict: 'none' },
    ours: 'none',
  },
  {
    name: 'an inline monitors list is read, with an experimental warning only (#23)',
    files: {
      '.claude-plugin/plugin.json': manifest({
        monitors: [{ name: 'log', command: 'tail -f app.log', description: 'The application log.' }],
      }),
    },
    cli: { verdict: 'warning', says: 'monitors' },
    ours: { rule: 'plugin/unknown-field', severity: 'warning' },
  },
  {
    name: 'a Stop command hook without a command, or with an unknown onFailure, is dropped (#18, #19)',
    files: {
      '.claude-plugin/plugin.json': manifest({}),
      'hooks/hooks.json': JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', onFailure: 'retry' }] }] } }),
    },
    cli: { verdict: 'warning', says: 'onFailure: Invalid option' },
    ours: { rule: 'plugin/hooks', severity: 'error' },
  },
  {
    name: 'an http hook whose url is not a URL is dropped (#19)',
    files: {
      '.claude-plugin/plugin.json': manifest({}),
      'hooks/hooks.json': JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'http', url: 'nope' }] }] } }),
    },
    cli: { verdict: 'warning', says: 'url: Invalid URL' },
    ours: { rule: 'plugin/hooks', severity: 'error' },
  },
  {
    name: 'a PreToolUse hook that cannot be loaded stops the hooks beside it (#18)',
    files: {
      '.claude-plugin/plugin.json': manifest({}),
      'hooks/hooks.json': JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'mcp_tool', server: 'audit' }] }] } }),
    },
    cli: { verdict: 'error', says: 'nothing it sits in is applied' },
    ours: { rule: 'plugin/hooks', severity: 'error' },
  },
  {
    name: 'reserved marketplace names match in any case (#31)',
    files: {
      '.claude-plugin/marketplace.json': marketplace('Synced', undefined, './probe'),
      'probe/.claude-plugin/plugin.json': manifest({}),
    },
    cli: { verdict: 'error', path: 'name' },
    ours: { rule: 'plugin/marketplace', severity: 'error' },
  },
]

const roots: string[] = []
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })))

interface CliProblem {
  path?: string
  message: string
}
/** The problems `claude plugin validate --json` reports for the manifest and for the component files it read. */
function cliVerdict(dir: string): { errors: CliProblem[]; warnings: CliProblem[] } {
  const run = spawnSync(claudeBinary(), ['plugin', 'validate', '--json', dir], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '', HOME: dir, DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' },
  })
  type Part = { errors: CliProblem[]; warnings: CliProblem[] }
  const report = JSON.parse(run.stdout) as { manifest: Part; contents?: Part[] | null }
  const parts = [report.manifest, ...(report.contents ?? [])]
  return { errors: parts.flatMap((p) => p.errors), warnings: parts.flatMap((p) => p.warnings) }
}

describe('vocabulary probes: claude plugin validate --json and the validator agree', () => {
  for (const probe of probes) {
    it(probe.name, () => {
      const dir = makeTempDir('probe')
      roots.push(dir)
      for (const [file, text] of Object.entries(probe.files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
        fs.writeFileSync(path.join(dir, file), text)
      }
      const { errors, warnings } = cliVerdict(dir)
      const matches = (p: CliProblem) =>
        (!probe.cli.path || p.path?.startsWith(probe.cli.path)) && (!probe.cli.says || p.message.includes(probe.cli.says))
      if (probe.cli.verdict === 'none') expect(errors).toEqual([])
      if (probe.cli.verdict === 'error') expect(errors.some(matches), JSON.stringify(errors)).toBe(true)
      if (probe.cli.verdict === 'warning') {
        expect(errors).toEqual([])
        expect(warnings.some(matches), JSON.stringify(warnings)).toBe(true)
      }
      const ours = validate({ cwd: dir, targets: [] }).diagnostics
      if (probe.ours === 'none') {
        expect(ours.filter((d) => d.ruleId.startsWith('plugin/')).map((d) => `${d.ruleId} ${d.message}`)).toEqual([])
      } else {
        const { rule, severity } = probe.ours
        expect(
          ours.some((d) => d.ruleId === rule && d.severity === severity),
          ours.map((d) => `${d.severity} ${d.ruleId} ${d.message}`).join('\n'),
        ).toBe(true)
        if (severity === 'warning') expect(ours.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([])
      }
    })
  }
})
