/**
 * The registry over this package's packs (createRegistry from @chiso/core): editions of a
 * family tile their years without gaps or overlaps, and resolve picks the pack in force.
 */
import { FAMILIES, packs, vnCchc } from '@chiso/rules-vn-cchc'
import { describe, expect, it } from 'vitest'

const resolveId = (family: string, unitKind: string, date: string): string | undefined => {
  const r = vnCchc.resolve({ family, unitKind, date })
  return r.ok ? r.value.id : undefined
}

describe('vnCchc registry', () => {
  it('lists every pack', () => {
    expect(
      vnCchc
        .list()
        .map((p) => p.id)
        .sort(),
    ).toEqual(packs.map((p) => p.id).sort())
    expect(new Set(packs.map((p) => p.family))).toEqual(new Set(Object.keys(FAMILIES)))
  })

  it.each([
    ['vn-cchc/province', '2017-01-01', '2030-12-31', undefined],
    ['vn-cchc/ministry', '2017-01-01', '2030-12-31', undefined],
    ['vn-cchc/commune', '2019-10-08', '2030-12-31', ['commune', 'ward']],
    ['vn-cchc/commune', '2019-10-08', '2025-06-30', ['township']],
    ['vn-cchc/district', '2019-10-08', '2025-06-30', undefined],
    ['vn-cchc/department', '2019-10-08', '2030-12-31', undefined],
    ['vn-766/service', '2022-06-23', '2030-12-31', undefined],
    ['vn-party/checklist-committee', '2016-06-17', '2030-12-31', undefined],
    ['vn-party/checklist-cell', '2016-06-17', '2030-12-31', undefined],
    ['vn-party/checklist-subordinate-cell', '2016-06-17', '2030-12-31', undefined],
    ['vn-party/checklist-member', '2016-06-17', '2030-12-31', undefined],
  ] as const)('%s covers %s … %s without gaps or overlaps', (family, from, to, unitKinds) => {
    const problems = vnCchc.checkCoverage(family, from, to, unitKinds ? { unitKinds } : {})
    expect(problems.map((p) => `${p.kind} ${p.unitKind} ${p.from}..${p.to}`)).toEqual([])
  })

  it('reports what ends on purpose: townships and districts after the 2025-07-01 reform', () => {
    const town = vnCchc.checkCoverage('vn-cchc/commune', '2019-10-08', '2026-12-31', { unitKinds: ['township'] })
    expect(town.map((p) => [p.kind, p.from, p.to])).toEqual([['gap', '2025-07-01', '2026-12-31']])
    const dist = vnCchc.checkCoverage('vn-cchc/district', '2024-01-01', '2025-12-31')
    expect(dist.map((p) => [p.kind, p.unitKind, p.from, p.to])).toEqual([['gap', 'district', '2025-07-01', '2025-12-31']])
  })

  it('resolves the edition in force', () => {
    expect(resolveId('vn-cchc/province', 'province', '2019-12-31')).toBe('vn-cchc/province-2017')
    expect(resolveId('vn-cchc/province', 'province', '2022-11-09')).toBe('vn-cchc/province-2017')
    expect(resolveId('vn-cchc/province', 'province', '2022-11-10')).toBe('vn-cchc/province-2022')
    expect(resolveId('vn-cchc/ministry', 'ministry', '2020-12-29')).toBe('vn-cchc/ministry-2017')
    expect(resolveId('vn-cchc/ministry', 'ministry', '2021-06-30')).toBe('vn-cchc/ministry-2020')
    expect(resolveId('vn-cchc/ministry', 'ministry', '2024-12-31')).toBe('vn-cchc/ministry-2022')
    expect(resolveId('vn-cchc/commune', 'township', '2024-12-31')).toBe('vn-cchc/commune-2019')
    expect(resolveId('vn-cchc/commune', 'ward', '2025-06-30')).toBe('vn-cchc/commune-2019')
    expect(resolveId('vn-cchc/commune', 'ward', '2025-07-01')).toBe('vn-cchc/commune-2025')
    expect(resolveId('vn-cchc/department', 'department', '2025-12-31')).toBe('vn-cchc/department-2025')
    expect(resolveId('vn-766/service', 'district', '2023-12-31')).toBe('vn-766/service-2022')
    // facts file: 766/QĐ-TTg "applies to people's committees of every level" — townships included
    expect(resolveId('vn-766/service', 'township', '2023-12-31')).toBe('vn-766/service-2022')
    expect(resolveId('vn-party/checklist-subordinate-cell', 'party-subordinate-cell', '2020-01-01')).toBe('vn-party/checklist-subordinate-cell-2016')
    expect(resolveId('vn-party/checklist-cell', 'party-cell', '2020-01-01')).toBe('vn-party/checklist-cell-2016')
  })

  it('answers with an issue where no pack is in force', () => {
    const r = vnCchc.resolve({ family: 'vn-cchc/district', unitKind: 'district', date: '2025-12-31' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]!.code).toBe('no_pack_in_force')
    expect(resolveId('vn-cchc/commune', 'commune', '2019-01-01')).toBeUndefined()
  })

  // facts file: Hà Tĩnh 52/2019/QĐ-UBND "có hiệu lực thi hành kể từ ngày 08/10/2019 và thay thế
  // Quyết định số 33/2018/QĐ-UBND ngày 12/9/2018" — dated 2019-09-24, in force from 2019-10-08
  it('the Hà Tĩnh-shaped editions start on 2019-10-08, when 52/2019/QĐ-UBND came into force, not on its date of 2019-09-24', () => {
    for (const [family, kind] of [
      ['vn-cchc/commune', 'township'],
      ['vn-cchc/district', 'district'],
      ['vn-cchc/department', 'department'],
    ] as const) {
      expect(resolveId(family, kind, '2019-10-07')).toBeUndefined()
      expect(resolveId(family, kind, '2019-10-08')).toBe(`${family}-2019`)
    }
  })

  it('compiles by id, cached', () => {
    const a = vnCchc.compile('vn-cchc/commune-2019')
    expect(vnCchc.compile('vn-cchc/commune-2019')).toBe(a)
    expect(a.version).toBe('1.1.0')
  })
})
