/**
 * Units assessed but not ranked (facts file: "Under 1149 some agencies were assessed but not
 * ranked (Thanh tra Chính phủ, Ủy ban Dân tộc)"): a unit or a whole group excluded from the
 * ranking keeps its score and band, has rank null, and takes no rank from the others —
 * "thứ N/M" counts the ranked units only. Both ranking paths (the lane's integers and the
 * exact values) must agree, so the properties run on lane-shaped packs and general ones.
 */
import fc from 'fast-check'
import { describe, expect, it, test } from 'vitest'
import { compilePack, evaluateBatch, safeEvaluateBatch, type AssessmentInput, type BatchResult, type CompiledPack, type Exact, type PackInput } from '@chiso/core'
import { analyseSensitivity } from '@chiso/core/analysis'
import { packAndBatchArb } from './arbitraries.js'
import { laneCaseArb, laneEngine, laneUnitsArb } from './lane-arbitraries.js'

const packJson: PackInput = {
  id: 'rank/excluded',
  version: '1.0.0',
  title: 'Bộ trưởng hợp',
  criteria: [
    { code: '1', title: 'A', maxPoints: 5 },
    { code: '2', title: 'B', maxPoints: 5 },
  ],
  bands: [
    { code: 'tot', label: 'Tốt', min: 80 },
    { code: 'kha', label: 'Khá', min: 50 },
    { code: 'yeu', label: 'Yếu', min: 0 },
  ],
}
const unit = (id: string, group: string, s1: number, s2: number): AssessmentInput => ({ unitId: id, period: '2021', group, selfScores: { '1': s1, '2': s2 } })
const ministries = [
  unit('bo-a', 'bo', 4, 4.5), // 8.5 → 85
  unit('thanh-tra-chinh-phu', 'bo', 5, 4.75), // 9.75 → 97.5: the best score, not ranked
  unit('bo-b', 'bo', 3.5, 4), // 7.5 → 75
  unit('uy-ban-dan-toc', 'bo', 2, 2), // 4 → 40, not ranked
  unit('bo-c', 'bo', 4, 4.5), // 8.5 → 85 (tie with bo-a)
]

describe('units assessed but not ranked', () => {
  it('keep their score and band, have rank null, and take no rank from the others (pack policy)', () => {
    const pack = compilePack({ ...packJson, ranking: { exclude: { units: ['thanh-tra-chinh-phu', 'uy-ban-dan-toc'] } } })
    const b = evaluateBatch(pack, ministries)
    expect(b.units.map((u) => [u.unitId, u.rank, u.groupSize, u.result.index.toString(), u.band?.code])).toEqual([
      ['bo-a', 1, 3, '85', 'tot'],
      ['thanh-tra-chinh-phu', null, 3, '97.5', 'tot'],
      ['bo-b', 3, 3, '75', 'kha'],
      ['uy-ban-dan-toc', null, 3, '40', 'yeu'],
      ['bo-c', 1, 3, '85', 'tot'],
    ])
    // the group lists the ranked units first, then the others, best first
    expect(b.groups.get('bo')!.map((u) => u.unitId)).toEqual(['bo-a', 'bo-c', 'bo-b', 'thanh-tra-chinh-phu', 'uy-ban-dan-toc'])
    expect(b.unit('thanh-tra-chinh-phu')!.componentRanks).toEqual({})
    // component ranks count the ranked units only: bo-b is last of three in area 1, not fourth
    expect(b.unit('bo-b')!.componentRanks).toEqual({ '1': 3, '2': 3 })
    expect(b.unit('bo-a')!.componentRanks).toEqual({ '1': 1, '2': 1 })
  })

  it('a batch option adds to the pack policy; a whole group can be set aside', () => {
    const pack = compilePack({ ...packJson, ranking: { exclude: { units: ['thanh-tra-chinh-phu'] } } })
    const b = evaluateBatch(pack, ministries, { exclude: { units: ['uy-ban-dan-toc'] } })
    expect(b.units.filter((u) => u.rank === null).map((u) => u.unitId)).toEqual(['thanh-tra-chinh-phu', 'uy-ban-dan-toc'])
    const byGroup = evaluateBatch(compilePack(packJson), [...ministries, unit('co-quan-x', 'co-quan', 1, 1)], { exclude: { groups: ['bo'] } })
    expect(byGroup.groups.get('bo')!.map((u) => [u.rank, u.groupSize])).toEqual([
      [null, 0],
      [null, 0],
      [null, 0],
      [null, 0],
      [null, 0],
    ])
    expect(byGroup.unit('co-quan-x')).toMatchObject({ rank: 1, groupSize: 1 })
    // without an exclusion nothing changes
    expect(evaluateBatch(compilePack(packJson), ministries).units.map((u) => u.rank)).toEqual([2, 1, 4, 5, 2])
  })

  it('the pack policy is validated like the rest of the pack', () => {
    const r = safeEvaluateBatch(compilePack(packJson), ministries)
    expect(r.ok).toBe(true)
    expect(() => compilePack({ ...packJson, ranking: { exclude: { units: [''] } } })).toThrow(/ranking\.exclude\.units\[0\]/)
    expect(() => compilePack({ ...packJson, ranking: { exclude: { unitIds: ['x'] } } as never })).toThrow()
  })

  it('analyseSensitivity leaves the units not ranked out, and ranks the others as evaluateBatch does', () => {
    const pack = compilePack({ ...packJson, ranking: { exclude: { units: ['thanh-tra-chinh-phu'] } } })
    const s = analyseSensitivity(pack, ministries, { draws: 0, weights: { spread: 0 }, exclude: { units: ['uy-ban-dan-toc'] } })
    const b = evaluateBatch(pack, ministries, { exclude: { units: ['uy-ban-dan-toc'] } })
    expect(s.units.map((u) => [u.unitId, u.rank])).toEqual([
      ['bo-a', 1],
      ['bo-b', 3],
      ['bo-c', 1],
    ])
    expect(s.units.map((u) => [u.unitId, u.rank])).toEqual(b.units.filter((u) => u.rank !== null).map((u) => [u.unitId, u.rank]))
  })
})

