// Tamper evidence: someone with SQL access edits, deletes or inserts rows — with the
// append-only triggers dropped first — and verify names each table, row and column.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Store, VerifyProblem, VerifyReport } from '../src/index.js'
import { assessment, PACK_REF, PROVINCE, seed } from './fixtures.js'
import { HARNESSES, type Harness } from './harness.js'

const TABLES = ['events', 'chiso_migrations', 'packs', 'units', 'submissions', 'appraisals', 'results', 'publications'] as const
const TRIGGERS_OFF = TABLES.map((t) => `alter table ${t} disable trigger user`).join('; ')

/** A province with a row in every table: packs, units, submissions, rounds, results, a publication. */
async function populate(store: Store): Promise<void> {
  await seed(store)
  const sub = (unitId: string, s: [number, number, number]) =>
    store.submit({ province: PROVINCE, unitId, period: '2024', pack: PACK_REF, assessment: assessment(unitId, '2024', s), expectedVersion: 0, actor: unitId })
  await sub('xa-a', [3, 3, 4])
  await sub('xa-b', [2, 2.5, 3])
  await sub('xa-c', [3, 2.5, 3.5])
  await store.appraise({
    province: PROVINCE,
    unitId: 'xa-b',
    period: '2024',
    expectedVersion: 1,
    actor: 'tdt',
    reviewer: 'Tổ thẩm định',
    changes: [{ code: '2', points: 2, reason: 'Thiếu tài liệu' }],
  })
  await store.score({ province: PROVINCE, period: '2024', actor: 'so' })
  await store.publish({ province: PROVINCE, period: '2024', group: 'xa', decision: { number: '345/QĐ-UBND', date: '2025-03-01' }, expectedVersion: 0, actor: 'so' })
}

const resultIds = async (h: Harness): Promise<number[]> => (await h.sql(["select id from results where unit_id in ('xa-a', 'xa-b') order by unit_id"]))[0]!.map((r) => Number(r.id))

const find = (r: VerifyReport, table: string, rowId: number): VerifyProblem[] => r.problems.filter((p) => p.table === table && p.rowId === rowId)

