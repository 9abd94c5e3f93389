// Scripts a hook command names through a folder variable (`$CLAUDE_PROJECT_DIR`, `${CLAUDE_PLUGIN_ROOT}`), as paths
// relative to that folder; and the relative script paths a command runs without one.

const referenceTo = (variable: string) => new RegExp(String.raw`\$(?:\{${variable}\}|${variable}\b)["']?\/([^\s"'\x60;|&<>()$*?]+)`, 'g')
const projectReference = referenceTo('CLAUDE_PROJECT_DIR')
const pluginReference = referenceTo('CLAUDE_PLUGIN_ROOT')

function scriptsVia(reference: RegExp, command: string): string[] {
  const out: string[] = []
  for (const match of command.matchAll(reference)) {
    const rel = match[1]!.replace(/\/+$/, '')
    if (rel && !rel.split('/').includes('..')) out.push(rel)
  }
  return out
}

/** Each `$CLAUDE_PROJECT_DIR/<path>` in a command, as `<path>`; paths that climb out (`..`) are left out. */
export const projectScripts = (command: string) => scriptsVia(projectReference, command)

/** Each `${CLAUDE_PLUGIN_ROOT}/<path>` in a command, as `<path>`; paths that climb out (`..`) are left out. */
export const pluginScripts = (command: string) => scriptsVia(pluginReference, command)

// A relative path in command position or as an interpreter's script: `./hooks/x.sh`, `hooks/x.sh`, `node hooks/x.mjs`.
const relativeScript =
  /(?:^|[;&|]\s*|\b(?:ba|z)?sh\s+|\b(?:node|python3?|bun|deno\s+run|ruby|perl)\s+)((?:\.\/)?[\w.-]+\/[\w./-]+\.(?:sh|bash|mjs|cjs|js|ts|py|rb|pl))(?=$|[\s;&|])/g

/** Relative script paths a command runs (no leading `/`, no variable), without a leading `./`. */
export function relativeScripts(command: string): string[] {
  return [...command.matchAll(relativeScript)].map((m) => m[1]!.replace(/^\.\//, '')).filter((p) => !p.split('/').includes('..'))
}
