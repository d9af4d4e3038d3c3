// Times the store on each driver with a realistic load: 1,000 commune submissions (the
// sample province's assessments under the real 2019 commune pack, with evidence, facts and
// appraisal rounds) imported in one transaction, imported again (nothing changes), scored,
// ranked, published and verified (every record recalculated).
//
//   node packages/store/scripts/bench.mjs                      PGlite in memory and in a folder
//   node packages/store/scripts/bench.mjs --url postgres://…   and PostgreSQL (a schema of its own, dropped after)
//
// Uses the built packages (npm run build).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { contentHash } from '@chiso/core'
import { generateSampleProvince, packById } from '@chiso/rules-vn-cchc'
import pg from 'pg'
import { openStore } from '../dist/index.js'

const N = Number(process.argv.includes('--n') ? process.argv[process.argv.indexOf('--n') + 1] : 1000)
const url = process.argv.includes('--url') ? process.argv[process.argv.indexOf('--url') + 1] : process.env.DATABASE_URL

const packId = 'vn-cchc/commune-2019'
const pack = packById(packId)
const sample = generateSampleProvince({ seed: 11, years: [2024] })
const base = sample.years[0].packs.find((p) => p.packId === packId).assessments
const ids = Array.from({ length: N }, (_, i) => `xa-${String(i + 1).padStart(4, '0')}`)
const units = ids.map((id, i) => ({ ...base[i % base.length].unit, id, name: `Xã số ${i + 1}`, validFrom: undefined, validTo: undefined, predecessors: undefined, group: 'xa' }))
const items = ids.map((id, i) => {
  const a = base[i % base.length]
  const assessment = { ...a, unitId: id, unit: units[i], group: 'xa' }
  return { fileHash: contentHash(assessment), assessment }
})

async function time(label, fn) {
  const t = performance.now()
  const out = await fn()
  const ms = performance.now() - t
  return [label, ms, out]
}

async function run(name, options) {
  const rows = []
  const province = 'bench'
  const tOpen = performance.now()
  const store = await openStore(options)
  rows.push(['open (+ migrate)', performance.now() - tOpen])
  await store.putPacks({ province, packs: [pack], actor: 'bench' })
  await store.putUnits({ province, units: units.map((unit) => ({ unit, expectedVersion: 0 })), actor: 'bench' })
  const ref = { id: pack.id, version: pack.version }
  const [l1, ms1, r1] = await time(`import ${N} submissions (one transaction)`, () => store.importSubmissions({ province, pack: ref, items, actor: 'bench' }))
  rows.push([l1, ms1, `${r1.imported.length} imported`])
  const [l2, ms2, r2] = await time(`import the same ${N} again`, () => store.importSubmissions({ province, pack: ref, items, actor: 'bench' }))
  rows.push([l2, ms2, `${r2.unchanged.length} unchanged`])
  const [l3, ms3, r3] = await time(`score ${N}`, () => store.score({ province, period: '2024', actor: 'bench' }))
  rows.push([l3, ms3, `${r3.recorded.length} results`])
  const [l4, ms4, r4] = await time('ranking (provisional)', () => store.ranking({ province, period: '2024', group: 'xa' }))
  rows.push([l4, ms4, `${r4.entries.length} ranked`])
  const [l5, ms5] = await time('publish', () => store.publish({ province, period: '2024', group: 'xa', decision: { number: '1/QĐ-UBND', date: '2025-03-01' }, expectedVersion: 0, actor: 'bench' }))
  rows.push([l5, ms5])
  const [l6, ms6, r6] = await time('verify (chain, rows, recalculation)', () => store.verify({ province }))
  rows.push([l6, ms6, `${r6.ok ? 'ok' : `${r6.problems.length} problems`}, ${r6.checked.events} events, ${r6.checked.recalculated} recalculated`])
  await store.close()
  console.log(`\n${name}`)
  for (const [label, ms, note] of rows) console.log(`  ${label.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms${note ? `  ${note}` : ''}`)
}

await run('PGlite, in memory', {})
const dir = mkdtempSync(join(tmpdir(), 'chiso-bench-'))
try {
  await run(`PGlite, data folder`, { dataDir: dir })
} finally {
  rmSync(dir, { recursive: true, force: true })
}
if (url) {
  const schema = `chiso_bench_${process.pid}`
  try {
    await run(`PostgreSQL (${url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')})`, { url, schema })
  } finally {
    const pool = new pg.Pool({ connectionString: url })
    await pool.query(`drop schema if exists ${schema} cascade`)
    await pool.end()
  }
}
