/**
 * Acceptance 6: evaluateBatch ranks per group on exact values — competition by default,
 * dense on request — with a band per unit and component ranks per area.
 */
import { describe, expect, it } from 'vitest'
import { compilePack, evaluateBatch, safeEvaluateBatch, Exact, type PackInput } from '@chiso/core'
import { rankValues } from '@chiso/core/analysis'

const packJson: PackInput = {
  id: 'rank/x',
  version: '1.0.0',
  title: 'Rank',
  criteria: [
    { code: '1', title: 'A', maxPoints: 3 },
    { code: '2', title: 'B', maxPoints: 3 },
  ],
  bands: [
    { code: 'tot', label: 'Tốt', min: 80 },
    { code: 'kha', label: 'Khá', min: 50, minExclusive: true },
    { code: 'yeu', label: 'Yếu', min: 0 },
  ],
}
const unit = (id: string, group: string, s1: number | string, s2: number | string) => ({ unitId: id, period: '2024', group, selfScores: { '1': s1, '2': s2 } })

describe('ranking', () => {
  // group g: totals a 5.5, b 4, c 4, d 1/3+… see below; group h ranks on its own
  const units = [
    unit('a', 'g', 3, 2.5), // 5.5 of 6 → 275/3
    unit('b', 'g', 2, 2), // 4 → 200/3
    unit('c', 'g', 1, 3), // 4 → 200/3 (tie with b)
    unit('d', 'g', 0.5, 1), // 1.5 → 25
    unit('e', 'h', 1, 1), // 2 → 100/3
    unit('f', 'h', 3, 3), // 6 → 100
  ]

  it('competition ranking (1-2-2-4) per group is the default', () => {
    const b = evaluateBatch(compilePack(packJson), units)
    expect(b.units.map((u) => [u.unitId, u.rank, u.groupSize])).toEqual([
      ['a', 1, 4],
      ['b', 2, 4],
      ['c', 2, 4],
      ['d', 4, 4],
      ['e', 2, 2],
      ['f', 1, 2],
    ])
    // groups list best first, ties by unit id
    expect(b.groups.get('g')!.map((u) => u.unitId)).toEqual(['a', 'b', 'c', 'd'])
    expect(b.groups.get('h')!.map((u) => u.unitId)).toEqual(['f', 'e'])
    expect(b.unit('c')!.result.index.toString()).toBe('200/3')
  })

  it('dense ranking (1-2-2-3) from the pack or from the options', () => {
    const fromPack = evaluateBatch(compilePack({ ...packJson, ranking: { method: 'dense' } }), units)
    expect(fromPack.groups.get('g')!.map((u) => u.rank)).toEqual([1, 2, 2, 3])
    const fromOptions = evaluateBatch(compilePack(packJson), units, { rankingMethod: 'dense' })
    expect(fromOptions.groups.get('g')!.map((u) => u.rank)).toEqual([1, 2, 2, 3])
    // options override the pack
    const back = evaluateBatch(compilePack({ ...packJson, ranking: { method: 'dense' } }), units, { rankingMethod: 'competition' })
    expect(back.groups.get('g')!.map((u) => u.rank)).toEqual([1, 2, 2, 4])
  })

  it('ranks on exact values: 1/3 + 1/3 + 1/3 ties with 1, and differences beyond float precision count', () => {
    const p = compilePack({
      ...packJson,
      criteria: [
        {
          code: '1',
          title: 'A',
          maxPoints: 1,
          children: [
            { code: '1.1', title: 'x', maxPoints: '1/3' },
            { code: '1.2', title: 'y', maxPoints: '1/3' },
            { code: '1.3', title: 'z', maxPoints: '1/3' },
          ],
        },
        { code: '2', title: 'B', maxPoints: '0.0000000000000002' },
      ],
      bands: [],
    })
    const mk = (id: string, x: Record<string, string>) => ({ unitId: id, period: '1', selfScores: x })
    const b = evaluateBatch(p, [
      mk('full', { '1.1': '1/3', '1.2': '1/3', '1.3': '1/3', '2': '0' }),
      mk('tiny', { '1.1': '1/3', '1.2': '1/3', '1.3': '1/3', '2': '0.0000000000000001' }),
      mk('same', { '1.1': '1/3', '1.2': '1/3', '1.3': '1/3', '2': '0' }),
    ])
    // tiny = 1.0000000000000001 of 1.0000000000000002: as floats it equals 1, exactly it is ahead
    expect(b.units.map((u) => [u.unitId, u.rank])).toEqual([
      ['full', 2],
      ['tiny', 1],
      ['same', 2],
    ])
  })

  it('rankValues: competition and dense, nulls last', () => {
    const v = [90, 85, 85, 70].map((x) => Exact.from(x))
    expect(rankValues(v)).toEqual([1, 2, 2, 4])
    expect(rankValues(v, 'dense')).toEqual([1, 2, 2, 3])
    expect(rankValues([null, Exact.from(1), null, Exact.from(2)])).toEqual([3, 2, 3, 1])
  })

  it('ranking by points when the pack says so', () => {
    // same index, different points: rank by points separates them
    const p = compilePack({
      ...packJson,
      criteria: [
        {
          code: '1',
          title: 'A',
          maxPoints: 4,
          children: [
            { code: '1.1', title: 'x', maxPoints: 2 },
            { code: '1.2', title: 'y', maxPoints: 2, applicability: { fact: 'has', operator: 'equal', value: true } },
          ],
        },
        { code: '2', title: 'B', maxPoints: 2 },
      ],
      ranking: { by: 'points' },
    })
    // u: 2 + 2 + 2 = 6 of 6 (index 100); v: 2 + 2 = 4 of 4 (index 100)
    const b = evaluateBatch(p, [
      { unitId: 'v', period: '1', facts: { has: false }, selfScores: { '1.1': 2, '2': 2 } },
      { unitId: 'u', period: '1', facts: { has: true }, selfScores: { '1.1': 2, '1.2': 2, '2': 2 } },
    ])
    expect(b.unit('u')!.result.index.toString()).toBe(b.unit('v')!.result.index.toString())
    expect([b.unit('u')!.rank, b.unit('v')!.rank]).toEqual([1, 2])
  })
})

