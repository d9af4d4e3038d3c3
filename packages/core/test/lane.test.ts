// The integer lane (batches of packs that round their leaves) must decide exactly as the
// general path: for random lane-shaped packs and random facts — valid, odd, missing,
// unusable — every unit's result, trace, flags and issues from evaluateBatch equal those
// of evaluating it alone (the general path), and the ranks, bands, component ranks and
// group order equal the ones computed from the general path's exact values.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  bandFor,
  compilePack,
  evaluateBatch,
  rankValues,
  safeEvaluate,
  safeEvaluateBatch,
  type AssessmentInput,
  type CompiledPack,
  type ConditionInput,
  type CriterionInput,
  type PackInput,
  type UnitResult,
} from '@chiso/core'

const dec = (cents: number): number => cents / 100

/** facts as a unit may send them: mostly fine, sometimes odd or unusable */
const numberish = (lo: number, hi: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: fc.integer({ min: lo, max: hi }), weight: 40 },
    { arbitrary: fc.integer({ min: lo * 100, max: hi * 100 }).map((c) => c / 100), weight: 3 },
    { arbitrary: fc.integer({ min: lo, max: hi }).map(String), weight: 1 },
    { arbitrary: fc.constantFrom(null, -1, 2 ** 53, 1e21, 0.1 + 0.2, true, 'nhiều'), weight: 1 },
  )

interface LaneCase {
  readonly pack: PackInput
  readonly facts: Record<string, fc.Arbitrary<unknown>>
}

