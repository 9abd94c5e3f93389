/** A non-negative integer rule option (`["warning", {"max": 200}]`), or the default when it is absent or not one. */
export function countOption(options: Record<string, unknown>, name: string, fallback: number): number {
  const value = options[name]
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback
}
