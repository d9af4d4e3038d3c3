import { defineConfig } from 'tsup'

export default defineConfig({
  // the root and its subpaths; shared modules go to common chunks (also in CJS), so the
  // registries and classes exist once whichever entries an application imports
  entry: { index: 'src/index.ts', plugin: 'src/plugin.ts', analysis: 'src/analysis/index.ts', schemas: 'src/schemas.ts' },
  format: ['esm', 'cjs'],
  splitting: true,
  // names tagged @internal stay out of the published types
  dts: { compilerOptions: { stripInternal: true } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
})
