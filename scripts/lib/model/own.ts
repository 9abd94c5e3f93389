/**
 * A lookup that sees only the table's own entries. Names from files are used as keys (`constructor`, `toString`,
 * `__proto__`), and a plain `table[name]` would find Object.prototype's members instead of nothing.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}