for (const factory of HARNESSES) {
  describe(`tamper evidence on ${factory.name}`, () => {
    describe('edits', () => {
      let h: Harness
      beforeAll(async () => {
        h = await factory.create({ persistent: true })
        const store = await h.open()
        await populate(store)
        expect((await store.verify()).problems).toEqual([])
        await store.close()
      }, 180_000)
      afterAll(() => h?.dispose())

      test('the database itself refuses UPDATE, DELETE and TRUNCATE on every table', async () => {
        const statements = TABLES.flatMap((t) => [`update ${t} set ${t === 'chiso_migrations' ? 'name' : 'province'} = 'x'`, `delete from ${t}`, `truncate ${t}`])
        const outcomes = await h.attempt(statements)
        statements.forEach((sql, i) => {
          const o = outcomes[i]
          expect(o instanceof Error ? o.message : 'accepted', sql).toMatch(/append-only/)
        })
      })

      test('an edit of a row in each table, with the triggers dropped, is reported with its table, row and column', async () => {
        const [packs, units, subs, apps, results, pubs, events] = await h.sql([
          'select id from packs order by id limit 1',
          "select id from units where unit_id = 'xa-c' order by id limit 1",
          "select id from submissions where unit_id = 'xa-a' order by id limit 1",
          'select id from appraisals order by id limit 1',
          "select id from results where unit_id = 'xa-c' order by id limit 1",
          'select id from publications order by id limit 1',
          "select seq from events where kind = 'submission' order by seq limit 1",
        ])
        const id = (rows: Record<string, unknown>[] | undefined, col = 'id'): number => Number(rows![0]![col])
        const ids = { packs: id(packs), units: id(units), submissions: id(subs), appraisals: id(apps), results: id(results), publications: id(pubs), events: id(events, 'seq') }
        await h.sql([
          TRIGGERS_OFF,
          [`update packs set body = replace(body, '"maxPoints":4', '"maxPoints":4.0') where id = $1`, [ids.packs]],
          [`update units set body = replace(body, 'Xã C', 'Xã Z') where id = $1`, [ids.units]],
          [`update submissions set body = replace(body, '"2":4', '"2":3.75') where id = $1`, [ids.submissions]],
          [`update appraisals set reviewer = 'Người khác' where id = $1`, [ids.appraisals]],
          // a careful forger changes the summary column and the record alike
          [`update results set idx = '95', body = replace(body, '"index":"90"', '"index":"95"') where id = $1`, [ids.results]],
          [`update publications set decision_number = '999/QĐ-UBND' where id = $1`, [ids.publications]],
          [`update events set actor = 'ai-do' where province = $1 and seq = $2`, [PROVINCE, ids.events]],
          "update chiso_migrations set checksum = 'x' where version = 1",
        ])
        const store = await h.open()
        const r = await store.verify()
        await store.close()
        expect(r.ok).toBe(false)
        const changed = (table: string, rowId: number) => find(r, table, rowId).find((p) => p.code === 'row_changed')
        expect(changed('packs', ids.packs)?.columns).toEqual(['body'])
        expect(changed('units', ids.units)?.columns).toEqual(['body'])
        expect(changed('units', ids.units)?.message.en).toContain('Xã Z')
        expect(changed('submissions', ids.submissions)?.columns).toEqual(['body'])
        expect(changed('appraisals', ids.appraisals)?.columns).toEqual(['reviewer'])
        expect(changed('results', ids.results)?.columns).toEqual(['idx', 'body'])
        expect(changed('publications', ids.publications)?.columns).toEqual(['decision_number'])
        expect(find(r, 'events', ids.events).map((p) => p.code)).toEqual(['event_changed'])
        expect(find(r, 'chiso_migrations', 1).map((p) => [p.code, p.columns])).toEqual([['migration_changed', ['checksum']]])
        // the forged result also fails its recalculation: the engine says 90, not 95
        const differs = find(r, 'results', ids.results).find((p) => p.code === 'record_differs')
        expect(differs?.message.en).toMatch(/stored 95, recalculated 90/)
        // every problem names its table and row, in both languages
        for (const p of r.problems) {
          expect(p.table).toBeTruthy()
          expect(p.message.vi).not.toBe(p.message.en)
        }
        // the results of xa-a and xa-b no longer stand for their (edited) submission and round
        const [resA, resB] = await resultIds(h)
        expect(find(r, 'results', resA!).map((p) => [p.code, p.columns])).toEqual([['record_differs', ['based_on_version']]])
        expect(find(r, 'results', resB!).map((p) => [p.code, p.columns])).toEqual([['record_differs', ['based_on_version']]])
        // and nothing else was flagged: each problem is on a row that was touched, or on a result built from one
        const touched = new Set([...Object.entries(ids).map(([t, i]) => `${t}:${i}`), 'chiso_migrations:1', `results:${resA}`, `results:${resB}`])
        expect(r.problems.filter((p) => !touched.has(`${p.table}:${p.rowId}`))).toEqual([])
      })
    })

    describe('deletions and insertions', () => {
      let h: Harness
      let head: { seq: number; hash: string } | null = null
      beforeAll(async () => {
        h = await factory.create({ persistent: true })
        const store = await h.open()
        await populate(store)
        head = await store.head({ province: PROVINCE })
        await store.close()
      }, 180_000)
      afterAll(() => h?.dispose())

      test('a deleted row, an inserted row, a removed event and a rewritten tail are each reported', async () => {
        const [sub, lastEvent, midEvent] = await h.sql([
          "select id from submissions where unit_id = 'xa-c' order by id limit 1",
          'select seq, rows from events order by seq desc limit 1',
          "select seq, rows from events where kind = 'unit.added' order by seq limit 1",
        ])
        const subId = Number(sub![0]!.id)
        const last = { seq: Number(lastEvent![0]!.seq), rows: JSON.parse(String(lastEvent![0]!.rows)) as { t: string; id: number }[] }
        const mid = { seq: Number(midEvent![0]!.seq), rows: JSON.parse(String(midEvent![0]!.rows)) as { t: string; id: number }[] }
        await h.sql([
          TRIGGERS_OFF,
          [`delete from submissions where id = $1`, [subId]],
          [
            `insert into appraisals (province, event_seq, unit_id, period, version, round, reviewer, at, body)
             values ($1, 1, 'xa-a', '2024', 9, 9, 'giả mạo', '2025-01-01', '{"changes":[],"reviewer":"giả mạo","round":9,"at":"2025-01-01"}')`,
            [PROVINCE],
          ],
          [`delete from events where province = $1 and seq = $2`, [PROVINCE, mid.seq]],
          // the last event removed: nothing follows it, so only its rows and a recorded head show it
          [`delete from events where province = $1 and seq = $2`, [PROVINCE, last.seq]],
        ])
        const inserted = Number((await h.sql(['select max(id) as id from appraisals']))[0]![0]!.id)
        const store = await h.open()
        const r = await store.verify({ heads: { [PROVINCE]: head! } })
        await store.close()
        const codes = (table: string, rowId: number) => find(r, table, rowId).map((p) => p.code)
        expect(codes('submissions', subId)).toContain('row_missing')
        expect(codes('appraisals', inserted)).toEqual(['row_unrecorded'])
        expect(codes('events', mid.seq + 1).sort()).toEqual(['chain_broken', 'chain_gap'])
        for (const row of mid.rows) expect(codes(row.t, row.id)).toContain('row_unrecorded')
        for (const row of last.rows) expect(codes(row.t, row.id)).toContain('row_unrecorded')
        expect(codes('events', head!.seq)).toEqual(['head_mismatch'])
      })
    })
  })
}
