import { describe, expect, test } from 'vitest'
import { type ChisoError, compareYears, compilePack, createUnitRegistry, evaluateBatch, Exact, type UnitInput } from '@chiso/core'

// a district with four communes; on 2025-07-01 the district is abolished, A+B merge into a
// ward, C is split into C1 and C2 (both list C as predecessor), D continues unchanged
const unitList: UnitInput[] = [
  { id: 'huyen', name: 'Huyện Thanh Hà', kind: 'district', validTo: '2025-06-30' },
  { id: 'a', name: 'Xã Thanh An', kind: 'commune', parentId: 'huyen', validTo: '2025-06-30', attributes: { population: 3000 } },
  { id: 'b', name: 'Xã Thanh Bình', kind: 'commune', parentId: 'huyen', validTo: '2025-06-30', attributes: { population: 1000 } },
  { id: 'c', name: 'Xã Thanh Cường', kind: 'commune', parentId: 'huyen', validTo: '2025-06-30' },
  { id: 'd', name: 'Xã Thanh Đức', kind: 'commune', parentId: 'huyen' },
  { id: 'ab', name: 'Phường An Bình', kind: 'ward', validFrom: '2025-07-01', predecessors: ['a', 'b'] },
  { id: 'c1', name: 'Xã Cường Đông', kind: 'commune', validFrom: '2025-07-01', predecessors: ['c'] },
  { id: 'c2', name: 'Xã Cường Tây', kind: 'commune', validFrom: '2025-07-01', predecessors: ['c'] },
  { id: 'abx', name: 'Phường Lớn', kind: 'ward', validFrom: '2027-01-01', predecessors: ['ab', 'd'] },
]
const units = createUnitRegistry(unitList)
const ids = (list: readonly { id: string }[]): string[] => list.map((u) => u.id).sort()

describe('unit registry', () => {
  test('units.at(date) follows validity periods', () => {
    expect(ids(units.at('2025-06-30'))).toEqual(['a', 'b', 'c', 'd', 'huyen'])
    expect(ids(units.at('2025-07-01'))).toEqual(['ab', 'c1', 'c2', 'd'])
    expect(ids(units.at('2027-01-01'))).toEqual(['ab', 'abx', 'c1', 'c2', 'd'])
  })

  test('lineage: predecessors and successors across merges and splits, transitively', () => {
    const l = units.lineage('abx')
    expect(l.predecessors.map((e) => [e.unit.id, e.distance])).toEqual([
      ['ab', 1],
      ['d', 1],
      ['a', 2],
      ['b', 2],
    ])
    expect(units.lineage('c').successors.map((e) => e.unit.id)).toEqual(['c1', 'c2'])
    expect(units.lineage('a').successors.map((e) => [e.unit.id, e.distance])).toEqual([
      ['ab', 1],
      ['abx', 2],
    ])
  })

  test('mapToUnits with each policy', () => {
    const past = new Map([
      ['a', Exact.from('90')],
      ['b', Exact.from('80')],
      ['c', Exact.from('70.5')],
      ['d', Exact.from('60')],
    ])
    const at = (policy: 'mean' | 'best' | 'worst' | 'weighted-mean') =>
      Object.fromEntries(
        units.mapToUnits(past, '2025-07-01', policy === 'weighted-mean' ? { policy, weight: (u) => (u.attributes?.population as number) ?? 0 } : { policy }).map((m) => [m.unitId, m.value.toString()]),
      )
    // ab = mean(90, 80) = 85; best 90; worst 80; weighted (90·3000 + 80·1000)/4000 = 87.5
    expect(at('mean')).toEqual({ ab: '85', c1: '70.5', c2: '70.5', d: '60' })
    expect(at('best').ab).toBe('90')
    expect(at('worst').ab).toBe('80')
    expect(at('weighted-mean').ab).toBe('87.5')
    // mean of exact thirds stays exact
    const thirds = units.mapToUnits(
      new Map([
        ['a', Exact.from(1)],
        ['b', Exact.from(0)],
      ]),
      '2025-07-01',
      { policy: 'mean' },
    )
    expect(thirds.find((m) => m.unitId === 'ab')?.value.toString()).toBe('0.5')
  })

  test('unknown predecessors, duplicates and reversed periods are reported together', () => {
    try {
      createUnitRegistry([
        { id: 'x', name: 'X', kind: 'commune', predecessors: ['nope'] },
        { id: 'x', name: 'X2', kind: 'commune', validFrom: '2025-01-01', validTo: '2024-01-01' },
      ])
      expect.unreachable()
    } catch (e) {
      expect((e as ChisoError).issues.map((i) => i.code).sort()).toEqual(['duplicate_unit', 'invalid_period', 'unknown_unit'].sort())
    }
  })
})

