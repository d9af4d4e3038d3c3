/**
 * Arbitraries for the integer lane: random packs that round their leaves, with maxima on the
 * leaf grid (now and then off it), every built-in rule kind the lane takes as data or as a
 * closure, adjustments, caps, floors (the pack's and nodes' own), bands, ranking options,
 * scaled indexes — and units that send only facts, mostly fine, sometimes odd, missing,
 * unusable or contradicting each other (a ratio's numerator above its denominator).
 */
import fc from 'fast-check'
import { z } from 'zod'
import { createEngine, Exact, type AssessmentInput, type ConditionInput, type CriterionInput, type PackInput } from '@chiso/core'
import { readNumberFact } from '@chiso/core/plugin'
import { registryLeafArb } from './kind-arbitraries.js'

// a plug-in rule kind (no grid form of its own: the lane asks its compute every time), whose
// points fall off the grid and are rounded onto it — below 0 for a negative fact (kept by a
// node floor below 0: negative values rounded on both paths); the lane cases' packs are
// compiled by the engine that has it
const PLUGIN = 'lane-test-share'
export const laneEngine = createEngine().addRuleKind({
  kind: PLUGIN,
  schema: z.strictObject({ kind: z.literal(PLUGIN), fact: z.string().min(1) }),
  compile: (rule, ctx) => ({
    facts: [rule.fact],
    compute: (facts) => {
      const v = readNumberFact(facts, rule.fact)
      if (v === undefined) return undefined
      const p = v.mul(Exact.from('0.037'))
      return { points: p.gt(ctx.maxPoints) ? ctx.maxPoints : p, branch: `${v} × 0.037` }
    },
  }),
})

const dec = (cents: number): number => cents / 100

/** facts as a unit may send them: mostly fine, sometimes odd or unusable */
const numberish = (lo: number, hi: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: fc.integer({ min: lo, max: hi }), weight: 80 },
    { arbitrary: fc.integer({ min: lo * 100, max: hi * 100 }).map((c) => c / 100), weight: 6 },
    { arbitrary: fc.integer({ min: lo, max: hi }).map(String), weight: 2 },
    // usable but odd
    { arbitrary: fc.constantFrom<unknown>(null, -1, -0, 2 ** 53, 1e21, 0.1 + 0.2, 5e-324), weight: 2 },
    // unusable: the input check reports them, on the lane as off it
    { arbitrary: fc.constantFrom<unknown>(true, 'nhiều', Number.NaN, Number.POSITIVE_INFINITY, { a: 1 }, { a: Number.NaN }, JSON.parse('{"__proto__": {"x": 1}}'), [1]), weight: 1 },
  )

export interface LaneCase {
  readonly pack: PackInput
  readonly facts: Record<string, fc.Arbitrary<unknown>>
  /** facts a steps, ratio or count rule rewards: raising one never lowers a score */
  readonly rewards: readonly string[]
}

