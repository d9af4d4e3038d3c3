import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      '@chiso/core': src('./packages/core/src/index.ts'),
      '@chiso/rules-vn-cchc': src('./packages/rules-vn-cchc/src/index.ts'),
      '@chiso/store': src('./packages/store/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
  },
})