describe('compareYears', () => {
  const pack = compilePack({
    id: 'demo/commune',
    version: '1.0.0',
    title: 'Demo',
    scale: 100,
    criteria: [{ code: '1', title: 'Tổng hợp', maxPoints: 100, rule: { kind: 'manual', step: 0.01 } }],
  })
  const year = (period: string, scores: Record<string, number>) =>
    evaluateBatch(
      pack,
      Object.entries(scores).map(([unitId, s]) => ({ unitId, period, selfScores: { '1': s } })),
    )

  test('rank change, index change and leading streak', () => {
    const history = compareYears(
      {
        '2021': year('2021', { a: 90, b: 80, c: 70, d: 85 }),
        '2022': year('2022', { a: 91, b: 70, c: 95, d: 60 }),
        '2023': year('2023', { a: 80, b: 85.34, c: 99, d: 70 }),
      },
      { units },
    )
    const b = history.find((h) => h.unitId === 'b')!
    // b: 2022 rank 3 (95, 91, 70, 60) → 2023 rank 2 (99, 85.34, 80, 70): up 1
    expect(b.changes.map((c) => [c.rankChange, c.indexChange.toString(), c.text.vi])).toEqual([
      [0, '-10', 'giữ nguyên thứ hạng so với năm 2021'],
      [1, '15.34', 'tăng 1 bậc so với năm 2022'],
    ])
    const c = history.find((h) => h.unitId === 'c')!
    expect(c.leadingStreak).toBe(2)
    expect(c.streakText?.vi).toBe('2 năm liền dẫn đầu')
    // d: rank 2 in 2021 (90, 85, 80, 70) → rank 4 in 2022
    expect(history.find((h) => h.unitId === 'd')!.changes[0]!.text.vi).toBe('giảm 2 bậc so với năm 2021')
  })

  test('streaks count consecutive years only: a missing year ends "năm liền", a run across it is said with its years', () => {
    // c rises 2021 → 2023 → 2024 with no 2022: not "2 năm liền tăng hạng"
    const across = compareYears({
      '2021': year('2021', { a: 90, b: 80, c: 70 }),
      '2023': year('2023', { a: 90, b: 70, c: 80 }),
      '2024': year('2024', { a: 80, b: 70, c: 90 }),
    })
    const c = across.find((h) => h.unitId === 'c')!
    expect(c.risingStreak).toBe(1)
    expect(c.streakText).toEqual({
      vi: 'tăng hạng từ 2021 đến 2024 (không có kết quả năm 2022)',
      en: 'rising from 2021 to 2024 (no results for 2022)',
    })
    // first in 2021, 2023 and 2024: 2 consecutive years (2023, 2024)
    const lead = compareYears({
      '2021': year('2021', { a: 90, b: 80 }),
      '2023': year('2023', { a: 90, b: 80 }),
      '2024': year('2024', { a: 90, b: 80 }),
    }).find((h) => h.unitId === 'a')!
    expect(lead.leadingStreak).toBe(2)
    expect(lead.streakText?.vi).toBe('2 năm liền dẫn đầu')
    const lead2 = compareYears({
      '2021': year('2021', { a: 90, b: 80 }),
      '2023': year('2023', { a: 90, b: 80 }),
      '2024': year('2024', { a: 70, b: 80 }),
    }).find((h) => h.unitId === 'b')!
    expect(lead2.leadingStreak).toBe(1)
    expect(lead2.streakText).toBeNull()
    const first = compareYears({
      '2020': year('2020', { a: 90, b: 80 }),
      '2022': year('2022', { a: 90, b: 80 }),
    }).find((h) => h.unitId === 'a')!
    expect(first.leadingStreak).toBe(1)
    expect(first.streakText).toEqual({ vi: 'dẫn đầu từ 2020 đến 2022 (không có kết quả năm 2021)', en: 'first from 2020 to 2022 (no results for 2021)' })
  })

  test('ranks in groups of different sizes are not subtracted: the text gives both places with their group sizes', () => {
    // 17 departments in 2024, 12 after the 2025 mergers: 6th of 17 → 1st of 12 is not "tăng 5 bậc"
    const scores17 = Object.fromEntries(Array.from({ length: 17 }, (_, k) => [`s${k + 1}`, 90 - k]))
    const scores12 = Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`s${k + 6}`, 95 - k]))
    const history = compareYears({ '2024': year('2024', scores17), '2025': year('2025', scores12) })
    const s6 = history.find((h) => h.unitId === 's6')!
    expect(s6.years.map((y) => [y.year, y.rank, y.groupSize])).toEqual([
      ['2024', 6, 17],
      ['2025', 1, 12],
    ])
    expect(s6.changes[0]!.rankChange).toBeNull()
    expect(s6.changes[0]!.text).toEqual({ vi: 'xếp thứ 1/12 (năm 2024: thứ 6/17)', en: 'ranked 1st of 12 (2024: 6th of 17)' })
    expect(s6.risingStreak).toBe(0)
    // the same sizes still give places gained or lost
    const same = compareYears({ '2024': year('2024', { a: 90, b: 80, c: 70 }), '2025': year('2025', { a: 70, b: 80, c: 90 }) })
    expect(same.find((h) => h.unitId === 'c')!.changes[0]!.text.vi).toBe('tăng 2 bậc so với năm 2024')
    expect(same.find((h) => h.unitId === 'a')!.changes[0]!.text.en).toBe('down 2 places on 2024')
  })

  test('follows lineage: a merged ward is compared with the communes it came from', () => {
    const history = compareYears(
      {
        '2024': year('2024', { a: 90, b: 80, c: 70, d: 85 }),
        '2025': year('2025', { ab: 88, c1: 75, c2: 60, d: 90 }),
      },
      { units },
    )
    const ab = history.find((h) => h.unitId === 'ab')!
    expect(ab.years.map((y) => [y.year, y.from, y.index.toString(), y.rank])).toEqual([
      ['2024', ['a', 'b'], '85', null],
      ['2025', ['ab'], '88', 2],
    ])
    // 88 − mean(90, 80) = 3; ranks are not comparable across a merge
    expect(ab.changes[0]!.rankChange).toBeNull()
    expect(ab.changes[0]!.indexChange.toString()).toBe('3')
    expect(ab.changes[0]!.text.vi).toBe('chỉ số tăng 3,00 điểm phần trăm so với năm 2024')
    // an index of points changes by points, not percentage points
    const points = compilePack({ ...pack.source, index: { kind: 'points' } })
    const pointsYear = (period: string, scores: Record<string, number>) =>
      evaluateBatch(
        points,
        Object.entries(scores).map(([unitId, s]) => ({ unitId, period, selfScores: { '1': s } })),
      )
    const inPoints = compareYears({ '2024': pointsYear('2024', { a: 90, b: 80, c: 70, d: 85 }), '2025': pointsYear('2025', { ab: 88, c1: 75, c2: 60, d: 90 }) }, { units })
    expect(inPoints.find((h) => h.unitId === 'ab')!.changes[0]!.text).toEqual({ vi: 'chỉ số tăng 3,00 điểm so với năm 2024', en: 'index up 3.00 points on 2024' })
    // a split unit inherits its predecessor's history
    const c1 = history.find((h) => h.unitId === 'c1')!
    expect(c1.years[0]!.from).toEqual(['c'])
    expect(c1.changes[0]!.rankChange).toBe(4 - 3)
  })
})
