// A Stryker ignore-plugin for `npm run mutate` (stryker.config.json). The mutation run keeps one module graph per
// worker (vitest `isolate: false`, vitest.mutate.config.ts), which is what makes it fit in minutes: Stryker switches
// mutants inside functions at run time. Code at module level (a rule's id, description, rationale and options schema,
// constant tables) runs once at import, so a mutant there would never be switched on and would "survive" falsely.
// This marks those mutants ignored instead, the way Stryker's own `ignoreStatic` does; a node that contains a function
// (the rule object around `check`) is still mutated, because the function's own mutants live inside it.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin'

/** @typedef {{ isFunction(): boolean, getFunctionParent(): unknown, traverse(visitor: object): void }} BabelPath */

/** @param {BabelPath} path */
function containsFunction(path) {
  let found = false
  path.traverse({
    /** @param {{ stop(): void }} inner */
    Function(inner) {
      found = true
      inner.stop()
    },
  })
  return found
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'module-level', {
    /** @param {BabelPath} path */
    shouldIgnore(path) {
      if (path.getFunctionParent() || path.isFunction() || containsFunction(path)) return undefined
      return 'module-level code runs once at import; mutation runs reuse the loaded modules (see scripts/stryker-module-level.mjs)'
    },
  }),
]