let seq = 0
function leafArb(code: string, maxCents: number): fc.Arbitrary<{ criterion: CriterionInput; facts: Record<string, fc.Arbitrary<unknown>> }> {
  const base = { code, title: `Tiêu chí ${code}`, maxPoints: dec(maxCents) }
  const pts = fc.integer({ min: 0, max: maxCents }).map(dec)
  type Leaf = { criterion: CriterionInput; facts: Record<string, fc.Arbitrary<unknown>> }
  return fc.constantFrom('boolean', 'choice', 'steps', 'ratio', 'ratio-of', 'count', 'conditions', 'conditions-nested').chain((kind): fc.Arbitrary<Leaf> => {
    const f = `${kind}:${code}:${seq++}`
    switch (kind) {
      case 'boolean':
        return pts.map((p) => ({ criterion: { ...base, rule: { kind: 'boolean', fact: f, points: p } }, facts: { [f]: fc.oneof({ arbitrary: fc.boolean(), weight: 30 }, { arbitrary: fc.constantFrom('có', 1, null), weight: 1 }) } }))
      case 'choice':
        return fc.array(pts, { minLength: 1, maxLength: 3 }).map((ps) => ({
          criterion: { ...base, rule: { kind: 'choice', fact: f, options: ps.map((p, i) => ({ value: `o${i}`, points: p })) } },
          facts: { [f]: fc.oneof({ arbitrary: fc.constantFrom(...ps.map((_, i) => `o${i}`)), weight: 30 }, { arbitrary: fc.constantFrom('khác', 3, true), weight: 1 }) },
        }))
      case 'steps':
        return fc
          .record({ mins: fc.uniqueArray(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 3 }), ps: fc.array(pts, { minLength: 4, maxLength: 4 }), ex: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }) })
          .map(({ mins, ps, ex }) => ({
            criterion: { ...base, rule: { kind: 'steps', fact: f, steps: mins.map((m, i) => ({ min: m / 100, points: ps[i]!, ...(ex[i] ? { minExclusive: true } : {}) })), otherwise: ps[3]! } },
            facts: { [f]: numberish(-5, 120) },
          }))
      case 'ratio':
        return fc.constantFrom(undefined, 'full', 'zero').map((zero) => ({
          criterion: { ...base, rule: { kind: 'ratio', numerator: `${f}:n`, denominator: `${f}:d`, ...(zero ? { whenZeroDenominator: zero } : {}) } },
          facts: { [`${f}:n`]: numberish(0, 300), [`${f}:d`]: numberish(0, 250) },
        }))
      case 'ratio-of':
        return fc.integer({ min: 1, max: 99 }).map((of) => ({ criterion: { ...base, rule: { kind: 'ratio', numerator: f, of } }, facts: { [f]: numberish(0, 120) } }))
      case 'count':
        return fc.record({ each: fc.integer({ min: 1, max: 300 }), cap: fc.option(fc.integer({ min: 0, max: maxCents }), { nil: undefined }) }).map(({ each, cap }) => ({
          criterion: { ...base, rule: { kind: 'count', fact: f, pointsEach: dec(each), ...(cap === undefined ? {} : { cap: dec(cap) }) } },
          facts: { [f]: numberish(0, 40) },
        }))
      case 'conditions':
        // flat all / any of comparisons with constants (the lane's own form)
        return fc.record({ ps: fc.array(pts, { minLength: 3, maxLength: 3 }), k: fc.integer({ min: 0, max: 10 }), v: fc.constantFrom<unknown>(true, 'đạt', 4, null) }).map(({ ps, k, v }) => ({
          criterion: {
            ...base,
            rule: {
              kind: 'conditions',
              branches: [
                { when: { all: [{ fact: `${f}:x`, operator: 'greaterThanInclusive', value: k }, { fact: `${f}:y`, operator: 'equal', value: v }] } as ConditionInput, points: ps[0]! },
                { when: { any: [{ fact: `${f}:x`, operator: 'lessThan', value: 2 }, { fact: `${f}:y`, operator: 'notEqual', value: v }] } as ConditionInput, points: ps[1]! },
              ],
              otherwise: ps[2]!,
            },
          },
          facts: { [`${f}:x`]: numberish(0, 12), [`${f}:y`]: fc.constantFrom<unknown>(true, false, 'đạt', 4, null, 'khác') },
        }))
      default:
        // nested not / in: compiled closures on the lane
        return fc.record({ ps: fc.array(pts, { minLength: 2, maxLength: 2 }), k: fc.integer({ min: 0, max: 10 }) }).map(({ ps, k }) => ({
          criterion: {
            ...base,
            rule: {
              kind: 'conditions',
              branches: [{ when: { all: [{ fact: f, operator: 'greaterThanInclusive', value: k }, { not: { fact: f, operator: 'in', value: [5, 6] } }] } as ConditionInput, points: ps[0]! }],
              otherwise: ps[1]!,
            },
          },
          facts: { [f]: numberish(0, 12) },
        }))
    }
  })
}

