// SIGKILL in the middle of a transaction: a child process imports a folder's worth of
// submissions (or publishes a ranking) and is killed while its transaction is open — half
// its rows written, or all of them but the commit. Reopened, the database holds none of it,
// verify passes, and the same write then completes.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ImportItem, PublishInput, Store } from '../src/index.js'
import { assessment, fileHash, PACK, PACK_REF, PROVINCE } from './fixtures.js'
import { HARNESSES, type Harness } from './harness.js'

const CHILD = fileURLToPath(new URL('./scripts/crash-child.mjs', import.meta.url))
const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url))
const UNITS = 300

const unitIds = Array.from({ length: UNITS }, (_, i) => `xa-${String(i + 1).padStart(3, '0')}`)
const items = (period: string): ImportItem[] =>
  unitIds.map((unitId, i) => ({ fileHash: fileHash(`${unitId}:${period}`), assessment: assessment(unitId, period, [(i % 13) * 0.25, (i % 7) * 0.25 + 1, (i % 17) * 0.25]) }))

/** Runs the child until it pauses, kills it with SIGKILL, and returns what it printed. */
function killMidway(job: object): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'chiso-crash-'))
  const file = join(dir, 'job.json')
  writeFileSync(file, JSON.stringify(job))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, file], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('PAUSED')) child.kill('SIGKILL')
    })
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('exit', (code, signal) => {
      rmSync(dir, { recursive: true, force: true })
      if (signal === 'SIGKILL' && out.includes('PAUSED')) resolve(out)
      else reject(new Error(`the child was not killed mid-transaction (exit ${code}, ${signal}): ${out}\n${err}`))
    })
  })
}

for (const factory of HARNESSES) {
  describe(`SIGKILL mid-transaction on ${factory.name}`, () => {
    let h: Harness
    beforeAll(async () => {
      if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run npm run build first (the child process runs the built package)`)
      h = await factory.create({ persistent: true })
      const store = await h.open()
      await store.putPacks({ province: PROVINCE, packs: [PACK], actor: 'so' })
      await store.putUnits({ province: PROVINCE, units: unitIds.map((id) => ({ unit: { id, name: `Xã ${id}`, kind: 'commune', group: 'xa' }, expectedVersion: 0 })), actor: 'so' })
      // a ranking ready to publish, for the publish case
      await store.importSubmissions({ province: PROVINCE, pack: PACK_REF, items: items('2023'), actor: 'so' })
      await store.score({ province: PROVINCE, period: '2023', actor: 'so' })
      await store.close()
    }, 300_000)
    afterAll(() => h?.dispose())

    async function reopened(check: (store: Store) => Promise<void>): Promise<void> {
      const store = await h.open()
      try {
        await check(store)
      } finally {
        await store.close()
      }
    }

    const importJob = (fraction: number, name: string) => ({
      op: 'import',
      options: h.options,
      pause: { name, fraction },
      input: { province: PROVINCE, pack: PACK_REF, items: items('2024'), actor: 'so' },
    })

    for (const [label, name, fraction] of [
      ['its submission rows written and its events not yet', 'import:rows', 0.5],
      ['everything written but the commit', 'import:commit', 1],
    ] as const) {
      test(`an import of ${UNITS} submissions killed with ${label} leaves nothing of it, and verify passes`, async () => {
        let head: unknown
        await reopened(async (s) => void (head = await s.head({ province: PROVINCE })))
        const said = await killMidway(importJob(fraction, name))
        expect(said).toContain(`PAUSED ${name}`)
        await reopened(async (store) => {
          expect(await store.head({ province: PROVINCE })).toEqual(head)
          expect(await store.listAssessments({ province: PROVINCE, period: '2024' })).toEqual([])
          const report = await store.verify({ province: PROVINCE })
          expect(report.problems).toEqual([])
          expect(report.checked.rows.submissions).toBe(UNITS)
        })
      }, 180_000)
    }

    test('after the killed imports, the import runs to the end in one piece', async () => {
      await reopened(async (store) => {
        const r = await store.importSubmissions({ province: PROVINCE, pack: PACK_REF, items: items('2024'), actor: 'so' })
        expect(r.imported.length).toBe(UNITS)
        expect((await store.listAssessments({ province: PROVINCE, period: '2024' })).length).toBe(UNITS)
        expect((await store.verify({ province: PROVINCE })).ok).toBe(true)
      })
    }, 180_000)

    test('a publish killed before its commit leaves no publication; publishing again is version 1', async () => {
      const input: PublishInput = { province: PROVINCE, period: '2023', group: 'xa', decision: { number: '77/QĐ-UBND', date: '2024-03-01' }, expectedVersion: 0, actor: 'so' }
      const said = await killMidway({ op: 'publish', options: h.options, pause: { name: 'publish:commit', fraction: 1 }, input })
      expect(said).toContain('PAUSED publish:commit')
      await reopened(async (store) => {
        expect(await store.listPublications({ province: PROVINCE })).toEqual([])
        expect((await store.ranking({ province: PROVINCE, period: '2023', group: 'xa' })).status).toBe('provisional')
        expect((await store.verify({ province: PROVINCE })).ok).toBe(true)
        const pub = await store.publish(input)
        expect([pub.version, pub.entries.length]).toEqual([1, UNITS])
        expect((await store.verify({ province: PROVINCE })).ok).toBe(true)
      })
    }, 180_000)
  })
}
