// What a writer may not choose, and what a reader gets without asking for a version, on
// every driver: an id's versions are listed in semver precedence (the last is the highest,
// whatever order they were stored in); an assessment's unit and group are the catalog's;
// an import's stale item is a 409 with the version held, resolved by naming that version
// (or by `onExisting: 'append'`).
import { expect, test } from 'vitest'
import { assessment, fileHash, PACK, PACK_REF, seed, UNITS } from './fixtures.js'
import { freshProvince, onEachStore, refused } from './helpers.js'

onEachStore("store: versions, the catalog's unit, stale imports", (opened) => {
  test("an id's versions are listed in semver precedence, not in the order stored", async () => {
    const store = opened()
    const province = freshProvince('latest')
    for (const version of ['2.0.0', '10.0.0', '9.0.0', '10.0.0-rc.1', '1.0.0']) await store.putPacks({ province, packs: [{ ...PACK, version }], actor: 'so' })
    await store.putPacks({ province, packs: [{ ...PACK, id: 'a/first', version: '3.0.0' }], actor: 'so' })
    const listed = (await store.listPacks({ province })).map((p) => `${p.id}@${p.version}`)
    expect(listed).toEqual(['a/first@3.0.0', 'test/commune@1.0.0', 'test/commune@2.0.0', 'test/commune@9.0.0', 'test/commune@10.0.0-rc.1', 'test/commune@10.0.0'])
  })

  test("a submission's unit and group are the catalog's: another name, kind or group is refused at its field", async () => {
    const store = opened()
    const province = freshProvince('catalog')
    await seed(store, province)
    const catalog = UNITS.find((u) => u.id === 'xa-c')!
    const submit = (extra: object) =>
      store.submit({ province, unitId: 'xa-c', period: '2024', pack: PACK_REF, assessment: assessment('xa-c', '2024', [2, 2, 3], extra), expectedVersion: 0, actor: 'xa-c' })
    const group = await refused(submit({ group: 'phuong' }))
    expect(group.code).toBe('unit_mismatch')
    expect(group.issues.map((i) => i.path)).toEqual([['assessment', 'group']])
    const named = await refused(submit({ unit: { ...catalog, name: 'Tên Tự Đặt', group: 'phuong' } }))
    expect(named.issues.map((i) => i.path)).toEqual([
      ['assessment', 'unit', 'name'],
      ['assessment', 'unit', 'group'],
    ])
    for (const i of named.issues) expect(i.message.vi.length * i.message.en.length).toBeGreaterThan(0)
    // an import is held to the same
    const imported = await refused(
      store.importSubmissions({
        province,
        pack: PACK_REF,
        actor: 'so',
        items: [{ fileHash: fileHash('x'), assessment: assessment('xa-c', '2024', [2, 2, 3], { unit: { ...catalog, kind: 'ward' } }) }],
      }),
    )
    expect(imported.issues.map((i) => i.path)).toEqual([['items', 0, 'assessment', 'unit', 'kind']])
    // the catalog's own unit and group, or none, are fine; what is stored is the catalog's unit
    expect((await submit({ unit: catalog, group: 'xa' })).version).toBe(1)
    const held = await store.getAssessment({ province, unitId: 'xa-c', period: '2024' })
    expect(held.submission.assessment.unit).toEqual(catalog)
    expect(held.submission.assessment.group).toBe('xa')
    const ranked = (await store.score({ province, period: '2024', actor: 'so' })).recorded.find((r) => r.unitId === 'xa-c')
    expect(ranked?.group).toBe('xa')
  })

  test("an import's stale item is a 409 with the version held; naming it, or onExisting 'append', records the item", async () => {
    const store = opened()
    const province = freshProvince('import')
    await seed(store, province)
    const first = await store.submit({ province, unitId: 'xa-c', period: '2024', pack: PACK_REF, assessment: assessment('xa-c', '2024', [1, 1, 1]), expectedVersion: 0, actor: 'xa-c' })
    await store.submit({ province, unitId: 'xa-c', period: '2024', pack: PACK_REF, assessment: assessment('xa-c', '2024', [2, 1, 1]), expectedVersion: first.version, actor: 'xa-c' })
    const item = (s: [number, number, number], label: string, extra: object = {}) => ({ fileHash: fileHash(label), assessment: assessment('xa-c', '2024', s), ...extra })
    const stale = await refused(store.importSubmissions({ province, pack: PACK_REF, actor: 'so', items: [item([3, 3, 3], 'a')] }))
    expect(stale.code).toBe('conflict')
    expect(stale.currentVersion).toBe(2)
    expect(stale.issues.map((i) => i.path)).toEqual([['items', 0, 'expectedVersion']])
    const wrong = await refused(store.importSubmissions({ province, pack: PACK_REF, actor: 'so', items: [item([3, 3, 3], 'a', { expectedVersion: 1 })] }))
    expect(wrong.currentVersion).toBe(2)
    const named = await store.importSubmissions({ province, pack: PACK_REF, actor: 'so', items: [item([3, 3, 3], 'a', { expectedVersion: 2 })] })
    expect(named.imported.map((i) => i.version)).toEqual([3])
    const appended = await store.importSubmissions({ province, pack: PACK_REF, actor: 'so', onExisting: 'append', items: [item([3, 2, 3], 'b')] })
    expect(appended.imported.map((i) => i.version)).toEqual([4])
  })
})
