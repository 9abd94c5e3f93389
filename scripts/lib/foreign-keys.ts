/**
 * Keys that belong to another file kind, with what they do where they were written.
 * `frontmatter/foreign-key` reports these; `frontmatter/unknown-key` leaves them to it.
 */
export const foreignKeys: Record<'agent' | 'skill' | 'command', Record<string, string>> = {
  agent: {
    'allowed-tools': 'a skill key; in an agent it is ignored and the agent gets every tool; use `tools`',
    'disallowed-tools': 'a skill key; in an agent it is ignored; use `disallowedTools`',
    'permission-mode': 'ignored in an agent; use `permissionMode`',
    'max_turns': 'ignored in an agent; use `maxTurns`',
    'max-turns': 'ignored in an agent; use `maxTurns`',
    'argument-hint': 'a skill or command key; agents take no arguments',
    'disable-model-invocation': 'a skill key; it has no effect on an agent',
    'user-invocable': 'a skill key; it has no effect on an agent',
    'context': 'a skill key; it has no effect on an agent',
    'paths': 'a skill key; it has no effect on an agent',
    'type': 'not a Claude Code key; it has no effect',
  },
  skill: {
    'tools': 'an agent key; a skill grants tools with `allowed-tools` (permission rules, not a restriction)',
    'permissionMode': 'an agent key; it has no effect on a skill',
    'color': 'an agent key; it has no effect on a skill',
    'skills': 'an agent key; skills cannot preload other skills',
    'maxTurns': 'an agent key; it has no effect on a skill',
    'allowedTools': 'not read; use `allowed-tools`',
  },
  command: {
    'tools': 'an agent key; a command grants tools with `allowed-tools`',
    'permissionMode': 'an agent key; it has no effect on a command',
    'skills': 'an agent key; it has no effect on a command',
    'paths': 'a skill key; it is not read for commands',
    'allowedTools': 'not read; use `allowed-tools`',
  },
}

/** Keys a plugin agent may not set: Claude Code ignores them there (with a debug warning). */
export const ignoredInPluginAgents: Record<string, string> = {
  permissionMode: 'plugin agents ignore `permissionMode`; put the agent in .claude/agents for that control',
  hooks: 'plugin agents ignore `hooks`',
  mcpServers: 'plugin agents ignore `mcpServers`',
  initialPrompt: 'plugin agents ignore `initialPrompt`',
}
