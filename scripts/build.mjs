// Bundles the CLI into one ES module with validators ajv generated ahead of time, so a run loads one file and
// compiles no schema. dist/cli.js is committed: a plugin installed from git and the pre-commit framework (which
// installs without dev dependencies) run it as it is, with nothing to build. tests/bundle.test.ts keeps it current.
import { build } from 'esbuild'
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

const root = fileURLToPath(new URL('..', import.meta.url))
const { createAjv, schemas } = await tsImport('./lib/model/schemas.ts', import.meta.url)
const standalone = (await import('ajv/dist/standalone/index.js')).default.default

const ajv = createAjv(true)
const exportNames = Object.fromEntries(Object.keys(schemas).map((id, i) => [`v${i}`, id]))
// The generated validators are an intermediate step: they live outside dist/, which holds only what ships.
const work = `${root}node_modules/.cache/backend-team-build`
mkdirSync(work, { recursive: true })
writeFileSync(`${work}/validators.js`, standalone(ajv, exportNames))
writeFileSync(`${work}/validator-ids.json`, JSON.stringify(exportNames))

const entry = `
import { usePrecompiled } from './scripts/lib/model/schemas.ts'
import * as generated from './node_modules/.cache/backend-team-build/validators.js'
import ids from './node_modules/.cache/backend-team-build/validator-ids.json' with { type: 'json' }
usePrecompiled(Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, generated[name]])))
export { runFromProcess, main } from './scripts/cli.ts'
`

// The CLI reads only these fields of package.json: bundling just them keeps dist/cli.js unchanged when a dependency
// or a script is added there.
const packageJsonFields = ['name', 'version', 'repository']
const packageJsonPath = `${root}package.json`
const onlyUsedPackageFields = {
  name: 'package-json-fields',
  setup(b) {
    b.onLoad({ filter: /[\\/]package\.json$/ }, async (args) => {
      if (args.path !== packageJsonPath) return undefined
      const { readFile } = await import('node:fs/promises')
      const all = JSON.parse(await readFile(args.path, 'utf8'))
      return { contents: JSON.stringify(Object.fromEntries(packageJsonFields.map((k) => [k, all[k]]))), loader: 'json' }
    })
  },
}

await build({
  plugins: [onlyUsedPackageFields],
  absWorkingDir: root,
  stdin: { contents: entry, resolveDir: root, sourcefile: 'bundle-entry.ts', loader: 'ts' },
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD build whose lazy requires esbuild cannot follow; its ES module build bundles whole.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  // Dependencies written as CommonJS need a `require` inside an ES module bundle.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  write: false,
}).then(({ outputFiles }) => {
  // esbuild escapes non-ASCII characters in code but keeps them in the comments it carries over from dependencies; one
  // such character makes V8 hold the whole 2.5 MB source as UTF-16, twice the memory. Escaped, a comment reads the same.
  for (const file of outputFiles)
    writeFileSync(
      file.path,
      file.text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    )
})