// maxima on the leaf grid (what makes a pack lane-shaped), now and then off it
const laneCaseArb: fc.Arbitrary<LaneCase> = fc
  .record({ decimals: fc.integer({ min: 0, max: 3 }), offGrid: fc.integer({ min: 0, max: 9 }) })
  .chain(({ decimals, offGrid }) => {
    const unit = offGrid === 0 || decimals >= 2 ? 1 : 10 ** (2 - decimals)
    return fc.array(fc.array(fc.integer({ min: 1, max: Math.floor(1000 / unit) }).map((k) => k * unit), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }).map((areas) => ({ areas, decimals }))
  })
  .chain(({ areas, decimals }) =>
    fc.tuple(
      fc.tuple(...areas.map((maxima, a) => fc.tuple(...maxima.map((m, l) => leafArb(`${a + 1}.${l + 1}`, m))))),
      fc.record({
        decimals: fc.constant(decimals),
        mode: fc.constantFrom('half-up' as const, 'half-even' as const, 'down' as const, 'up' as const),
        floor: fc.constantFrom(undefined, 0, -1, 0.5),
        by: fc.constantFrom(undefined, 'index' as const, 'points' as const),
        bandsBy: fc.constantFrom(undefined, 'index' as const, 'points' as const),
        method: fc.constantFrom(undefined, 'competition' as const, 'dense' as const),
        indexRounding: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
        indexKind: fc.constantFrom(undefined, 'ratio' as const, 'points' as const),
        bands: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 3 }),
        caps: fc.option(fc.record({ deduction: fc.integer({ min: 0, max: 300 }), bonus: fc.integer({ min: 0, max: 300 }) }), { nil: undefined }),
        adjustments: fc.array(
          fc.record({
            type: fc.constantFrom('deduction' as const, 'bonus' as const),
            kind: fc.constantFrom('fixed', 'fixed-when', 'per', 'per-odd', 'entered'),
            points: fc.integer({ min: 0, max: 300 }),
            cap: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
            target: fc.constantFrom('total', '1', '1.1'),
          }),
          { maxLength: 3 },
        ),
      }),
    ),
  )
  .map(([areaLeaves, o]) => {
    const facts: Record<string, fc.Arbitrary<unknown>> = {}
    const criteria: CriterionInput[] = areaLeaves.map((leaves, a) => {
      for (const l of leaves) Object.assign(facts, l.facts)
      const max = leaves.reduce((s, l) => s + Math.round(Number(l.criterion.maxPoints) * 100), 0)
      return { code: String(a + 1), title: `Lĩnh vực ${a + 1}`, maxPoints: dec(max), children: leaves.map((l) => l.criterion), ...(a === 0 && o.caps ? { adjustmentCaps: { deduction: dec(o.caps.deduction), bonus: dec(o.caps.bonus) } } : {}) }
    })
    const pack: PackInput = {
      id: 'test/lane',
      version: '1.0.0',
      title: 'Lane pack',
      criteria,
      rounding: { leaf: { decimals: o.decimals, mode: o.mode }, ...(o.indexRounding === undefined ? {} : { index: { decimals: o.indexRounding } }) },
      adjustments: o.adjustments.map((adj, i) => {
        const fact = `adj${i}`
        facts[fact] = adj.kind === 'fixed-when' ? fc.boolean() : numberish(0, 6)
        const amount =
          adj.kind === 'fixed'
            ? { kind: 'fixed' as const, points: dec(adj.points) }
            : adj.kind === 'fixed-when'
              ? { kind: 'fixed' as const, points: dec(adj.points), when: { fact, operator: 'equal', value: true } }
              : adj.kind === 'per'
                ? { kind: 'per' as const, fact, points: dec(adj.points) }
                : adj.kind === 'per-odd'
                  ? { kind: 'per' as const, fact, points: adj.points / 1000 }
                  : { kind: 'entered' as const }
        return { id: `a${i}`, type: adj.type, title: `Điều chỉnh ${i}`, target: adj.target, amount, ...(adj.cap === undefined ? {} : { cap: dec(adj.cap) }) }
      }),
      bands: o.bands.map((min) => ({ code: `b${min}`, label: `Mức ${min}`, min })),
    }
    if (o.floor !== undefined) pack.floor = o.floor
    if (o.by || o.method) pack.ranking = { ...(o.by ? { by: o.by } : {}), ...(o.method ? { method: o.method } : {}) }
    if (o.bandsBy) pack.bandsBy = o.bandsBy
    if (o.indexKind) pack.index = { kind: o.indexKind }
    return { pack, facts }
  })

/** 1–12 units sending only facts (the lane's shape), some facts missing */
const MISSING = Symbol('missing')
const unitsArb = (c: LaneCase): fc.Arbitrary<AssessmentInput[]> => {
  const facts = fc
    .record(Object.fromEntries(Object.entries(c.facts).map(([k, v]) => [k, fc.oneof({ arbitrary: v, weight: 30 }, { arbitrary: fc.constant(MISSING), weight: 1 })])))
    .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== MISSING)))
  return fc.array(fc.record({ facts, group: fc.constantFrom('g1', 'g2', undefined) }), { minLength: 1, maxLength: 12 }).map((units) =>
    units.map((u, i) => ({ unitId: `u${i}`, period: '2024', ...(u.group ? { group: u.group } : {}), facts: u.facts })),
  )
}