/** value a ranking reads */
const valueOf = (pack: CompiledPack, u: BatchResult['units'][number]): Exact => (pack.ranking.by === 'points' ? u.result.total : u.result.index)

/**
 * Checks one batch with an exclusion against the same batch without it and against the
 * definition of competition ranking over the ranked units alone.
 */
function checkExclusion(pack: CompiledPack, inputs: readonly AssessmentInput[], excludedIds: ReadonlySet<string>, excludedGroups: ReadonlySet<string>): { lane: number } {
  const full = evaluateBatch(pack, inputs)
  const cut = evaluateBatch(pack, inputs, { exclude: { units: [...excludedIds], groups: [...excludedGroups] } })
  const out = (u: { unitId: string; group: string }) => excludedIds.has(u.unitId) || excludedGroups.has(u.group)
  let lane = 0
  cut.units.forEach((u, i) => {
    const f = full.units[i]!
    if (u.result.laneOf() !== undefined) lane++
    // scores and bands never move
    expect(u.result.total.toString()).toBe(f.result.total.toString())
    expect(u.result.index.toString()).toBe(f.result.index.toString())
    expect(u.band?.code).toBe(f.band?.code)
    const ranked = cut.units.filter((v) => v.group === u.group && !out(v))
    expect(u.groupSize).toBe(ranked.length)
    if (out(u)) {
      expect(u.rank).toBeNull()
      expect(u.componentRanks).toEqual({})
      return
    }
    // the ranking over the ranked units only: 1 + how many of them are strictly better
    // (competition), or how many distinct better values there are (dense)
    const mine = valueOf(pack, u)
    const better = ranked.map((v) => valueOf(pack, v)).filter((x) => x.gt(mine))
    const distinct = better.filter((x, k) => better.findIndex((y) => y.eq(x)) === k)
    expect(u.rank).toBe(1 + (pack.ranking.method === 'dense' ? distinct : better).length)
    // the others' relative order is the order they had with everyone ranked
    for (const v of ranked) {
      const w = full.units[cut.units.indexOf(v)]!
      expect(Math.sign(u.rank! - v.rank!)).toBe(Math.sign(f.rank! - w.rank!))
    }
  })
  // each group: its ranked units in rank order, then the others
  for (const [g, list] of cut.groups) {
    const firstOut = list.findIndex(out)
    const head = firstOut < 0 ? list : list.slice(0, firstOut)
    expect(head.every((u) => !out(u))).toBe(true)
    expect(list.slice(head.length).every(out)).toBe(true)
    expect(head.map((u) => u.rank)).toEqual([...head.map((u) => u.rank!)].sort((a, b) => a - b))
    expect(list.length).toBe(full.groups.get(g)!.length)
  }
  return { lane }
}

describe('property: excluding units', () => {
  test('on the integer lane and off it, ranks are 1..k over the ranked units and their order is unchanged', () => {
    let laneUnits = 0
    let excludedSeen = 0
    fc.assert(
      fc.property(
        laneCaseArb.chain((c) => laneUnitsArb(c).map((inputs) => ({ pack: c.pack, inputs }))),
        fc.array(fc.nat(11), { maxLength: 4 }),
        fc.subarray(['g1', 'g2', 'all']),
        ({ pack: packInput, inputs }, picks, groups) => {
          const pack = laneEngine.compilePack(packInput)
          if (!safeEvaluateBatch(pack, inputs).ok) return
          const ids = new Set(picks.filter((k) => k < inputs.length).map((k) => inputs[k]!.unitId))
          excludedSeen += ids.size + groups.length
          laneUnits += checkExclusion(pack, inputs, ids, new Set(groups)).lane
        },
      ),
      { numRuns: 200 },
    )
    expect(laneUnits).toBeGreaterThan(100)
    expect(excludedSeen).toBeGreaterThan(100)
  })

  test('on general packs (self scores, surveys, appraisals)', () => {
    let checked = 0
    fc.assert(
      fc.property(packAndBatchArb, fc.array(fc.nat(7), { maxLength: 3 }), fc.subarray(['g1', 'g2']), ({ spec, assessments }, picks, groups) => {
        const pack = compilePack(spec.pack)
        if (!safeEvaluateBatch(pack, assessments).ok) return
        const ids = new Set(picks.filter((k) => k < assessments.length).map((k) => assessments[k]!.unitId))
        checkExclusion(pack, assessments, ids, new Set(groups))
        checked++
      }),
      { numRuns: 150 },
    )
    expect(checked).toBeGreaterThan(75)
  })
})
