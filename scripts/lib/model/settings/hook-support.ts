// Hook types that Claude Code 2.1.332 refuses to run on particular events, from the errors its hook runner throws.

/** Why a hook of `type` never does its work on `event`, or null when the pair is fine. */
export function unsupportedHookType(type: string, event: string): string | null {
  if ((type === 'prompt' || type === 'agent') && event === 'SessionStart')
    return `${type} hooks need a conversation, which SessionStart does not have: the hook fails every time`
  if (type === 'agent' && event === 'PermissionRequest')
    return 'an agent hook cannot return the allow or deny decision a permission request needs: the hook fails every time'
  if (type === 'http' && (event === 'SessionStart' || event === 'Setup'))
    return `HTTP hooks are not run for ${event}: the hook is skipped every time`
  return null
}
