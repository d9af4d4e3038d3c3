import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: {
      'xlsx/index': 'src/xlsx/index.ts',
      'csv/index': 'src/csv/index.ts',
      'cli/index': 'src/cli/index.ts',
      'report/index': 'src/report/index.ts',
      'http/index': 'src/http/index.ts',
      'dashboard/index': 'src/dashboard/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    // import.meta.url in the CJS output (the report finds its font files by it)
    shims: true,
    // an optional dependency, loaded only to print PDFs: never bundled
    external: ['playwright-core'],
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'es2022',
    banner: { js: '#!/usr/bin/env node' },
    external: ['playwright-core'],
  },
])
