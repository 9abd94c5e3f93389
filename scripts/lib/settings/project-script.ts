// Scripts a hook command names through `$CLAUDE_PROJECT_DIR`, as paths relative to the project root.

const reference = /\$(?:\{CLAUDE_PROJECT_DIR\}|CLAUDE_PROJECT_DIR\b)["']?\/([^\s"'`;|&<>()$*?]+)/g

/** Each `$CLAUDE_PROJECT_DIR/<path>` in a command, as `<path>`; paths that climb out (`..`) are left out. */
export function projectScripts(command: string): string[] {
  const out: string[] = []
  for (const match of command.matchAll(reference)) {
    const rel = match[1]!.replace(/\/+$/, '')
    if (rel && !rel.split('/').includes('..')) out.push(rel)
  }
  return out
}
