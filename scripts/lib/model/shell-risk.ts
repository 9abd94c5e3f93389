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
/*
 * Words that run the command after them (`sudo -u root sh`, `env bash`, `xargs -0 sh`, `( sh )`): at most four, each
 * with at most four options of at most 64 characters, so the scan after a pipe stays short whatever the line holds.
 */
const runner = String.raw`(?:(?:sudo|env|command|exec|nohup|builtin|xargs|time|nice)(?:\s+(?:-[^\s|;&]{1,64}(?:\s+(?![-|;&])[\w.=-]{1,64})?|\w+=[^\s|;&]{0,64})){0,4}\s+|[({]\s*){0,4}`
const interpreterName = String.raw`(?:(?:(?:ba|z|k|da|fi|a)?sh|python[\d.]*|node|perl|ruby|php|pwsh|powershell)\b(?!-)|\$\{?SHELL\b)`
/** An interpreter right after a pipe, where the runner words may come first. */
const piped = String.raw`${runner}${interpreterName}`
/** An interpreter anywhere else: only `sudo` in front, as the runner's nesting costs too much at every word. */
const interpreter = String.raw`(?:sudo\s+(?:-\S+\s+)*)?${interpreterName}`
const downloader = String.raw`(?:curl|wget|fetch|aria2c|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b`
const powershellRun = String.raw`(?:iex|Invoke-Expression)\b`

/*
 * Linear time on any line: a pattern that starts at a word (`curl`, `eval`, `sh`, `$X`) and then scans ahead stops its
 * scan at the next such word (`(?:(?!start)[^…])*`). The match found starts at the last word before the pipe instead
 * of the first, which matches exactly the same commands; without the stop, 60,000 `curl`s on one line took 18 s.
 */
const notBefore = (start: string, chars: string) => String.raw`(?:(?!${start})${chars})`
const downloaderWord = String.raw`\b${downloader}`

/** One `|` of a pipeline, not half of `||`. */
const pipe = String.raw`(?<!\|)\|(?!\|)`

const downloadPatterns: readonly RegExp[] = [
  // curl … | sh, wget -O- … | sudo bash, curl … | python3 -, curl … | tee log | sh
  new RegExp(String.raw`${downloaderWord}${notBefore(downloaderWord, String.raw`(?:[^|;&\n]|${pipe})`)}*${pipe}\s*${piped}`, 'i'),
  // bash <(curl …), source <(wget …), . <(curl …), python3 <(curl …), bash < <(curl …)
  new RegExp(String.raw`(?:\b${interpreter}|\bsource|(?:^|[\s;&|(])\.)\s+(?:<\s*)?<\(\s*${downloader}`, 'i'),
  // bash -c "$(curl …)", eval "$(wget …)", python -c "`curl …`", node -e "$(curl …)"
  new RegExp(String.raw`(?:\b${interpreter}\s+-[ce]|\beval)\s+["']?(?:\$\(|\x60)\s*${downloader}`, 'i'),
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

/*
 * The same command as the shell reads it, for the download patterns: line continuations joined, quotes and backslashes
 * that split a word dropped (`c''url`, `c"ur"l`, `\\curl`), and the folders of absolute command paths dropped
 * (`/usr/bin/curl`, `/bin/sh`, `/usr/bin/env bash`). Each step is one linear replace.
 */
function asTheShellReadsIt(command: string): string {
  return command
    .replace(/\\\r?\n/g, ' ')
    .replace(/['"\\]/g, '')
    .replace(/(^|[\s|;&(<{=\x60])(?:\/[\w.+-]+)*\/(?=[\w.-])/g, '$1')
}

// curl -o f …, curl … > f, wget -O f …, wget --output-document=f …: the file a download is saved to (`-` is stdout).
const savedTo = new RegExp(
  String.raw`${downloaderWord}${notBefore(downloaderWord, '[^;&|\n]')}*?(?:\s-[A-Za-z]*[oO]\s*|\s--output(?:-document)?[=\s]\s*|>\s*)(?!-(?:\s|$))([\w.+~-][\w./+~-]{0,255})`,
  'i',
)

/** A download saved to a file that the same command then runs: `curl -o i.sh … && bash i.sh`, `… && ./i.sh`. */
function downloadThenRun(command: string): RegExpExecArray | null {
  const saved = savedTo.exec(command)
  if (!saved) return null
  const file = saved[1]!.replace(/^\.\//, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const rest = command.slice(saved.index + saved[0].length)
  // At a command's start only: `jq . out.json` or `grep sh i.sh` read the file, they do not run it.
  const run = new RegExp(
    String.raw`(?:^|[;&|(\n])\s*(?:${interpreter}(?:\s+-\S+){0,4}\s+|(?:source|\.)\s+)?(?:\.\/)?${file}(?=$|[\s;&|)])`,
    'i',
  )
  return run.test(rest) ? saved : null
}

export function findShellRisk(command: string): ShellRisk | null {
  const read = asTheShellReadsIt(command)
  for (const pattern of downloadPatterns) {
    const m = pattern.exec(read)
    if (m) return { kind: 'download', match: pipelineFrom(read, m.index) }
  }
  const saved = downloadThenRun(read)
  if (saved) return { kind: 'download', match: read.slice(saved.index).split('\n')[0]!.trimEnd() }
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