describe('bands and component ranks', () => {
  const units = [
    unit('a', 'g', 3, 2), // 5 → 250/3 ≈ 83.3 → tot
    unit('b', 'g', 1.5, 1.5), // 3 → 50 → not > 50 → yeu
    unit('c', 'g', 0.5, 2.75), // 3.25 → 325/6 ≈ 54.2 → kha
    unit('d', 'h', 0, 0), // 0 → yeu
  ]
  const b = evaluateBatch(compilePack(packJson), units)

  it('each unit gets the band from the pack data', () => {
    expect(b.units.map((u) => [u.unitId, u.band?.code])).toEqual([
      ['a', 'tot'],
      ['b', 'yeu'],
      ['c', 'kha'],
      ['d', 'yeu'],
    ])
    expect(b.unit('a')!.band!.label).toEqual({ vi: 'Tốt' })
  })

  it('component ranks per area, within the group', () => {
    // area 1 in g: a 3, b 1.5, c 0.5 → 1, 2, 3; area 2: a 2, b 1.5, c 2.75 → 2, 3, 1
    expect(b.unit('a')!.componentRanks).toEqual({ '1': 1, '2': 2 })
    expect(b.unit('b')!.componentRanks).toEqual({ '1': 2, '2': 3 })
    expect(b.unit('c')!.componentRanks).toEqual({ '1': 3, '2': 1 })
    expect(b.unit('d')!.componentRanks).toEqual({ '1': 1, '2': 1 })
  })

  it('no bands in the pack → no band', () => {
    const nb = evaluateBatch(compilePack({ ...packJson, bands: [] }), units)
    expect(nb.units.every((u) => u.band === undefined)).toBe(true)
  })

  it('the group comes from the assessment, else from the unit, else "all"', () => {
    const p = compilePack(packJson)
    const r = evaluateBatch(p, [
      { unitId: 'x', period: '1', unit: { id: 'x', name: 'X', kind: 'commune', group: 'huyen-a' } },
      { unitId: 'y', period: '1' },
    ])
    expect(r.units.map((u) => u.group)).toEqual(['huyen-a', 'all'])
  })

  it('reports problems of every assessment at once, paths prefixed by position; duplicates too', () => {
    const r = safeEvaluateBatch(compilePack(packJson), [unit('a', 'g', 4, 0), unit('b', 'g', 1, 1), unit('a', 'g', 1, -1)])
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['score_above_max', '0.selfScores.1'],
      ['duplicate_assessment', '2.unitId'],
      ['score_negative', '2.selfScores.2'],
    ])
  })
})
