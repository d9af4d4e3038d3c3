// The store's behaviour, one suite run on every driver (PGlite always, PostgreSQL when
// CHISO_TEST_DATABASE_URL names a server). Tests share one store per driver and each uses a
// province of its own, which is also how a store keeps provinces apart.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { compareYears, compilePack, createUnitRegistry, evaluate, evaluateBatch, type AssessmentInput } from '@chiso/core'
import type { Store } from '../src/index.js'
import { assessment, fileHash, PACK, PACK_REF, PACK_V2, seed, UNITS } from './fixtures.js'
import { HARNESSES, type Harness } from './harness.js'
import { freshProvince, refused } from './helpers.js'

for (const factory of HARNESSES) {
  describe(`store on ${factory.name}`, () => {
    let h: Harness
    let store: Store
    beforeAll(async () => {
      h = await factory.create()
      store = await h.open()
    }, 180_000)
    afterAll(async () => {
      await store?.close()
      await h?.dispose()
    })

    const submit = (province: string, unitId: string, period: string, s: [number, number, number], expectedVersion: number, extra = {}) =>
      store.submit({ province, unitId, period, pack: PACK_REF, assessment: assessment(unitId, period, s, extra), expectedVersion, actor: unitId })

    describe('packs', () => {
      test('a pack is stored once by its content, in any key order; every version is kept', async () => {
        const province = freshProvince('packs')
        const first = await store.putPacks({ province, packs: [PACK], actor: 'so-noi-vu' })
        expect(first.added.map((p) => `${p.id}@${p.version}`)).toEqual(['test/commune@1.0.0'])
        expect(first.added[0]!.contentHash).toBe(compilePack(PACK).contentHash)
        // the same content with its keys in another order is the same pack
        const reordered = Object.fromEntries(Object.entries(PACK).reverse())
        const again = await store.putPacks({ province, packs: [reordered, PACK_V2], actor: 'so-noi-vu' })
        expect(again.unchanged.map((p) => p.sourceHash)).toEqual([first.added[0]!.sourceHash])
        expect(again.added.map((p) => p.version)).toEqual(['1.1.0'])
        expect((await store.listPacks({ province })).map((p) => p.version)).toEqual(['1.0.0', '1.1.0'])
        expect(await store.getPack({ province, id: PACK.id, version: '1.0.0' })).toEqual(JSON.parse(JSON.stringify(PACK)))
      })

      test("other content under a version already used is refused; an invalid pack reports the engine's problems at their paths", async () => {
        const province = freshProvince('packs')
        await store.putPacks({ province, packs: [PACK], actor: 'so' })
        const taken = await refused(store.putPacks({ province, packs: [{ ...PACK, title: 'Đổi tên' }], actor: 'so' }))
        expect(taken.code).toBe('pack_version_taken')
        expect(taken.issues[0]!.path).toEqual(['packs', 0, 'version'])
        const broken = { ...PACK, id: 'test/broken', criteria: [{ ...PACK.criteria![0]!, maxPoints: 7 }, PACK.criteria![1]!] }
        const bad = await refused(store.putPacks({ province, packs: [PACK_V2, broken], actor: 'so' }))
        expect(bad.issues.map((i) => i.code)).toContain('children_sum_mismatch')
        expect(bad.issues.every((i) => i.path[0] === 'packs' && i.path[1] === 1)).toBe(true)
        // nothing of the refused call was kept, not even the valid pack beside the broken one
        expect((await store.listPacks({ province })).map((p) => p.version)).toEqual(['1.0.0'])
      })

      test("a pack beyond the engine's input limits is refused with their codes before it is hashed or kept", async () => {
        const province = freshProvince('packs')
        let deep: Record<string, unknown> = { code: 'x', title: 't', maxPoints: 1 }
        for (let i = 0; i < 100_000; i++) deep = { code: `c${i}`, title: 't', maxPoints: 1, children: [deep] }
        const loop: Record<string, unknown> = {}
        loop.self = loop
        const cyclic = { ...PACK, version: '3.0.0', note: loop }
        const long = { ...PACK, version: '4.0.0', note: 'x'.repeat(20_000_000) }
        const e = await refused(store.putPacks({ province, packs: [PACK, { ...PACK, version: '2.0.0', criteria: [deep] }, cyclic, long], actor: 'so' }))
        expect(e.issues.map((i) => [i.code, i.path.slice(0, 3)])).toEqual([
          ['nested_too_deeply', ['packs', 1, 'criteria']],
          ['cyclic_input', ['packs', 2, 'note']],
          ['string_too_long', ['packs', 3, 'note']],
        ])
        expect(await store.listPacks({ province })).toEqual([])
      })
    })

    describe('units', () => {
      test('units are versioned: a change names the version it saw, a stale one is a conflict', async () => {
        const province = freshProvince('units')
        await seed(store, province)
        const renamed = await store.putUnits({ province, units: [{ unit: { ...UNITS[2]!, name: 'Xã C mới' }, expectedVersion: 1 }], actor: 'so' })
        expect(renamed).toEqual([{ unit: { ...UNITS[2]!, name: 'Xã C mới' }, version: 2 }])
        const stale = await refused(store.putUnits({ province, units: [{ unit: { ...UNITS[2]!, name: 'Xã C cũ' }, expectedVersion: 1 }], actor: 'so' }))
        expect(stale.code).toBe('conflict')
        expect(stale.currentVersion).toBe(2)
        const u = await store.getUnit({ province, unitId: 'xa-c' })
        expect(u.history.map((x) => x.unit.name)).toEqual(['Xã C', 'Xã C mới'])
        expect((await store.listUnits({ province, at: '2025-06-30' })).map((x) => x.unit.id).sort()).toEqual(['phuong-ab', 'xa-c'])
      })

      test('a unit whose predecessor is unknown is refused with its path', async () => {
        const province = freshProvince('units')
        const e = await refused(store.putUnits({ province, units: [{ unit: { id: 'p', name: 'P', kind: 'ward', predecessors: ['nowhere'] }, expectedVersion: 0 }], actor: 'so' }))
        expect(e.code).toBe('unknown_unit')
        expect(e.issues[0]!.path).toEqual(['units', 0, 'unit', 'predecessors', 0])
        expect(await store.listUnits({ province })).toEqual([])
      })
    })

    describe('submissions and appraisal rounds', () => {
      test('each write names the version it saw; a stale write is a conflict carrying the current version, never an overwrite', async () => {
        const province = freshProvince('sub')
        await seed(store, province)
        expect(await submit(province, 'xa-c', '2024', [3, 2.5, 4], 0)).toEqual({ version: 1, unchanged: false })
        const stale = await refused(submit(province, 'xa-c', '2024', [1, 1, 1], 0))
        expect(stale.code).toBe('conflict')
        expect(stale.currentVersion).toBe(1)
        expect(stale.message).toContain('version 1')
        expect(await submit(province, 'xa-c', '2024', [3, 2.75, 4], 1)).toEqual({ version: 2, unchanged: false })
        const subs = await store.listSubmissions({ province, unitId: 'xa-c', period: '2024' })
        expect(subs.map((s) => [s.version, s.assessment.selfScores?.['1.2']])).toEqual([
          [1, 2.5],
          [2, 2.75],
        ])
        // the stored submission carries the unit as the catalog held it
        expect(subs[0]!.assessment.unit).toEqual(UNITS[2])
        expect(subs[0]!.recordedBy).toBe('xa-c')
        // the same content again changes nothing
        expect(await submit(province, 'xa-c', '2024', [3, 2.75, 4], 2)).toEqual({ version: 2, unchanged: true })
      })

      test('a refused submission lists every problem at once, each with its path', async () => {
        const province = freshProvince('sub')
        await seed(store, province)
        const e = await refused(
          store.submit({
            province,
            unitId: 'xa-c',
            period: '2024',
            pack: PACK_REF,
            assessment: { ...assessment('xa-b', '2024', [1, 1, 1]), appraisals: [{ round: 1, reviewer: 'x', at: '2025-01-01', changes: [] }] },
            expectedVersion: -1,
            actor: '',
          }),
        )
        expect(e.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
          ['invalid_value', 'expectedVersion'],
          ['invalid_value', 'actor'],
          ['unit_mismatch', 'assessment.unitId'],
          ['appraisals_in_submission', 'assessment.appraisals'],
        ])
        for (const i of e.issues) expect(i.message.vi.length * i.message.en.length).toBeGreaterThan(0)
        const scores = await refused(submit(province, 'xa-c', '2024', [2.1, 4, 1], 0))
        expect(scores.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
          ['score_not_multiple_of_step', 'assessment.selfScores.1.1'],
          ['score_above_max', 'assessment.selfScores.1.2'],
        ])
        expect((await refused(submit(province, 'xa-zz', '2024', [1, 1, 1], 0))).code).toBe('unknown_unit')
        expect(
          (
            await refused(
              store.submit({
                province,
                unitId: 'xa-c',
                period: '2024',
                pack: { id: 'test/commune', version: '9.9.9' },
                assessment: assessment('xa-c', '2024', [1, 1, 1]),
                expectedVersion: 0,
                actor: 'x',
              }),
            )
          ).code,
        ).toBe('unknown_pack')
        expect(await store.listSubmissions({ province, unitId: 'xa-c', period: '2024' })).toEqual([])
      })

      test('appraisal rounds accumulate (the latest round wins per criterion) and survive a resubmission', async () => {
        const province = freshProvince('appr')
        await seed(store, province)
        await submit(province, 'xa-c', '2024', [3, 2.5, 4], 0)
        expect((await refused(store.appraise({ province, unitId: 'xa-a', period: '2024', expectedVersion: 0, actor: 'tdt', changes: [{ code: '2', points: 1, reason: 'r' }] }))).code).toBe('not_found')
        const r1 = await store.appraise({
          province,
          unitId: 'xa-c',
          period: '2024',
          expectedVersion: 1,
          actor: 'to-tham-dinh',
          changes: [{ code: '2', points: 3, reason: 'Thiếu tài liệu kiểm chứng' }],
        })
        expect(r1).toEqual({ version: 2, round: 1 })
        const stale = await refused(store.appraise({ province, unitId: 'xa-c', period: '2024', expectedVersion: 1, actor: 'b', changes: [{ code: '1.1', points: 2, reason: 'r' }] }))
        expect([stale.code, stale.currentVersion]).toEqual(['conflict', 2])
        const bad = await refused(store.appraise({ province, unitId: 'xa-c', period: '2024', expectedVersion: 2, actor: 'b', changes: [{ code: '2', points: 9, reason: 'r' }] }))
        expect(bad.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['score_above_max', 'changes.0.points']])
        const r2 = await store.appraise({
          province,
          unitId: 'xa-c',
          period: '2024',
          expectedVersion: 2,
          actor: 'hoi-dong',
          reviewer: 'Hội đồng thẩm định',
          at: '2025-02-01',
          changes: [{ code: '2', points: 3.5, reason: 'Bổ sung tài liệu' }],
        })
        expect(r2).toEqual({ version: 3, round: 2 })
        await submit(province, 'xa-c', '2024', [3, 3, 4], 3)
        const st = await store.getAssessment({ province, unitId: 'xa-c', period: '2024' })
        expect(st.version).toBe(4)
        expect(st.appraisals.map((a) => [a.round, a.reviewer, a.recordedBy])).toEqual([
          [1, 'to-tham-dinh', 'to-tham-dinh'],
          [2, 'Hội đồng thẩm định', 'hoi-dong'],
        ])
        // 3 + 3 + 3.5 (round 2 overrides round 1 on "2") of 10
        expect(evaluate(compilePack(PACK), st.assessment).total.toString()).toBe('9.5')
      })

      test('what changed between two submissions: self scores as numbers, evidence, facts', async () => {
        const province = freshProvince('diff')
        await seed(store, province)
        await submit(province, 'xa-c', '2024', [3, 2.5, 4], 0, { evidence: [{ id: 'kh', number: '12/KH-UBND', criteria: ['1.1'] }], facts: { staff: 10 } })
        await submit(province, 'xa-c', '2024', [3, 2.75, 4], 1, {
          evidence: [
            { id: 'kh', number: '15/KH-UBND', criteria: ['1.1'] },
            { id: 'bc', number: '3/BC-UBND', criteria: ['1.2'] },
          ],
          facts: { staff: 10, online: true },
        })
        const d = await store.diffSubmissions({ province, unitId: 'xa-c', period: '2024', from: 1, to: 2 })
        expect(d.same).toBe(false)
        expect(d.selfScores).toEqual([{ key: '1.2', before: 2.5, after: 2.75 }])
        expect(d.evidence).toEqual([
          { id: 'kh', change: 'changed', fields: ['number'] },
          { id: 'bc', change: 'added', fields: [] },
        ])
        expect(d.facts).toEqual([{ key: 'online', before: undefined, after: true }])
        expect((await refused(store.diffSubmissions({ province, unitId: 'xa-c', period: '2024', from: 1, to: 5 }))).code).toBe('not_found')
      })
    })

    describe('imports', () => {
      const items = (period: string, rows: [string, [number, number, number]][], tag = 'f') =>
        rows.map(([unitId, s]) => ({ fileHash: fileHash(`${tag}:${unitId}:${period}`), assessment: assessment(unitId, period, s) }))

      test('an import is one transaction: one bad item and nothing is kept; every problem is listed with its item', async () => {
        const province = freshProvince('imp')
        await seed(store, province)
        const before = await store.head({ province })
        const bad = items('2024', [
          ['xa-a', [3, 3, 4]],
          ['xa-b', [3, 3.5, 4]],
          ['xa-nowhere', [1, 1, 1]],
          ['xa-c', [2, 2, 2.1]],
        ])
        const e = await refused(store.importSubmissions({ province, pack: PACK_REF, items: bad, actor: 'so' }))
        expect(e.issues.map((i) => [i.code, i.path.slice(0, 2).join('.')])).toEqual([['unknown_unit', 'items.2']])
        const e2 = await refused(store.importSubmissions({ province, pack: PACK_REF, items: bad.filter((_, i) => i !== 2), actor: 'so' }))
        expect(e2.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
          ['score_above_max', 'items.1.assessment.selfScores.1.2'],
          ['score_not_multiple_of_step', 'items.2.assessment.selfScores.2'],
        ])
        expect(await store.head({ province })).toEqual(before)
        expect(await store.listAssessments({ province, period: '2024' })).toEqual([])
      })

      test('an item with more problems than push(...list) can pass: a StoreError listing every one, nothing kept', async () => {
        const province = freshProvince('imp')
        await seed(store, province)
        // 10,000 documents, each with 15 unknown fields and no id or criteria: 170,000 problems in one assessment
        const evidence = Array.from({ length: 10_000 }, () => Object.fromEntries(Array.from({ length: 15 }, (_, k) => [`k${k}`, 1])))
        const item = { fileHash: fileHash('many'), assessment: { ...assessment('xa-a', '2024', [1, 1, 1]), evidence } as unknown as AssessmentInput }
        const e = await refused(store.importSubmissions({ province, pack: PACK_REF, items: [item], actor: 'so' }))
        expect(e.issues.length).toBe(170_000)
        expect(e.issues[0]!.path.slice(0, 5)).toEqual(['items', 0, 'assessment', 'evidence', 0])
        expect(await store.listAssessments({ province, period: '2024' })).toEqual([])
      })

      test('importing the same files again changes nothing; a changed file is refused unless the import says to append', async () => {
        const province = freshProvince('imp')
        await seed(store, province)
        const good = items('2024', [
          ['xa-a', [3, 3, 4]],
          ['xa-b', [2, 2.5, 3]],
          ['xa-c', [1, 2, 3]],
        ])
        const first = await store.importSubmissions({ province, pack: PACK_REF, items: good, actor: 'so' })
        expect(first.imported.map((i) => [i.unitId, i.version])).toEqual([
          ['xa-a', 1],
          ['xa-b', 1],
          ['xa-c', 1],
        ])
        const head = await store.head({ province })
        const again = await store.importSubmissions({ province, pack: PACK_REF, items: good, actor: 'so' })
        expect(again.imported).toEqual([])
        expect(again.unchanged.length).toBe(3)
        expect(await store.head({ province })).toEqual(head)
        // xa-b's unit sends a corrected workbook
        const changed = items('2024', [['xa-b', [2, 2.75, 3]]], 'g')
        const e = await refused(store.importSubmissions({ province, pack: PACK_REF, items: changed, actor: 'so' }))
        expect([e.code, e.issues[0]!.path.join('.')]).toEqual(['conflict', 'items.0.expectedVersion'])
        const appended = await store.importSubmissions({ province, pack: PACK_REF, items: changed, actor: 'so', onExisting: 'append' })
        expect(appended.imported.map((i) => [i.unitId, i.version])).toEqual([['xa-b', 2]])
        // the first folder again: its files are known, nothing goes back
        expect((await store.importSubmissions({ province, pack: PACK_REF, items: good, actor: 'so', onExisting: 'append' })).imported).toEqual([])
        expect((await store.getAssessment({ province, unitId: 'xa-b', period: '2024' })).submission.assessment.selfScores?.['1.2']).toBe(2.75)
      })

      test("a reviewed workbook's appraisal is recorded as a round after the submission", async () => {
        const province = freshProvince('imp')
        await seed(store, province)
        const a = assessment('xa-c', '2024', [3, 3, 4], { appraisals: [{ round: 1, reviewer: 'Tổ thẩm định', at: '2025-01-15', changes: [{ code: '2', points: 2, reason: 'Chưa đạt' }] }] })
        const r = await store.importSubmissions({ province, pack: PACK_REF, items: [{ fileHash: fileHash('reviewed'), assessment: a }], actor: 'so' })
        expect(r.imported).toEqual([{ unitId: 'xa-c', period: '2024', version: 2, fileHash: fileHash('reviewed') }])
        const st = await store.getAssessment({ province, unitId: 'xa-c', period: '2024' })
        expect(st.submission.assessment.appraisals).toBeUndefined()
        expect(st.appraisals.map((x) => [x.version, x.round, x.reviewer, x.at])).toEqual([[2, 1, 'Tổ thẩm định', '2025-01-15']])
        expect(evaluate(compilePack(PACK), st.assessment).total.toString()).toBe('8')
      })
    })

    describe('results, rankings and publications', () => {
      test('score records a result only when it changes; the ranking is provisional and marks what moved on since', async () => {
        const province = freshProvince('rank')
        await seed(store, province)
        await submit(province, 'xa-a', '2024', [3, 3, 4], 0)
        await submit(province, 'xa-b', '2024', [2, 2.5, 3], 0)
        await submit(province, 'xa-c', '2024', [3, 2.5, 3.5], 0)
        const s1 = await store.score({ province, period: '2024', actor: 'so' })
        expect(s1.recorded.map((r) => [r.unitId, r.index])).toEqual([
          ['xa-a', '100'],
          ['xa-b', '75'],
          ['xa-c', '90'],
        ])
        expect((await store.score({ province, period: '2024', actor: 'so' })).recorded).toEqual([])
        await store.appraise({ province, unitId: 'xa-a', period: '2024', expectedVersion: 1, actor: 'tdt', changes: [{ code: '2', points: 2, reason: 'Thiếu tài liệu' }] })
        const r = await store.ranking({ province, period: '2024', group: 'xa' })
        expect(r.status).toBe('provisional')
        expect(r.stale).toEqual(['xa-a'])
        expect(r.entries.map((e) => [e.rank, e.unitId, e.index, e.band?.code, e.stale ?? false])).toEqual([
          [1, 'xa-a', '100', 'xuat-sac', true],
          [2, 'xa-c', '90', 'xuat-sac', false],
          [3, 'xa-b', '75', 'kha', false],
        ])
        // the ranking is the engine's ranking of the same inputs
        const direct = evaluateBatch(
          compilePack(PACK),
          (await store.listResults({ province, unitId: 'xa-a', period: '2024' })).map((x) => x.record.assessment),
        )
        expect(direct.units[0]!.result.fingerprint).toBe(r.entries[0]!.fingerprint)
        const s2 = await store.score({ province, period: '2024', actor: 'so' })
        expect(s2.recorded.map((x) => [x.unitId, x.basedOnVersion, x.index])).toEqual([['xa-a', 2, '80']])
        expect(s2.unchanged.map((x) => x.unitId)).toEqual(['xa-b', 'xa-c'])
        const r2 = await store.ranking({ province, period: '2024', group: 'xa' })
        expect(r2.stale).toEqual([])
        expect(r2.entries.map((e) => [e.rank, e.unitId])).toEqual([
          [1, 'xa-c'],
          [2, 'xa-a'],
          [3, 'xa-b'],
        ])
        expect((await store.listResults({ province, unitId: 'xa-a', period: '2024' })).map((x) => x.record.index)).toEqual(['100', '80'])
      })

      test('publish freezes the ranking with its decision; later changes leave it as published; a correction is version 2', async () => {
        const province = freshProvince('pub')
        await seed(store, province)
        await submit(province, 'xa-a', '2024', [3, 3, 4], 0)
        await submit(province, 'xa-c', '2024', [3, 2.5, 3.5], 0)
        expect((await refused(store.publish({ province, period: '2024', group: 'xa', decision: { number: '1/QĐ-UBND', date: '2025-03-01' }, expectedVersion: 0, actor: 'so' }))).code).toBe(
          'stale_results',
        )
        await store.score({ province, period: '2024', actor: 'so' })
        expect((await refused(store.publish({ province, period: '2024', group: 'huyen', decision: { number: '1/QĐ-UBND', date: '2025-03-01' }, expectedVersion: 0, actor: 'so' }))).code).toBe(
          'nothing_to_publish',
        )
        const pub = await store.publish({ province, period: '2024', group: 'xa', decision: { number: '345/QĐ-UBND', date: '2025-03-01' }, expectedVersion: 0, actor: 'so-noi-vu' })
        expect([pub.version, pub.entries.map((e) => e.unitId)]).toEqual([1, ['xa-a', 'xa-c']])
        // a late appraisal and a new score do not move what was published
        await store.appraise({ province, unitId: 'xa-a', period: '2024', expectedVersion: 1, actor: 'tdt', changes: [{ code: '2', points: 0, reason: 'Sai số liệu' }] })
        await store.score({ province, period: '2024', actor: 'so' })
        const published = await store.ranking({ province, period: '2024', group: 'xa' })
        expect(published.status).toBe('published')
        expect(published.publication?.decision).toEqual({ number: '345/QĐ-UBND', date: '2025-03-01' })
        expect(published.entries.map((e) => [e.rank, e.unitId, e.index])).toEqual([
          [1, 'xa-a', '100'],
          [2, 'xa-c', '90'],
        ])
        const provisional = await store.ranking({ province, period: '2024', group: 'xa', provisional: true })
        expect(provisional.entries.map((e) => [e.rank, e.unitId, e.index])).toEqual([
          [1, 'xa-c', '90'],
          [2, 'xa-a', '60'],
        ])
        const stale = await refused(store.publish({ province, period: '2024', group: 'xa', decision: { number: '400/QĐ-UBND', date: '2025-04-01' }, expectedVersion: 0, actor: 'so' }))
        expect([stale.code, stale.currentVersion]).toEqual(['conflict', 1])
        const fix = await store.publish({ province, period: '2024', group: 'xa', decision: { number: '400/QĐ-UBND', date: '2025-04-01' }, expectedVersion: 1, actor: 'so' })
        expect(fix.version).toBe(2)
        expect((await store.ranking({ province, period: '2024', group: 'xa' })).entries[0]!.unitId).toBe('xa-c')
        expect((await store.listPublications({ province })).map((p) => [p.version, p.decision.number])).toEqual([
          [1, '345/QĐ-UBND'],
          [2, '400/QĐ-UBND'],
        ])
      })
    })

    describe('across years', () => {
      test("a unit's history follows its merger: the predecessors stand in for the years before it existed", async () => {
        const province = freshProvince('hist')
        await seed(store, province)
        const years: [string, string, [number, number, number]][] = [
          ['2023', 'xa-a', [2, 2, 2]],
          ['2023', 'xa-b', [3, 3, 4]],
          ['2023', 'xa-c', [3, 3, 3]],
          ['2024', 'xa-a', [3, 3, 4]],
          ['2024', 'xa-b', [2, 2, 2.5]],
          ['2024', 'xa-c', [2, 2, 2]],
          ['2025', 'phuong-ab', [3, 3, 3.5]],
          ['2025', 'xa-c', [2, 2, 2]],
        ]
        for (const [period, unitId, s] of years) await submit(province, unitId, period, s, 0)
        for (const period of ['2023', '2024', '2025']) await store.score({ province, period, actor: 'so' })
        await store.publish({ province, period: '2023', group: 'xa', decision: { number: '10/QĐ-UBND', date: '2024-03-01' }, expectedVersion: 0, actor: 'so' })
        const h = await store.unitHistory({ province, unitId: 'phuong-ab' })
        expect(h.lineage.predecessors.map((p) => p.unitId).sort()).toEqual(['xa-a', 'xa-b'])
        expect(h.years?.years.map((y) => [y.year, [...y.from].sort().join('+'), y.index.toString()])).toEqual([
          ['2023', 'xa-a+xa-b', '80'], // mean of 60 and 100
          ['2024', 'xa-a+xa-b', '82.5'], // mean of 100 and 65
          ['2025', 'phuong-ab', '95'],
        ])
        expect(h.sources.filter((s) => s.period === '2023').map((s) => s.status)).toEqual(['published'])
        // the same as the engine's own comparison of the same years
        const pack = compilePack(PACK)
        const batch = (period: string) =>
          evaluateBatch(
            pack,
            years.filter((y) => y[0] === period).map(([p, u, s]) => ({ ...assessment(u, p, s), unit: UNITS.find((x) => x.id === u)! })),
          )
        const direct = compareYears({ '2023': batch('2023'), '2024': batch('2024'), '2025': batch('2025') }, { units: createUnitRegistry(UNITS) }).find((y) => y.unitId === 'phuong-ab')!
        expect(h.years!.changes.map((c) => [c.indexChange.toString(), c.text.vi])).toEqual(direct.changes.map((c) => [c.indexChange.toString(), c.text.vi]))
        const cmp = await store.compareYears({ province, group: 'xa', periods: ['2023', '2024'] })
        const c = cmp.units.find((u) => u.unitId === 'xa-c')!
        expect(c.changes.map((x) => [x.rankChange, x.text.vi])).toEqual([[-1, 'giảm 1 bậc so với năm 2023']])
        expect(c.years.map((y) => [y.year, y.rank, y.index.toString()])).toEqual([
          ['2023', 2, '90'],
          ['2024', 3, '60'],
        ])
      })
    })

    describe('scope', () => {
      test('provinces never meet: the same unit ids in two provinces, each read sees its own', async () => {
        const p1 = freshProvince('scope')
        const p2 = freshProvince('scope')
        await seed(store, p1)
        await seed(store, p2)
        await submit(p1, 'xa-c', '2024', [3, 3, 4], 0)
        await submit(p2, 'xa-c', '2024', [1, 1, 1], 0)
        await submit(p2, 'xa-a', '2024', [1, 1, 1], 0)
        expect((await store.getAssessment({ province: p1, unitId: 'xa-c', period: '2024' })).assessment.selfScores).toEqual({ '1.1': 3, '1.2': 3, '2': 4 })
        expect((await store.listAssessments({ province: p1, period: '2024' })).map((a) => a.unitId)).toEqual(['xa-c'])
        expect((await refused(store.getAssessment({ province: p1, unitId: 'xa-a', period: '2024' }))).code).toBe('not_found')
        // a write for one province never moves the other's versions
        await submit(p1, 'xa-c', '2024', [3, 3, 3], 1)
        expect((await store.getAssessment({ province: p2, unitId: 'xa-c', period: '2024' })).version).toBe(1)
        await store.score({ province: p1, period: '2024', actor: 'so' })
        expect((await store.ranking({ province: p2, period: '2024', group: 'xa' })).entries).toEqual([])
        expect((await store.listSubmissions({ province: p2, unitId: 'xa-c', period: '2024' })).every((s) => s.assessment.unitId === 'xa-c')).toBe(true)
        expect((await refused(store.getAssessment({ province: 'bad province', unitId: 'xa-c', period: '2024' }))).issues[0]!.path).toEqual(['province'])
      })

      test('the audit log says who wrote what and when, per unit and period', async () => {
        const province = freshProvince('audit')
        await seed(store, province)
        await submit(province, 'xa-c', '2024', [3, 3, 4], 0)
        await store.appraise({ province, unitId: 'xa-c', period: '2024', expectedVersion: 1, actor: 'tdt', changes: [{ code: '2', points: 3, reason: 'r' }] })
        await submit(province, 'xa-a', '2024', [3, 3, 4], 0)
        const log = await store.events({ province, stream: { unitId: 'xa-c', period: '2024' } })
        expect(log.map((e) => [e.kind, e.actor, e.streamVersion, e.rows.map((r) => r.table)])).toEqual([
          ['submission', 'xa-c', 1, ['submissions']],
          ['appraisal', 'tdt', 2, ['appraisals']],
        ])
        expect(log.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true)
        const all = await store.events({ province })
        expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1))
        expect(all[1]!.prevHash).toBe(all[0]!.hash)
        expect((await store.verify({ province })).ok).toBe(true)
      })
    })
  })
}