let seq = 0
function leafArb(code: string, maxCents: number): fc.Arbitrary<{ criterion: CriterionInput; facts: Record<string, fc.Arbitrary<unknown>>; rewards?: string[] }> {
  const base = { code, title: `Tiêu chí ${code}`, maxPoints: dec(maxCents) }
  const pts = fc.integer({ min: 0, max: maxCents }).map(dec)
  type Leaf = { criterion: CriterionInput; facts: Record<string, fc.Arbitrary<unknown>>; rewards?: string[] }
  return fc.constantFrom('boolean', 'choice', 'steps', 'ratio', 'ratio-of', 'count', 'conditions', 'conditions-nested', 'plugin', 'registry').chain((kind): fc.Arbitrary<Leaf> => {
    const f = `${kind}:${code}:${seq++}`
    switch (kind) {
      case 'registry':
        // any registered built-in kind, from its own examples (a new kind is covered as it lands)
        return registryLeafArb(code, f)
      case 'boolean':
        return pts.map((p) => ({
          criterion: { ...base, rule: { kind: 'boolean', fact: f, points: p } },
          facts: { [f]: fc.oneof({ arbitrary: fc.boolean(), weight: 30 }, { arbitrary: fc.constantFrom('có', 1, null), weight: 1 }) },
        }))
      case 'choice':
        return fc.array(pts, { minLength: 1, maxLength: 3 }).map((ps) => ({
          criterion: { ...base, rule: { kind: 'choice', fact: f, options: ps.map((p, i) => ({ value: `o${i}`, points: p })) } },
          facts: { [f]: fc.oneof({ arbitrary: fc.constantFrom(...ps.map((_, i) => `o${i}`)), weight: 30 }, { arbitrary: fc.constantFrom('khác', 3, true), weight: 1 }) },
        }))
      case 'steps':
        return fc
          .record({
            mins: fc.uniqueArray(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 3 }),
            ps: fc.array(pts, { minLength: 4, maxLength: 4 }),
            ex: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
          })
          .map(({ mins, ps, ex }) => {
            // a higher threshold gives no fewer points, and "otherwise" the fewest
            const up = [...mins].sort((a, b) => a - b)
            const pointsUp = [...ps].sort((a, b) => a - b)
            return {
              criterion: {
                ...base,
                rule: { kind: 'steps', fact: f, steps: up.map((m, i) => ({ min: m / 100, points: pointsUp[i + 1]!, ...(ex[i] ? { minExclusive: true } : {}) })), otherwise: pointsUp[0]! },
              },
              facts: { [f]: numberish(-5, 120) },
              rewards: [f],
            }
          })
      case 'ratio':
        return fc.constantFrom(undefined, 'full', 'zero').map((zero) => ({
          criterion: { ...base, rule: { kind: 'ratio', numerator: `${f}:n`, denominator: `${f}:d`, ...(zero ? { whenZeroDenominator: zero } : {}) } },
          // mostly a part of its whole; now and then above it, negative, or over 0 (flagged
          // inconsistent_data: such a unit leaves the lane)
          facts: {
            [`${f}:n`]: fc.oneof({ arbitrary: numberish(0, 120), weight: 40 }, { arbitrary: fc.constantFrom(130, 260, -3), weight: 1 }),
            [`${f}:d`]: fc.oneof({ arbitrary: numberish(120, 250), weight: 40 }, { arbitrary: fc.constant(0), weight: 1 }),
          },
          rewards: [`${f}:n`],
        }))
      case 'ratio-of':
        return fc.integer({ min: 1, max: 99 }).map((of) => ({ criterion: { ...base, rule: { kind: 'ratio', numerator: f, of } }, facts: { [f]: numberish(0, 120) }, rewards: [f] }))
      case 'count':
        return fc.record({ each: fc.integer({ min: 1, max: 300 }), cap: fc.option(fc.integer({ min: 0, max: maxCents }), { nil: undefined }) }).map(({ each, cap }) => ({
          criterion: { ...base, rule: { kind: 'count', fact: f, pointsEach: dec(each), ...(cap === undefined ? {} : { cap: dec(cap) }) } },
          facts: { [f]: numberish(0, 40) },
          rewards: [f],
        }))
      case 'conditions':
        // flat all / any of comparisons with constants (the lane's own form)
        return fc.record({ ps: fc.array(pts, { minLength: 3, maxLength: 3 }), k: fc.integer({ min: 0, max: 10 }), v: fc.constantFrom<unknown>(true, 'đạt', 4, null) }).map(({ ps, k, v }) => ({
          criterion: {
            ...base,
            rule: {
              kind: 'conditions',
              branches: [
                {
                  when: {
                    all: [
                      { fact: `${f}:x`, operator: 'greaterThanInclusive', value: k },
                      { fact: `${f}:y`, operator: 'equal', value: v },
                    ],
                  } as ConditionInput,
                  points: ps[0]!,
                },
                {
                  when: {
                    any: [
                      { fact: `${f}:x`, operator: 'lessThan', value: 2 },
                      { fact: `${f}:y`, operator: 'notEqual', value: v },
                    ],
                  } as ConditionInput,
                  points: ps[1]!,
                },
              ],
              otherwise: ps[2]!,
            },
          },
          facts: { [`${f}:x`]: numberish(0, 12), [`${f}:y`]: fc.constantFrom<unknown>(true, false, 'đạt', 4, null, 'khác') },
        }))
      case 'plugin':
        return fc.constant({ criterion: { ...base, rule: { kind: PLUGIN, fact: f } }, facts: { [f]: numberish(0, 300) } })
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
export const laneCaseArb: fc.Arbitrary<LaneCase> = fc
  .record({ decimals: fc.integer({ min: 0, max: 3 }), offGrid: fc.integer({ min: 0, max: 9 }) })
  .chain(({ decimals, offGrid }) => {
    const unit = offGrid === 0 || decimals >= 2 ? 1 : 10 ** (2 - decimals)
    return fc
      .array(
        fc.array(
          fc.integer({ min: 1, max: Math.floor(1000 / unit) }).map((k) => k * unit),
          { minLength: 1, maxLength: 4 },
        ),
        { minLength: 1, maxLength: 3 },
      )
      .map((areas) => ({ areas, decimals }))
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
        bands: fc.uniqueArray(fc.integer({ min: -10, max: 100 }), { maxLength: 3 }),
        bandsExclusive: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        indexScale: fc.constantFrom(undefined, 10, 7, 1000, '1/3'),
        // nodes' own floors (area, first leaf of each area): mostly none, on the grid, now and then off it
        // (whole numbers sit on every grid, 0.5 on some, 0.005 on few)
        areaFloors: fc.array(fc.oneof({ arbitrary: fc.constantFrom<number | undefined>(undefined, undefined, -1, 1, 2), weight: 60 }, { arbitrary: fc.constantFrom(0.5, 0.005), weight: 1 }), {
          minLength: 3,
          maxLength: 3,
        }),
        leafFloors: fc.array(fc.constantFrom<number | undefined>(undefined, undefined, undefined, -1, 1), { minLength: 3, maxLength: 3 }),
        caps: fc.option(fc.record({ deduction: fc.integer({ min: 0, max: 300 }), bonus: fc.integer({ min: 0, max: 300 }) }), { nil: undefined }),
        nest: fc.boolean(),
        adjustments: fc.array(
          fc.record({
            type: fc.constantFrom('deduction' as const, 'bonus' as const),
            kind: fc.constantFrom('fixed', 'fixed-when', 'per', 'per-odd', 'entered'),
            points: fc.integer({ min: 0, max: 300 }),
            cap: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
            target: fc.constantFrom('total', '1', '1.1', '1.g'),
          }),
          { maxLength: 3 },
        ),
      }),
    ),
  )
  .map(([areaLeaves, o]) => {
    const facts: Record<string, fc.Arbitrary<unknown>> = {}
    const rewards: string[] = []
    const criteria: CriterionInput[] = areaLeaves.map((leaves, a) => {
      for (const l of leaves) {
        Object.assign(facts, l.facts)
        rewards.push(...(l.rewards ?? []))
      }
      const cents = (ls: typeof leaves) => ls.reduce((s, l) => s + Math.round(Number(l.criterion.maxPoints) * 100), 0)
      // now and then a level deeper: the first leaves of an area in a group of their own
      const inner = o.nest && leaves.length >= 2 ? leaves.slice(0, Math.ceil(leaves.length / 2)) : []
      const withFloor = (c: CriterionInput, k: number): CriterionInput => (k === 0 && o.leafFloors[a] !== undefined ? { ...c, floor: o.leafFloors[a] } : c)
      const children: CriterionInput[] = [
        ...(inner.length > 0 ? [{ code: `${a + 1}.g`, title: `Nhóm ${a + 1}`, maxPoints: dec(cents(inner)), children: inner.map((l, k) => withFloor(l.criterion, k)) }] : []),
        ...leaves.slice(inner.length).map((l, k) => withFloor(l.criterion, inner.length + k)),
      ]
      return {
        code: String(a + 1),
        title: `Lĩnh vực ${a + 1}`,
        maxPoints: dec(cents(leaves)),
        children,
        ...(a === 0 && o.caps ? { adjustmentCaps: { deduction: dec(o.caps.deduction), bonus: dec(o.caps.bonus) } } : {}),
        ...(o.areaFloors[a] === undefined ? {} : { floor: o.areaFloors[a] }),
      }
    })
    const pack: PackInput = {
      id: 'test/lane',
      version: '1.0.0',
      title: 'Lane pack',
      criteria,
      rounding: { leaf: { decimals: o.decimals, mode: o.mode }, ...(o.indexRounding === undefined ? {} : { index: { decimals: o.indexRounding } }) },
      adjustments: o.adjustments.map((adj, i) => {
        const fact = `adj${i}`
        // only the facts an adjustment reads: facts no rule reads are another matter (lane.test.ts)
        if (adj.kind === 'fixed-when') facts[fact] = fc.boolean()
        else if (adj.kind === 'per' || adj.kind === 'per-odd') facts[fact] = numberish(0, 6)
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
        const target = adj.target === '1.g' && !criteria[0]!.children!.some((c) => c.code === '1.g') ? '1' : adj.target
        return { id: `a${i}`, type: adj.type, title: `Điều chỉnh ${i}`, target, amount, ...(adj.cap === undefined ? {} : { cap: dec(adj.cap) }) }
      }),
      bands: o.bands.map((min, i) => ({ code: `b${min}`, label: `Mức ${min}`, min, ...(o.bandsExclusive[i] ? { minExclusive: true } : {}) })),
    }
    if (o.floor !== undefined) pack.floor = o.floor
    if (o.by || o.method) pack.ranking = { ...(o.by ? { by: o.by } : {}), ...(o.method ? { method: o.method } : {}) }
    if (o.bandsBy) pack.bandsBy = o.bandsBy
    if (o.indexKind || o.indexScale !== undefined) pack.index = { kind: o.indexKind ?? 'ratio', ...(o.indexScale !== undefined ? { scale: o.indexScale } : {}) }
    return { pack, facts, rewards }
  })

/** 1–12 units sending only facts (the lane's shape), some facts missing; unit ids come in pairs, one per period */
const MISSING = Symbol('missing')
export const laneUnitsArb = (c: LaneCase): fc.Arbitrary<AssessmentInput[]> => {
  const facts = fc
    .record(Object.fromEntries(Object.entries(c.facts).map(([k, v]) => [k, fc.oneof({ arbitrary: v, weight: 30 }, { arbitrary: fc.constant(MISSING), weight: 1 })])))
    .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== MISSING)))
  return fc
    .array(fc.record({ facts, group: fc.constantFrom('g1', 'g2', undefined) }), { minLength: 1, maxLength: 12 })
    .map((units) => units.map((u, i) => ({ unitId: `u${Math.floor(i / 2)}`, period: i % 2 === 0 ? '2024' : '2025', ...(u.group ? { group: u.group } : {}), facts: u.facts })))
}
