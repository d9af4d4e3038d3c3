/**
 * Acceptance 5 (exact sums) and 9 (fast-check properties) over random packs and
 * assessments from the shared arbitraries.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson, compilePack, evaluate, evaluateBatch, Exact, safeEvaluateBatch, type AssessmentInput, type CompiledPack, type UnitResult } from '@chiso/core'
import { seededRandom } from '@chiso/core/analysis'
import { packAndAssessmentArb, packAndBatchArb, packSpecArb, assessmentArb, shuffleKeys } from './arbitraries.js'
import { laneCaseArb, laneEngine, laneUnitsArb } from './lane-arbitraries.js'

const RUNS = { numRuns: 120 }

function sumsAndBounds(pack: CompiledPack, r: UnitResult): void {
  const nodes = r.nodes
  pack.nodes.forEach((n, i) => {
    const got = nodes[i]!
    expect(got.code).toBe(n.code)
    const max = got.applicableMax
    // bounds: min(floor, applicable max) ≤ points ≤ applicable max, with the node's own floor
    // (the pack's is the root's)
    const lo = Exact.min(n.floor, max)
    expect(got.points.gte(lo), `${n.code}: ${got.points} ≥ ${lo}`).toBe(true)
    expect(got.points.lte(max), `${n.code}: ${got.points} ≤ ${max}`).toBe(true)
    if (got.notApplicable) {
      expect(got.points.isZero() && max.isZero()).toBe(true)
      return
    }
    expect(max.lte(n.maxPoints)).toBe(true)
    if (n.children.length > 0) {
      // exact: points = clamp(Σ children + bonus − deduction, [min(floor, max), max])
      let s = Exact.ZERO
      let m = Exact.ZERO
      for (const c of n.children) {
        s = s.add(nodes[c]!.points)
        m = m.add(nodes[c]!.applicableMax)
      }
      expect(max.eq(m), `${n.code}: applicable max ${max} = Σ children ${m}`).toBe(true)
      const raw = s.add(got.bonus).sub(got.deduction)
      const expected = raw.lt(lo) ? lo : raw.gt(max) ? max : raw
      expect(got.points.toString(), `${n.code}: ${s} + ${got.bonus} − ${got.deduction}`).toBe(expected.toString())
    }
  })
  expect(r.total.eq(nodes[0]!.points)).toBe(true)
}

describe('random packs and assessments', () => {
  it('every generated pack compiles and every generated assessment is valid', () => {
    fc.assert(
      fc.property(packAndAssessmentArb, ({ spec, assessment }) => {
        const pack = compilePack(spec.pack)
        evaluate(pack, assessment)
      }),
      RUNS,
    )
  })

  it('bounds and exact sums hold for every node', () => {
    fc.assert(
      fc.property(packAndAssessmentArb, ({ spec, assessment }) => {
        const pack = compilePack(spec.pack)
        sumsAndBounds(pack, evaluate(pack, assessment))
      }),
      RUNS,
    )
  })

  it('every index follows the formula: points ÷ applicable max × scale, or the points — the total’s and each node’s', () => {
    fc.assert(
      fc.property(packAndAssessmentArb, ({ spec, assessment }) => {
        const pack = compilePack(spec.pack)
        const r = evaluate(pack, assessment)
        const scale = Exact.from(spec.pack.index?.scale ?? 100)
        const rd = pack.rounding.index
        for (const n of r.nodes) {
          let raw: Exact
          if (spec.pack.index?.kind === 'points') raw = n.points
          else raw = n.applicableMax.isZero() ? Exact.ZERO : n.points.div(n.applicableMax).mul(scale)
          const expected = n.code !== 'total' && n.applicableMax.isZero() ? null : rd ? raw.round(rd.decimals, rd.mode) : raw
          expect(`${n.code}: ${n.index}`).toBe(`${n.code}: ${expected}`)
        }
        expect(r.index.toString()).toBe(r.node('total')!.index!.toString())
      }),
      RUNS,
    )
  })

  it('fingerprint is stable: the same inputs in any key order give the same fingerprint and numbers', () => {
    fc.assert(
      fc.property(packAndAssessmentArb, fc.integer(), ({ spec, assessment }, seed) => {
        let s = seed >>> 0
        const rnd = (): number => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32
        const a = evaluate(compilePack(spec.pack), assessment)
        const b = evaluate(compilePack(shuffleKeys(spec.pack, rnd)), shuffleKeys(assessment, rnd))
        expect(b.fingerprint).toBe(a.fingerprint)
        expect(b.pack.contentHash).toBe(a.pack.contentHash)
        expect(canonicalJson(b.toJSON())).toBe(canonicalJson(a.toJSON()))
      }),
      { numRuns: 60 },
    )
  })

  it('batch results do not depend on input order', () => {
    fc.assert(
      fc.property(packAndBatchArb, fc.integer(), ({ spec, assessments }, seed) => {
        const pack = compilePack(spec.pack)
        const shuffled = fc.sample(fc.shuffledSubarray(assessments, { minLength: assessments.length, maxLength: assessments.length }), { numRuns: 1, seed })[0]!
        const a = evaluateBatch(pack, assessments)
        const b = evaluateBatch(pack, shuffled)
        const view = (u: ReturnType<typeof a.unit>) =>
          u && { rank: u.rank, size: u.groupSize, band: u.band?.code, total: u.result.total.toString(), index: u.result.index.toString(), comps: u.componentRanks }
        for (const x of assessments) expect(view(b.unit(x.unitId))).toEqual(view(a.unit(x.unitId)))
        for (const [g, list] of a.groups) expect(b.groups.get(g)?.map((u) => u.unitId)).toEqual(list.map((u) => u.unitId))
      }),
      { numRuns: 60 },
    )
  })

  it('ranking is consistent: a higher value never ranks below a lower one; equal values share a rank', () => {
    fc.assert(
      fc.property(packAndBatchArb, ({ spec, assessments }) => {
        const pack = compilePack(spec.pack)
        const batch = evaluateBatch(pack, assessments)
        const key = (u: (typeof batch.units)[number]) => (pack.ranking.by === 'points' ? u.result.total : u.result.index)
        for (const x of batch.units) {
          for (const y of batch.units) {
            if (x.group !== y.group) continue
            const c = key(x).cmp(key(y))
            if (c > 0) expect(x.rank).toBeLessThan(y.rank!)
            if (c === 0) expect(x.rank).toBe(y.rank)
          }
          // competition: rank = 1 + number of strictly better units; dense: 1 + distinct better values
          const better = batch.units.filter((y) => y.group === x.group && key(y).gt(key(x)))
          const distinct = new Set(better.map((y) => key(y).toString())).size
          expect(x.rank).toBe(1 + (pack.ranking.method === 'dense' ? distinct : better.length))
        }
      }),
      { numRuns: 60 },
    )
  })

  it('monotonicity: raising a fact a steps, ratio or count rule rewards never lowers the leaf, its ancestors or the total', () => {
    const arb = packSpecArb
      .filter((s) => s.leaves.some((l) => l.rewardFact !== undefined))
      .chain((spec) =>
        fc.record({
          spec: fc.constant(spec),
          assessment: assessmentArb(spec, 'u1'),
          leaf: fc.constantFrom(...spec.leaves.filter((l) => l.rewardFact !== undefined)),
          by: fc.integer({ min: 1, max: 60 }),
        }),
      )
    fc.assert(
      fc.property(arb, ({ spec, assessment, leaf, by }) => {
        const pack = compilePack(spec.pack)
        const fact = leaf.rewardFact!
        const facts = { ...(assessment.facts ?? {}) }
        const before = typeof facts[fact] === 'number' ? (facts[fact] as number) : 0
        facts[fact] = before
        const low: AssessmentInput = { ...assessment, facts }
        const high: AssessmentInput = { ...assessment, facts: { ...facts, [fact]: before + by } }
        const a = evaluate(pack, low)
        const b = evaluate(pack, high)
        // a ratio over a negative denominator (inconsistent data, flagged) shrinks as its
        // numerator grows: n/d clamped into [0, 1], as written; no reward to check there
        const negativeWhole = (r: UnitResult) =>
          r.flags.some((f) => f.code === 'inconsistent_data' && f.criterion === leaf.code && (f.values as { denominator?: string } | undefined)?.denominator?.startsWith('-'))
        if (negativeWhole(a) || negativeWhole(b)) return
        // the leaf and every ancestor up to the root
        let n = pack.node(leaf.code)
        while (n) {
          const pa = a.node(n.code === pack.nodes[0]!.code ? 'total' : n.code)!.points
          const pb = b.node(n.code === pack.nodes[0]!.code ? 'total' : n.code)!.points
          expect(pb.gte(pa), `${n.code}: ${pb} ≥ ${pa}`).toBe(true)
          n = n.parent >= 0 ? pack.nodes[n.parent] : undefined
        }
        expect(b.total.gte(a.total)).toBe(true)
      }),
      RUNS,
    )
  })
})

// Acceptance 3 of the performance issue: the same properties on the fast path — batches of
// lane-shaped packs (leaf rounding, facts only), scored on the integer lane.
describe('the same properties on the integer lane (evaluateBatch)', () => {
  const laneBatchArb = laneCaseArb.chain((c) => laneUnitsArb(c).map((inputs) => ({ c, inputs })))
  // only batches without input problems: those are the ones the lane scores
  const scoredOnLane = (packInput: Parameters<typeof compilePack>[0], inputs: AssessmentInput[]) => {
    const pack = laneEngine.compilePack(packInput)
    const r = safeEvaluateBatch(pack, inputs, { inputs: 'borrow' })
    return r.ok ? { pack, batch: r.value } : undefined
  }

  it('bounds and exact sums hold for every node of every unit, and the lane takes most units', () => {
    let units = 0
    let onLane = 0
    fc.assert(
      fc.property(laneBatchArb, ({ c, inputs }) => {
        const run = scoredOnLane(c.pack, inputs)
        if (!run) return
        for (const u of run.batch.units) {
          units++
          if (u.result.laneOf()) onLane++
          sumsAndBounds(run.pack, u.result)
        }
      }),
      // more runs than the others: the lane's share varies from run to run (units with
      // contradicting or missing facts leave it), and must stay well above a third. Over
      // 200 runs it was 0.33–0.56 (40 seeds; mean 0.44), below a third about once in 40
      // suites; over 400 the spread halves
      { numRuns: 400 },
    )
    expect(onLane).toBeGreaterThan(units / 3)
  })

  it('results do not depend on input order', () => {
    fc.assert(
      fc.property(laneBatchArb, fc.integer(), ({ c, inputs }, seed) => {
        const run = scoredOnLane(c.pack, inputs)
        if (!run) return
        const shuffled = fc.sample(fc.shuffledSubarray(inputs, { minLength: inputs.length, maxLength: inputs.length }), { numRuns: 1, seed })[0]!
        const again = evaluateBatch(run.pack, shuffled, { inputs: 'borrow' })
        // a unit id may come once per period: units are told apart by both
        const find = (b: typeof again, x: AssessmentInput) => b.units.find((u) => u.unitId === x.unitId && u.result.period === x.period)
        const view = (u: ReturnType<typeof find>) =>
          u && { rank: u.rank, size: u.groupSize, band: u.band?.code, total: u.result.total.toString(), index: u.result.index.toString(), comps: u.componentRanks }
        for (const x of inputs) expect(view(find(again, x))).toEqual(view(find(run.batch, x)))
        for (const [g, list] of run.batch.groups) expect(again.groups.get(g)?.map((u) => u.unitId)).toEqual(list.map((u) => u.unitId))
      }),
      { numRuns: 80 },
    )
  })

  it('ranking is consistent: a higher value never ranks below a lower one; equal values share a rank', () => {
    fc.assert(
      fc.property(laneBatchArb, ({ c, inputs }) => {
        const run = scoredOnLane(c.pack, inputs)
        if (!run) return
        const { pack, batch } = run
        const key = (u: (typeof batch.units)[number]) => (pack.ranking.by === 'points' ? u.result.total : u.result.index)
        for (const x of batch.units) {
          const better = batch.units.filter((y) => y.group === x.group && key(y).gt(key(x)))
          const distinct = new Set(better.map((y) => key(y).toString())).size
          expect(x.rank).toBe(1 + (pack.ranking.method === 'dense' ? distinct : better.length))
        }
      }),
      { numRuns: 80 },
    )
  })

  it('the fingerprint is stable: the same facts in any key order give the same fingerprint and numbers', () => {
    fc.assert(
      fc.property(laneBatchArb, fc.integer(), ({ c, inputs }, seed) => {
        const run = scoredOnLane(c.pack, inputs)
        if (!run) return
        const rnd = seededRandom(seed)
        const again = evaluateBatch(
          run.pack,
          inputs.map((a) => shuffleKeys(a, rnd)),
          { inputs: 'borrow' },
        )
        run.batch.units.forEach((u, i) => {
          expect(again.units[i]!.result.fingerprint).toBe(u.result.fingerprint)
          expect(canonicalJson(again.units[i]!.result.toJSON())).toBe(canonicalJson(u.result.toJSON()))
        })
      }),
      { numRuns: 80 },
    )
  })

  it('monotonicity: raising a fact a steps, ratio or count rule rewards never lowers the total', () => {
    const arb = laneCaseArb
      .filter((c) => c.rewards.length > 0)
      .chain((c) => fc.record({ c: fc.constant(c), inputs: laneUnitsArb(c), fact: fc.constantFrom(...c.rewards), by: fc.integer({ min: 1, max: 60 }) }))
    fc.assert(
      fc.property(arb, ({ c, inputs, fact, by }) => {
        const unit = inputs[0]!
        const facts = { ...(unit.facts ?? {}) }
        const before = typeof facts[fact] === 'number' && Number.isFinite(facts[fact]) ? (facts[fact] as number) : 0
        const low = scoredOnLane(c.pack, [{ ...unit, facts: { ...facts, [fact]: before } }])
        const high = scoredOnLane(c.pack, [{ ...unit, facts: { ...facts, [fact]: before + by } }])
        if (!low || !high) return
        expect(high.batch.units[0]!.result.total.gte(low.batch.units[0]!.result.total)).toBe(true)
      }),
      RUNS,
    )
  })
})