const plain = (x: unknown): unknown => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)))

/** The ranks the general path's exact values give (what rankResults computed before the lane). */
function expectedRanking(pack: CompiledPack, singles: UnitResult[]) {
  const groups = new Map<string, number[]>()
  singles.forEach((r, i) => {
    const g = groups.get(r.group) ?? []
    g.push(i)
    groups.set(r.group, g)
  })
  const rank: number[] = []
  const comps: Record<string, number>[] = singles.map(() => ({}))
  const order = new Map<string, string[]>()
  for (const [g, members] of groups) {
    const rs = rankValues(members.map((i) => (pack.ranking.by === 'points' ? singles[i]!.total : singles[i]!.index)), pack.ranking.method)
    members.forEach((i, k) => (rank[i] = rs[k]!))
    for (const area of pack.areas) {
      const code = pack.nodes[area]!.code
      const ar = rankValues(members.map((i) => (pack.ranking.by === 'points' ? singles[i]!.node(code)!.points : singles[i]!.node(code)!.index)), pack.ranking.method)
      members.forEach((i, k) => (comps[i]![code] = ar[k]!))
    }
    order.set(g, [...members].sort((x, y) => rank[x]! - rank[y]! || (singles[x]!.unitId < singles[y]!.unitId ? -1 : 1)).map((i) => singles[i]!.unitId))
  }
  return { rank, comps, order }
}

