// 100 appraisal writes on one assessment at once, on each driver: how many land, how many
// get a conflict, and — when each writer reloads and retries — whether every round lands
// and the chain verifies. Prints the counts (the tests assert them: test/concurrency.test.ts).
//
//   node packages/store/scripts/concurrency.mjs [--url postgres://…] [--writers 100]
import pg from 'pg'
import { openStore, StoreError } from '../dist/index.js'

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback)
const WRITERS = Number(arg('--writers', 100))
const url = arg('--url', process.env.DATABASE_URL)
const PACK = {
  id: 'demo/commune',
  version: '1.0.0',
  title: 'Demo',
  scale: 10,
  criteria: [
    { code: '1', title: 'A', maxPoints: 6, rule: { kind: 'manual', step: 0.25 } },
    { code: '2', title: 'B', maxPoints: 4, rule: { kind: 'manual', step: 0.25 } },
  ],
}

async function run(name, options) {
  const store = await openStore({ maxConnections: 20, ...options })
  const province = 'load'
  await store.putPacks({ province, packs: [PACK], actor: 'so' })
  await store.putUnits({ province, units: [{ unit: { id: 'xa-a', name: 'Xã A', kind: 'commune' }, expectedVersion: 0 }], actor: 'so' })
  const base = { province, unitId: 'xa-a' }
  const round = (period, k, expectedVersion) => store.appraise({ ...base, period, expectedVersion, actor: `r${k}`, changes: [{ code: '2', points: (k % 17) * 0.25, reason: `writer ${k}` }] })
  const submit = (period) =>
    store.submit({ ...base, period, pack: { id: PACK.id, version: PACK.version }, assessment: { unitId: 'xa-a', period, selfScores: { 1: 5, 2: 4 } }, expectedVersion: 0, actor: 'xa-a' })

  // all at once on the version they saw
  await submit('2024')
  let t = performance.now()
  const outcomes = await Promise.allSettled(Array.from({ length: WRITERS }, (_, k) => round('2024', k, 1)))
  const oneShot = { landed: 0, conflict: 0, other: 0, ms: performance.now() - t }
  for (const o of outcomes) oneShot[o.status === 'fulfilled' ? 'landed' : o.reason instanceof StoreError && o.reason.code === 'conflict' ? 'conflict' : 'other']++

  // each writer reloads and retries until it lands
  await submit('2025')
  t = performance.now()
  let retries = 0
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, k) => {
      for (let seen = 1; ; ) {
        try {
          return await round('2025', k, seen)
        } catch (e) {
          if (!(e instanceof StoreError) || e.code !== 'conflict') throw e
          retries++
          seen = e.currentVersion
        }
      }
    }),
  )
  const ms = performance.now() - t
  const st = await store.getAssessment({ ...base, period: '2025' })
  const report = await store.verify({ province })
  await store.close()
  console.log(`\n${name}`)
  console.log(`  ${WRITERS} writers on version 1:      ${oneShot.landed} landed, ${oneShot.conflict} conflicts, ${oneShot.other} other errors (${oneShot.ms.toFixed(0)} ms)`)
  console.log(`  ${WRITERS} writers reloading on conflict: ${st.appraisals.length} rounds landed (version ${st.version}), ${retries} conflicts retried (${ms.toFixed(0)} ms)`)
  console.log(`  verify: ${report.ok ? 'ok' : `${report.problems.length} problems`}, ${report.checked.events} events`)
}

await run('PGlite (in memory)', {})
if (url) {
  const schema = `chiso_conc_${process.pid}`
  try {
    await run('PostgreSQL, 20 connections', { url, schema })
  } finally {
    const pool = new pg.Pool({ connectionString: url })
    await pool.query(`drop schema if exists ${schema} cascade`)
    await pool.end()
  }
}
