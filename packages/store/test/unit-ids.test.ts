// Unit ids enter the store normalised (docs/semantics.md, "Unit ids": Cf removed, NFC,
// trimmed): a unit put as " xa-a " or with a decomposed "ế" is stored, versioned, looked up
// and scored as its normal id, so it can be updated by that id and verify finds nothing.
import { expect, test } from 'vitest'
import { assessment, PACK, PACK_REF } from './fixtures.js'
import { freshProvince, onEachStore, refused } from './helpers.js'

const NFD = 'xa-y\u0065\u0302\u0301n'
const NFC = NFD.normalize('NFC')

onEachStore('unit ids', (opened) => {
  test('ids are stored normalised; the unit is updated, read, submitted, scored and published by its normal id, and verify is clean', async () => {
    const store = opened()
    const province = freshProvince('ids')
    await store.putPacks({ province, packs: [PACK], actor: 'so' })
    const put = await store.putUnits({
      province,
      actor: 'so',
      units: [
        { unit: { id: ' xa-a ', name: 'Xã A', kind: 'commune', group: 'xa' }, expectedVersion: 0 },
        { unit: { id: NFD, name: 'Xã Yến', kind: 'commune', group: 'xa' }, expectedVersion: 0 },
        { unit: { id: '\u200bxa-c', name: 'Xã C', kind: 'commune', group: 'xa', predecessors: [' xa-a'] }, expectedVersion: 0 },
      ],
    })
    expect(put.map((u) => u.unit.id)).toEqual(['xa-a', NFC, 'xa-c'])
    expect(put[2]!.unit.predecessors).toEqual(['xa-a'])
    expect((await store.listUnits({ province })).map((u) => u.unit.id).sort()).toEqual(['xa-a', 'xa-c', NFC].sort())
    // updated by the normal id, at the version it was stored with
    const upd = await store.putUnits({ province, actor: 'so', units: [{ unit: { id: 'xa-a', name: 'Xã A mới', kind: 'commune', group: 'xa' }, expectedVersion: 1 }] })
    expect(upd.map((u) => [u.unit.id, u.version])).toEqual([['xa-a', 2]])
    // and by a spelling that normalises to it
    const upd2 = await store.putUnits({ province, actor: 'so', units: [{ unit: { id: `${NFD} `, name: 'Xã Yến mới', kind: 'commune', group: 'xa' }, expectedVersion: 1 }] })
    expect(upd2.map((u) => [u.unit.id, u.version])).toEqual([[NFC, 2]])
    // looked up by any spelling
    expect((await store.getUnit({ province, unitId: ' xa-a\ufeff' })).version).toBe(2)
    expect((await store.getUnit({ province, unitId: NFD })).unit.name).toBe('Xã Yến mới')
    for (const unitId of ['xa-a', NFC]) {
      await store.submit({ province, unitId, period: '2024', pack: PACK_REF, assessment: assessment(unitId, '2024', [3, 2, 3]), expectedVersion: 0, actor: 'x' })
    }
    // another spelling of the id on every way in: submitted, appraised, read and imported as the unit's own
    const sent = await store.submit({ province, unitId: ` ${NFD}`, period: '2023', pack: PACK_REF, assessment: assessment(`${NFD}\u200b`, '2023', [3, 2, 3]), expectedVersion: 0, actor: 'x' })
    expect(sent.version).toBe(1)
    const state = await store.getAssessment({ province, unitId: NFD, period: '2023' })
    expect([state.unitId, state.assessment.unitId]).toEqual([NFC, NFC])
    await store.appraise({ province, unitId: ' xa-a', period: '2024', expectedVersion: 1, actor: 'tdt', changes: [{ code: '2', points: 1, reason: 'r' }] })
    expect((await store.listSubmissions({ province, unitId: 'xa-a\ufeff', period: '2024' })).length).toBe(1)
    const imp = await store.importSubmissions({ province, pack: PACK_REF, actor: 'so', items: [{ assessment: assessment(' xa-c', '2023', [1, 1, 1]), fileHash: 'a'.repeat(64) }] })
    expect(imp.imported.map((i) => i.unitId)).toEqual(['xa-c'])
    const scored = await store.score({ province, period: '2024', actor: 'so', unitIds: [' xa-a', NFD] })
    expect(scored.recorded.map((r) => r.unitId).sort()).toEqual(['xa-a', NFC].sort())
    expect((await store.listResults({ province, unitId: NFD, period: '2024' })).map((r) => r.unitId)).toEqual([NFC])
    await store.publish({ province, period: '2024', group: 'xa', decision: { number: '1/QĐ-UBND', date: '2025-03-01' }, expectedVersion: 0, actor: 'so' })
    const report = await store.verify({ province })
    expect(report.problems).toEqual([])
    expect(report.ok).toBe(true)
    // the history and the event log of a unit asked for by another spelling are its own
    const history = await store.unitHistory({ province, unitId: NFD })
    expect(history.unit.id).toBe(NFC)
    expect(history.years?.unitId).toBe(NFC)
    const log = await store.events({ province, stream: { unitId: ` ${NFD}`, period: '2024' } })
    expect(log.length).toBeGreaterThan(0)
  })

  test('a unit given twice in one list (also as two spellings of one id) is reported once, at the later place', async () => {
    const store = opened()
    const province = freshProvince('ids-dup')
    const unit = (id: string) => ({ unit: { id, name: 'Xã', kind: 'commune' as const }, expectedVersion: 0 })
    const same = await refused(store.putUnits({ province, actor: 'so', units: [unit('xa-a'), unit('xa-a')] }))
    expect(same.issues.map((i) => [i.code, i.path])).toEqual([['duplicate_unit', ['units', 1, 'unit', 'id']]])
    const spelt = await refused(store.putUnits({ province, actor: 'so', units: [unit(NFD), unit(NFC), unit(' xa-b'), unit('xa-b\u200b')] }))
    expect(spelt.issues.map((i) => [i.code, i.path])).toEqual([
      ['duplicate_unit', ['units', 1, 'unit', 'id']],
      ['duplicate_unit', ['units', 3, 'unit', 'id']],
    ])
    expect(await store.listUnits({ province })).toEqual([])
  })
})
