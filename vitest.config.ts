import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  resolve: {
    // exact matches: '@chiso/core' must not also rewrite '@chiso/core/plugin'
    alias: [
      { find: /^@chiso\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@chiso\/core\/plugin$/, replacement: src('./packages/core/src/plugin.ts') },
      { find: /^@chiso\/core\/analysis$/, replacement: src('./packages/core/src/analysis/index.ts') },
      { find: /^@chiso\/core\/schemas$/, replacement: src('./packages/core/src/schemas.ts') },
      { find: /^@chiso\/rules-vn-cchc$/, replacement: src('./packages/rules-vn-cchc/src/index.ts') },
      { find: /^@chiso\/store$/, replacement: src('./packages/store/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    // vitest's default is one file at a time on 2 cores (cores − 1); many files spend their
    // time starting processes or waiting on LibreOffice, Chromium or PGlite, so two at once
    // use the 2 cores (the whole suite: 512 s against 655–724 s, every test passing)
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
})
