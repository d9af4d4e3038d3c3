// The xlsx and csv entries must bundle for the browser: no static import of a Node.js
// built-in (a path is read, and a compressed part unpacked, through built-ins loaded on use).
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url))

async function bundleForBrowser(entry: string) {
  return build({
    entryPoints: [src(entry)],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // the sibling packages from source, as the tests use them (no build needed)
    alias: { '@chiso/core': src('../../core/src/index.ts'), '@chiso/rules-vn-cchc': src('../../rules-vn-cchc/src/index.ts') },
  })
}

describe('browser bundles', () => {
  for (const entry of ['../src/xlsx/index.ts', '../src/csv/index.ts']) {
    it(`${entry.replace('../src/', '@chiso/adapters/').replace('/index.ts', '')} bundles for platform=browser with no Node.js built-in`, async () => {
      const out = await bundleForBrowser(entry)
      expect(out.errors).toEqual([])
      const inputs = Object.keys(out.metafile.inputs)
      expect(inputs.some((i) => i.includes('src/shared/load.ts'))).toBe(true)
      // nothing left for the browser to resolve: every import was bundled
      const imports = Object.values(out.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path))
      expect(imports).toEqual([])
    })
  }
})
