/**
 * Shell commands that run code the reviewed file does not contain: code downloaded at run time, or text from a
 * variable or from standard input (a hook's input is the model's tool call) handed to a shell or `eval`.
 */
export interface ShellRisk {
  kind: 'download' | 'variable'
  /** The command from the match to the end of its pipeline (`;`, `&&`, `||` or a line end), for the message. */
  match: string
}

const shell = String.raw`(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+(?:\w+=\S*\s+)*)?(?:ba|z|k|da|fi|a)?sh\b`
const interpreter = String.raw`(?:sudo\s+(?:-\S+\s+)*)?(?:(?:ba|z|k|da|fi|a)?sh|python[\d.]*|node|perl|ruby|php|pwsh|powershell)\b`
const downloader = String.raw`(?:curl|wget|fetch|aria2c|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b`
const powershellRun = String.raw`(?:iex|Invoke-Expression)\b`

/*
 * Linear time on any line: a pattern that starts at a word (`curl`, `eval`, `sh`, `$X`) and then scans ahead stops its
 * scan at the next such word (`(?:(?!start)[^…])*`). The match found starts at the last word before the pipe instead
 * of the first, which matches exactly the same commands; without the stop, 60,000 `curl`s on one line took 18 s.
 */
const notBefore = (start: string, chars: string) => String.raw`(?:(?!${start})${chars})`
const downloaderWord = String.raw`\b${downloader}`

const downloadPatterns: readonly RegExp[] = [
  // curl … | sh, wget -O- … | sudo bash, curl … | python3 -
  new RegExp(String.raw`${downloaderWord}${notBefore(downloaderWord, '[^|;&\n]')}*\|(?!\|)\s*${interpreter}`, 'i'),
  // bash <(curl …), source <(wget …), . <(curl …)
  new RegExp(String.raw`(?:\b(?:ba|z|k)?sh|\bsource|(?:^|[\s;&|(])\.)\s+<\(\s*${downloader}`, 'i'),
  // bash -c "$(curl …)", eval "$(wget …)", python -c "`curl …`"
  new RegExp(String.raw`(?:\b${interpreter}\s+-c|\beval)\s+["']?(?:\$\(|\x60)\s*${downloader}`, 'i'),
  // iex (iwr …), Invoke-Expression (New-Object Net.WebClient).DownloadString(…), iwr … | iex
  new RegExp(String.raw`\b${powershellRun}\s*(?:\(\s*)*(?:${downloader}|\(?\s*New-Object\s+(?:System\.)?Net\.WebClient)`, 'i'),
  new RegExp(
    String.raw`(?:${downloaderWord}|DownloadString\s*\()${notBefore(String.raw`${downloaderWord}|DownloadString\s*\(`, '[^\n]')}*\|\s*${powershellRun}`,
    'i',
  ),
]

/** Variables that hold paths Claude Code or the system sets, not content: `"$CLAUDE_PLUGIN_ROOT/run.sh"` is fine. */
const pathVariables = new Set([
  'CLAUDE_PROJECT_DIR',
  'CLAUDE_PLUGIN_ROOT',
  'CLAUDE_PLUGIN_DATA',
  'CLAUDE_SKILL_DIR',
  'CLAUDE_CONFIG_DIR',
  'HOME',
  'PWD',
  'TMPDIR',
])
// `\{(\w+)(?:[^\w}][^}]*)?\}`: the name cannot give characters back, so a 200,000-character `${…` fails in one pass.
// The rest of a `${…}` is capped at 256 characters so that many unclosed `${` on one line stay linear.
const expansion = String.raw`\$(?:\{(\w+)(?:[^\w}][^}]{0,256})?\}|(\w+)|\()`
const shellWord = String.raw`\b(?:ba|z|k|da|fi|a)?sh\b`

const variablePatterns: readonly RegExp[] = [
  // eval "$TOOL_INPUT", eval $(jq -r .tool_input.command)
  new RegExp(String.raw`\beval\s+(?!\s)["']?${notBefore(String.raw`\beval\b`, '[^;&|\n]')}*?${expansion}`),
  // bash -c "$CMD", sh -c "$(jq -r …)"
  new RegExp(String.raw`\b${shell}\s+(?:-(?!c\s)\w+\s+)*-c\s+(?!\s)["']?${notBefore(shellWord, '[^;&|\n]')}*?${expansion}`),
  // a variable as the command itself: $TOOL_INPUT, "${CMD}" args
  new RegExp(String.raw`^\s*(?:exec\s+)?["']?${expansion}["']?(?=\s|$)`),
  // echo "$TOOL_INPUT" | sh, jq -r .tool_input.command | bash: standard input or a variable piped into a shell
  new RegExp(
    String.raw`(?:${expansion}|\bjq\b|\bcat\b)${notBefore(String.raw`\$|\bjq\b|\bcat\b`, '[^\n]')}*?\|(?!\|)\s*${shell}\s*(?:-s\s*)?(?:$|[;&|)])`,
  ),
]

export function findShellRisk(command: string): ShellRisk | null {
  for (const pattern of downloadPatterns) {
    const m = pattern.exec(command)
    if (m) return { kind: 'download', match: pipelineFrom(command, m.index) }
  }
  for (const pattern of variablePatterns) {
    const m = pattern.exec(command)
    if (!m) continue
    const name = m[1] ?? m[2]
    if (name !== undefined && pathVariables.has(name)) continue
    return { kind: 'variable', match: pipelineFrom(command, m.index).trim() }
  }
  return null
}

/** Up to the first `;`, `&&`, `||` or line end, trailing white space dropped (by hand: `\s*` before it was quadratic). */
function pipelineFrom(command: string, start: number): string {
  const rest = command.slice(start)
  const end = /;|&&|\|\||\n/.exec(rest)?.index ?? rest.length
  return rest.slice(0, end).trimEnd()
}
