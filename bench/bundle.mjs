// Browser bundle sizes, as a web app pays them: esbuild bundles the built packages for
// platform=browser, minified, and gzip measures the transfer size.
//   - @chiso/core, every export (packages/core/dist/index.js): target ≤ 60 KB gzipped
//   - @chiso/core as an app that only scores (compilePack, evaluate, evaluateBatch): for reference
//   - @chiso/adapters/xlsx: it must bundle at all for the browser (no static Node.js built-in)
// Run alone with `node bench/bundle.mjs` (after `npm run build`); `npm run bench` adds its rows.
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const TARGET_GZ = 60 * 1024
const kb = (b) => `${(b / 1024).toFixed(1)} KB`

/** raw (bundled, not minified), min and gzip (of min) sizes of one bundle */
async function measure(options) {
  const common = { bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', absWorkingDir: root, ...options }
  const raw = await build({ ...common, minify: false })
  const min = await build({ ...common, minify: true })
  const code = min.outputFiles[0].contents
  return { raw: raw.outputFiles[0].contents.length, min: code.length, gz: gzipSync(code, { level: 9 }).length }
}

const entry = (contents) => ({ stdin: { contents, resolveDir: root, loader: 'js' } })

/** rows in bench/run.mjs's table, and the targets missed */
export async function bundleRows() {
  const rows = []
  const problems = []
  const sizes = (s) => `raw ${kb(s.raw)}, min ${kb(s.min)}, gzip ${kb(s.gz)}`

  const core = await measure({ entryPoints: ['packages/core/dist/index.js'] })
  const coreOk = core.gz <= TARGET_GZ
  rows.push({
    workload: 'browser bundle: @chiso/core (every export)',
    chiso: sizes(core),
    baseline: '',
    ratio: `${(core.gz / TARGET_GZ).toFixed(2)}× the target`,
    target: '≤ 60 KB gzip',
    ok: coreOk ? 'ok' : 'MISSED',
    memory: '',
  })
  if (!coreOk) problems.push(`browser bundle: @chiso/core is ${kb(core.gz)} gzipped, above the 60 KB target`)

  const scoring = await measure(entry("export { compilePack, evaluate, evaluateBatch } from '@chiso/core'"))
  rows.push({
    workload: 'browser bundle: @chiso/core, scoring only (compilePack, evaluate, evaluateBatch)',
    chiso: sizes(scoring),
    baseline: '',
    ratio: `${(scoring.gz / TARGET_GZ).toFixed(2)}× 60 KB`,
    target: '(reference)',
    ok: '',
    memory: '',
  })

  try {
    const xlsx = await measure({ entryPoints: ['packages/adapters/dist/xlsx/index.js'] })
    rows.push({ workload: 'browser bundle: @chiso/adapters/xlsx (with exceljs)', chiso: sizes(xlsx), baseline: '', ratio: '', target: 'bundles for the browser', ok: 'ok', memory: '' })
  } catch (e) {
    const why = (e.errors ?? []).map((x) => x.text).join('; ') || e.message
    rows.push({ workload: 'browser bundle: @chiso/adapters/xlsx', chiso: 'does not bundle', baseline: '', ratio: '', target: 'bundles for the browser', ok: 'MISSED', memory: '' })
    problems.push(`browser bundle: @chiso/adapters/xlsx does not bundle for the browser (${why})`)
  }
  return { rows, problems }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { rows, problems } = await bundleRows()
  for (const r of rows) console.log(`${r.workload}: ${r.chiso}${r.ratio ? ` (${r.ratio})` : ''} — target ${r.target}${r.ok ? `: ${r.ok}` : ''}`)
  if (problems.length > 0) {
    console.error(`\nFAILED:\n- ${problems.join('\n- ')}`)
    process.exit(1)
  }
}
