// A pack must fit the unit it scores: `score` refuses a unit of a kind its pack does not
// apply to, or a period the pack is not in force for — every such unit named at its path,
// in Vietnamese and English — and a refused call writes nothing.
import { expect, test } from 'vitest'
import type { Store } from '../src/index.js'
import { assessment, PACK } from './fixtures.js'
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

onEachStore('store: a pack must fit the unit it scores', (opened) => {
  test('departments scored under a commune pack are refused, each at its unit, and nothing is recorded, not even the commune that fits', async () => {
    const store = opened()
    const province = await seeded(store, 'fit-kind')
    for (const u of ['xa-a', 'so-tp', 'so-nv']) await submit(store, province, u, '2023')
    const e = await refused(store.score({ province, period: '2023', actor: 'so' }))
    expect(e.issues.map((i) => [i.code, i.path])).toEqual([
      ['pack_not_for_unit_kind', ['units', 'so-nv', 'unit', 'kind']],
      ['pack_not_for_unit_kind', ['units', 'so-tp', 'unit', 'kind']],
    ])
    const tp = e.issues.find((i) => i.path[1] === 'so-tp')!
    expect(tp.value).toBe('department')
    expect(tp.message.vi).toBe('Bộ chỉ số test/commune-fit@1.0.0 áp dụng cho xã; đơn vị "Sở Tư pháp" là sở: hãy chọn bộ chỉ số dành cho sở')
    expect(tp.message.en).toBe('Pack test/commune-fit@1.0.0 applies to commune; unit "Sở Tư pháp" is a department: choose a pack for a department')
    expect(e.message).toContain('"Sở Nội vụ" là sở')
    // nothing of the refused call is written
    expect(await stored(store, province, '2023')).toEqual([])
    expect((await store.ranking({ province, period: '2023', group: 'xa', provisional: true })).entries).toEqual([])
  })

  test('a period outside the years the pack is in force is refused at its period, in both languages; a year it covers in part is scored', async () => {
    const store = opened()
    const province = await seeded(store, 'fit-year')
    await submit(store, province, 'xa-a', '2025')
    const e = await refused(store.score({ province, period: '2025', actor: 'so' }))
    expect(e.code).toBe('pack_not_in_force')
    expect(e.issues.map((i) => [i.code, i.path, i.value])).toEqual([['pack_not_in_force', ['units', 'xa-a', 'period'], '2025']])
    expect(e.issues[0]!.message.vi).toBe('Bộ chỉ số test/commune-fit@1.0.0 có hiệu lực từ 01/01/2020 đến 30/06/2024, không áp dụng cho kỳ đánh giá 2025: hãy chọn phiên bản có hiệu lực trong năm đó')
    expect(e.issues[0]!.message.en).toBe('Pack test/commune-fit@1.0.0 is in force from 2020-01-01 to 2024-06-30, not for the period 2025: choose the edition in force that year')
    expect(await stored(store, province, '2025')).toEqual([])
    // 2024: in force for half the year, and the commune fits: scored and recorded
    await submit(store, province, 'xa-a', '2024')
    const ok = await store.score({ province, period: '2024', actor: 'so' })
    expect(ok.recorded.map((r) => r.unitId)).toEqual(['xa-a'])
  })
})