describe('integer lane', () => {
  test('property: evaluateBatch on the lane equals the general path unit by unit, traces, ranks and bands included', () => {
    let laneUnits = 0
    let units = 0
    let failedBatches = 0
    fc.assert(
      fc.property(
        laneCaseArb.chain((c) => unitsArb(c).map((inputs) => ({ pack: c.pack, inputs }))),
        fc.boolean(),
        ({ pack: packInput, inputs }, trace) => {
          const pack = compilePack(packInput)
          const batch = safeEvaluateBatch(pack, inputs, { inputs: 'borrow', trace })
          const singles = inputs.map((a) => safeEvaluate(pack, a, { trace }))
          if (!batch.ok) {
            failedBatches++
            // the same problems, unit by unit, with the unit's position in front
            const expected = singles.flatMap((s, i) => (s.ok ? [] : s.issues.map((x) => ({ ...x, path: [i, ...x.path] }))))
            expect(plain(batch.issues)).toEqual(plain(expected))
            return
          }
          expect(singles.every((s) => s.ok)).toBe(true)
          const ok = singles.map((s) => (s.ok ? s.value : undefined!))
          const { rank, comps, order } = expectedRanking(pack, ok)
          batch.value.units.forEach((u, i) => {
            units++
            if (u.result.laneOf() !== undefined) laneUnits++
            const single = ok[i]!
            expect(plain(u.result.toJSON())).toEqual(plain(single.toJSON()))
            expect(plain(u.result.trace)).toEqual(plain(single.trace))
            expect(u.rank).toBe(rank[i])
            expect(u.componentRanks).toEqual(comps[i])
            const band = pack.bands.length > 0 ? bandFor(pack, pack.bandsBy === 'points' ? single.total : single.index) : undefined
            expect(u.band?.code).toBe(band?.code)
          })
          for (const [g, list] of batch.value.groups) expect(list.map((u) => u.unitId)).toEqual(order.get(g))
        },
      ),
      { numRuns: 400 },
    )
    // the property is about the lane: many units must have taken it (the others had a fact
    // missing, an amount off the grid, or a pack off it), and some batches must have failed
    expect(laneUnits).toBeGreaterThan(units / 3)
    expect(failedBatches).toBeGreaterThan(0)
  })

  test('a unit the lane cannot take (self scores) goes the general path inside the same batch', () => {
    const pack = compilePack({
      id: 't/mixed',
      version: '1.0.0',
      title: 'Mixed',
      rounding: { leaf: { decimals: 2 } },
      criteria: [{ code: '1', title: 'A', maxPoints: 2, children: [{ code: '1.1', title: 'a', maxPoints: 1, rule: { kind: 'ratio', numerator: 'n', denominator: 'd' } }, { code: '1.2', title: 'b', maxPoints: 1 }] }],
    })
    const b = evaluateBatch(pack, [
      { unitId: 'x', period: '2024', facts: { n: 2, d: 3 } },
      { unitId: 'y', period: '2024', facts: { n: 1, d: 3 }, selfScores: { '1.2': 1 } },
    ])
    // 'x' has no score for the manual leaf 1.2: the general path flags it
    expect(b.unit('x')!.result.flags.map((f) => f.code)).toEqual(['missing_input'])
    expect(b.unit('x')!.result.total.toString()).toBe('0.67')
    expect(b.unit('y')!.result.total.toString()).toBe('1.33')
    expect(b.unit('y')!.rank).toBe(1)
  })

  test('borrowed facts no rule reads are not inspected while scoring, and reported when the record is hashed', () => {
    const pack = compilePack({ id: 't/b', version: '1.0.0', title: 'B', rounding: { leaf: { decimals: 2 } }, criteria: [{ code: '1', title: 'A', maxPoints: 1, rule: { kind: 'boolean', fact: 'ok' } }] })
    const b = evaluateBatch(pack, [{ unitId: 'x', period: '2024', facts: { ok: true, note: Number.NaN } }], { inputs: 'borrow' })
    expect(b.units[0]!.result.total.toString()).toBe('1')
    let error: unknown
    try {
      void b.units[0]!.result.fingerprint
    } catch (e) {
      error = e
    }
    expect((error as { issues: { code: string; path: unknown[] }[] }).issues.map((i) => [i.code, i.path])).toEqual([['not_finite_number', ['facts', 'note']]])
    // copied inputs are checked whole, as before
    expect(() => evaluateBatch(pack, [{ unitId: 'x', period: '2024', facts: { ok: true, note: Number.NaN } }])).toThrow(/not_finite_number|NaN|hữu hạn/)
  })

  test('trace nodes the same for many units are one frozen object; -0 keeps its own', () => {
    const pack = compilePack({
      id: 't/shared',
      version: '1.0.0',
      title: 'S',
      rounding: { leaf: { decimals: 2 } },
      criteria: [{ code: '1', title: 'A', maxPoints: 2, children: [{ code: '1.1', title: 'a', maxPoints: 1, rule: { kind: 'steps', fact: 'f', steps: [{ min: 0, points: 1 }] } }, { code: '1.2', title: 'b', maxPoints: 1, rule: { kind: 'choice', fact: 'c', options: [{ value: 'x', points: 1 }] } }] }],
    })
    const b = evaluateBatch(
      pack,
      [
        { unitId: 'a', period: '1', facts: { f: 0, c: 'x' } },
        { unitId: 'b', period: '1', facts: { f: 0, c: 'x' } },
        { unitId: 'c', period: '1', facts: { f: -0, c: 'x' } },
      ],
      { trace: true },
    )
    const leaf = (u: string, code: string) => b.unit(u)!.result.node(code)!.trace!
    expect(leaf('a', '1.1')).toBe(leaf('b', '1.1'))
    expect(leaf('a', '1.2')).toBe(leaf('c', '1.2'))
    expect(Object.isFrozen(leaf('a', '1.1')) && Object.isFrozen(leaf('a', '1.1').facts)).toBe(true)
    expect(Object.is(leaf('c', '1.1').facts.f, -0)).toBe(true)
    expect(Object.is(leaf('a', '1.1').facts.f, 0)).toBe(true)
  })
})
