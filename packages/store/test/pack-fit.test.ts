// A pack must fit the unit it scores: `submit` and `importSubmissions` refuse a unit of a
// kind the pack does not apply to, or a period the pack is not in force for — every problem
// named at its path, in Vietnamese and English, with the assessment's own problems — and a
// refused call writes nothing; `score` applies the same rule to what is stored.
import { expect, test } from 'vitest'
import type { Store } from '../src/index.js'
import { assessment, fileHash, PACK } from './fixtures.js'
import { freshProvince, onEachStore, refused } from './helpers.js'

/** The test pack, for communes only, in force from 2020 to mid-2024. */
const COMMUNE_PACK = { ...PACK, id: 'test/commune-fit', appliesTo: ['commune'], effective: { from: '2020-01-01', to: '2024-06-30' } }
const REF = { id: COMMUNE_PACK.id, version: COMMUNE_PACK.version }
const UNITS = [
  { id: 'xa-a', name: 'Xã A', kind: 'commune', group: 'xa' },
  { id: 'so-tp', name: 'Sở Tư pháp', kind: 'department', group: 'so' },
  { id: 'so-nv', name: 'Sở Nội vụ', kind: 'department', group: 'so' },
]

async function seeded(store: Store, label: string): Promise<string> {
  const province = freshProvince(label)
  await store.putPacks({ province, packs: [COMMUNE_PACK], actor: 'so' })
  await store.putUnits({ province, units: UNITS.map((unit) => ({ unit, expectedVersion: 0 })), actor: 'so' })
  return province
}

const submit = (store: Store, province: string, unitId: string, period: string) =>
  store.submit({ province, unitId, period, pack: REF, assessment: assessment(unitId, period, [2, 2, 3]), expectedVersion: 0, actor: unitId })

/** Every result stored for the units of a period. */
const stored = async (store: Store, province: string, period: string) => (await Promise.all(UNITS.map((u) => store.listResults({ province, unitId: u.id, period })))).flat()

onEachStore('store: a pack must fit the unit it is submitted for', (opened) => {
  test('a department submitted under a commune pack is refused at pack.id, naming the unit, and nothing is written', async () => {
    const store = opened()
    const province = await seeded(store, 'fit-kind')
    const e = await refused(submit(store, province, 'so-tp', '2023'))
    expect(e.issues.map((i) => [i.code, i.path, i.value])).toEqual([['pack_not_for_unit_kind', ['pack', 'id'], 'department']])
    expect(e.issues[0]!.message.vi).toBe('Bộ chỉ số test/commune-fit@1.0.0 áp dụng cho xã; đơn vị "Sở Tư pháp" là sở: hãy chọn bộ chỉ số dành cho sở')
    expect(e.issues[0]!.message.en).toBe('Pack test/commune-fit@1.0.0 applies to commune; unit "Sở Tư pháp" is a department: choose a pack for a department')
    expect(await store.listSubmissions({ province, unitId: 'so-tp', period: '2023' })).toEqual([])
    // the commune it fits is taken, and scored
    await submit(store, province, 'xa-a', '2023')
    expect((await store.score({ province, period: '2023', actor: 'so' })).recorded.map((r) => r.unitId)).toEqual(['xa-a'])
    expect(await stored(store, province, '2023')).toHaveLength(1)
  })

  test('a period the pack is not in force for is refused at pack.id, with the kind and the scores in the same answer; a year it covers in part is taken', async () => {
    const store = opened()
    const province = await seeded(store, 'fit-year')
    const e = await refused(store.submit({ province, unitId: 'so-nv', period: '2025', pack: REF, assessment: assessment('so-nv', '2025', [2, 2, 99]), expectedVersion: 0, actor: 'so-nv' }))
    expect(e.issues.map((i) => [i.code, i.path])).toEqual([
      ['pack_not_for_unit_kind', ['pack', 'id']],
      ['pack_not_in_force', ['pack', 'id']],
      ['score_above_max', ['assessment', 'selfScores', '2']],
    ])
    expect(e.issues[1]!.message.vi).toBe('Bộ chỉ số test/commune-fit@1.0.0 có hiệu lực từ 01/01/2020 đến 30/06/2024, không áp dụng cho kỳ đánh giá 2025: hãy chọn phiên bản có hiệu lực trong năm đó')
    expect(await store.listSubmissions({ province, unitId: 'so-nv', period: '2025' })).toEqual([])
    expect((await submit(store, province, 'xa-a', '2024')).version).toBe(1)
  })

  test('an import refuses every item the pack does not fit, at its unitId and period, and writes none of the items', async () => {
    const store = opened()
    const province = await seeded(store, 'fit-import')
    const item = (unitId: string, period: string) => ({ assessment: assessment(unitId, period, [2, 2, 3]), fileHash: fileHash(`${unitId}-${period}`) })
    const e = await refused(store.importSubmissions({ province, pack: REF, actor: 'so', items: [item('xa-a', '2023'), item('so-tp', '2023'), item('xa-a', '2026'), item('so-nv', '2021')] }))
    expect(e.issues.map((i) => [i.code, i.path])).toEqual([
      ['pack_not_for_unit_kind', ['items', 1, 'assessment', 'unitId']],
      ['pack_not_in_force', ['items', 2, 'assessment', 'period']],
      ['pack_not_for_unit_kind', ['items', 3, 'assessment', 'unitId']],
    ])
    expect(e.issues[2]!.message.vi).toContain('"Sở Nội vụ" là sở')
    expect(await store.listSubmissions({ province, unitId: 'xa-a', period: '2023' })).toEqual([])
  })
})
