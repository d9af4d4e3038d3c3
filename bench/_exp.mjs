import { build } from 'esbuild'
await build({ entryPoints: ['/work/main/packages/core/src/lane.ts'], bundle: true, format: 'esm', outfile: '/work/main/bench/_lane.mjs', platform: 'node', external: ['zod', '@noble/*'] })
