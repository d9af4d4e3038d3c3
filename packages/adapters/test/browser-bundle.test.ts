// The xlsx and csv entries must bundle for the browser: no static import of a Node.js
// built-in (a path is read, and a compressed part unpacked, through built-ins loaded on
// use). And the bundle must work there: in a real Chromium (no Node.js: parts unpacked by
// DecompressionStream) a workbook is read exactly as Node.js reads it, and a workbook
// written there reads back in Node.js the same.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build, type BuildOptions } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluate } from '@chiso/core'
import { findChromium } from '../src/report/index.js'
import { readAssessmentWorkbook, writeFilledWorkbook } from '../src/xlsx/index.js'
import { fixture, testPack } from './helpers.js'
import { bombXlsx } from './zip-builder.js'

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const browserOptions: BuildOptions = {
  bundle: true,
  platform: 'browser',
  write: false,
  metafile: true,
  logLevel: 'silent',
  // the sibling packages from source, as the tests use them (no build needed)
  alias: { '@chiso/core': src('../../core/src/index.ts'), '@chiso/rules-vn-cchc': src('../../rules-vn-cchc/src/index.ts') },
}

describe('browser bundles', () => {
  for (const entry of ['../src/xlsx/index.ts', '../src/csv/index.ts']) {
    it(`${entry.replace('../src/', '@chiso/adapters/').replace('/index.ts', '')} bundles for platform=browser with no Node.js built-in`, async () => {
      const out = await build({ ...browserOptions, entryPoints: [src(entry)], format: 'esm' })
      expect(out.errors).toEqual([])
      const inputs = Object.keys(out.metafile!.inputs)
      expect(inputs.some((i) => i.includes('src/shared/load.ts'))).toBe(true)
      // nothing left for the browser to resolve: every import was bundled
      const imports = Object.values(out.metafile!.outputs).flatMap((o) => o.imports.map((i) => i.path))
      expect(imports).toEqual([])
    })
  }
})

describe('@chiso/adapters/xlsx in Chromium', () => {
  const packJson = JSON.parse(readFileSync(fixture('pack-commune.json'), 'utf8'))
  const pack = testPack()
  const leaves = pack.nodes.filter((n) => n.children.length === 0 && n.source !== 'survey')
  const assessment = { unitId: 'xa-hoa-giay', period: '2024', selfScores: Object.fromEntries(leaves.map((n) => [n.code, n.maxPoints.toString()])) }
  let browser: import('playwright-core').Browser
  let page: import('playwright-core').Page

  beforeAll(async () => {
    const chromium = findChromium()
    expect(chromium, 'a Chromium is needed (Debian: apt-get install chromium; or CHISO_CHROMIUM)').toBeDefined()
    const bundle = await build({
      ...browserOptions,
      stdin: {
        contents: `export { readAssessmentWorkbook, writeFilledWorkbook } from ${JSON.stringify(src('../src/xlsx/index.ts'))}\nexport { compilePack } from '@chiso/core'`,
        resolveDir: src('.'),
        loader: 'ts',
      },
      format: 'iife',
      globalName: 'chisoXlsx',
    })
    const { chromium: launcher } = await import('playwright-core')
    browser = await launcher.launch({ executablePath: chromium!, args: ['--headless', '--no-sandbox', '--disable-background-networking'] })
    page = await browser.newPage()
    await page.setContent('<!doctype html><title>chiso</title>')
    await page.addScriptTag({ content: bundle.outputFiles![0]!.text })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
  })

  it('reads a filled workbook as Node.js does, and writes one that Node.js reads the same', async () => {
    const bytes = await writeFilledWorkbook(pack, assessment)
    const inNode = await readAssessmentWorkbook(bytes, pack, { period: '2024' })
    expect(inNode.ok, JSON.stringify(inNode)).toBe(true)
    const fromBrowser = await page.evaluate(
      async ({ packJson, bytes, assessment }) => {
        const api = (globalThis as unknown as { chisoXlsx: typeof import('../src/xlsx/index.js') & typeof import('@chiso/core') }).chisoXlsx
        const p = api.compilePack(packJson)
        const read = await api.readAssessmentWorkbook(new Uint8Array(bytes), p, { period: '2024' })
        const written = await api.writeFilledWorkbook(p, assessment)
        return { hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined', read: JSON.stringify(read), written: Array.from(written) }
      },
      { packJson, bytes: Array.from(bytes), assessment },
    )
    // the page has no Node.js: what ran there is the browser path
    expect(fromBrowser.hasProcess).toBe(false)
    expect(fromBrowser.read).toBe(JSON.stringify(inNode))
    const back = await readAssessmentWorkbook(new Uint8Array(fromBrowser.written), pack, { period: '2024' })
    expect(JSON.stringify(back)).toBe(JSON.stringify(inNode))
    // and what was read is what was written
    if (!inNode.ok) return
    expect(evaluate(pack, inNode.value).index.toString()).toBe(evaluate(pack, assessment).index.toString())
  }, 120_000)

  it('refuses a part lying about its size there too, as Node.js does', async () => {
    // 64 MB of sheet declared as 2 KB: unpacking stops past 2 KB, as node:zlib's cap does
    const lying = bombXlsx(64 * 1024 ** 2, 2048)
    const inNode = await readAssessmentWorkbook(lying, pack, { period: '2024', fileName: 'noi-doi.xlsx' })
    expect(inNode.ok).toBe(false)
    const inBrowser = await page.evaluate(
      async ({ packJson, base64 }) => {
        const api = (globalThis as unknown as { chisoXlsx: typeof import('../src/xlsx/index.js') & typeof import('@chiso/core') }).chisoXlsx
        const raw = atob(base64)
        const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0))
        return JSON.stringify(await api.readAssessmentWorkbook(bytes, api.compilePack(packJson), { period: '2024', fileName: 'noi-doi.xlsx' }))
      },
      { packJson, base64: Buffer.from(lying).toString('base64') },
    )
    expect(inBrowser).toBe(JSON.stringify(inNode))
    expect(inBrowser).toContain('does not unpack to its declared size (2 KB)')
  }, 120_000)
})
