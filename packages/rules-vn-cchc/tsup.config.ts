import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // The packs ship once, as the JSON files of packs/ (published with the package): both
  // builds load them from there (ESM by a JSON import, CJS by require; a bundler resolves
  // either to one copy) instead of inlining 1 MB of JSON into each build. dist/ sits next
  // to src/, so '../packs/…' means the same files from both.
  // keep `with { type: 'json' }` on those imports (Node requires it; es2022 alone drops it)
  esbuildOptions(options) {
    options.supported = { ...options.supported, 'import-attributes': true }
  },
  esbuildPlugins: [
    {
      name: 'packs-as-json-files',
      setup(build) {
        build.onResolve({ filter: /^\.\.\/packs\/.+\.json$/ }, (args) => ({ path: args.path, external: true }))
      },
    },
  ],
})
