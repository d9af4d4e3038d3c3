/**
 * One settle, one ranker, one bander (issue 12): each unified routine against the functions it
 * replaced, kept here verbatim (bar their inputs) as reference models, on random inputs —
 * ties, nulls, negative values, both ranking methods, exact and scaled numbers.
 */
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { Exact, type CompiledBand, type CompiledPack, type RankingMethod } from '../src/index.js'
import { adjustPoints, clampPoints, EXACT, SCALED, settle, sumPoints, TextSteps, type Adjusted, type AdjustmentSource } from '../src/engine/settle.js'
import { rankByKey } from '../src/engine/rank.js'
import { rankValues } from '../src/engine/batch.js'
import { bandFor, bandIndex, bandOnGrid, bandThresholds } from '../src/engine/band.js'
import type { Lane } from '../src/engine/lane.js'
import { GRID_LIMIT } from '../src/engine/grid.js'
import { stepsOf } from '../src/engine/trace-events.js'

const methods = fc.constantFrom<RankingMethod>('competition', 'dense')

// ---------------------------------------------------------------- settle

/** One adjustment as the reference models see it. */
interface Adj {
  readonly bonus: boolean
  /** hundredths; undefined: no cap */
  readonly cap: number | undefined
  /** hundredths; undefined: the lane's grid form could not decide it (NaN) */
  readonly amount: number
}
interface SettleCase {
  readonly points: number
  readonly adjustments: readonly Adj[]
  readonly capBonus: number | undefined
  readonly capDeduction: number | undefined
  readonly max: number
  readonly floor: number
}

const cents = (lo: number, hi: number) => fc.integer({ min: lo, max: hi })
const settleCase: fc.Arbitrary<SettleCase> = fc.record({
  points: cents(-3000, 3000),
  adjustments: fc.array(fc.record({ bonus: fc.boolean(), cap: fc.option(cents(0, 500), { nil: undefined }), amount: cents(-500, 1500) }), { maxLength: 5 }),
  capBonus: fc.option(cents(0, 1000), { nil: undefined }),
  capDeduction: fc.option(cents(0, 1000), { nil: undefined }),
  // maxima are never negative (the schema's NonNegativeDecimal); floors may be
  max: cents(0, 3000),
  floor: cents(-1000, 1000),
})
const ex = (c: number): Exact => Exact.ratio(c, 100)

/** Reference: adjustNode's arithmetic and steps before the settle (interpret.ts). */
function oldAdjustNode(c: SettleCase, steps: string[], applied: { amount: Exact; applied: Exact }[]): { points: Exact; bonus: Exact; deduction: Exact } {
  let p = ex(c.points)
  let b = Exact.ZERO
  let d = Exact.ZERO
  for (const adj of c.adjustments) {
    const amount = ex(adj.amount)
    const cap = adj.cap === undefined ? undefined : ex(adj.cap)
    const capped = cap && amount.gt(cap) ? cap : amount
    if (adj.bonus) b = b.add(capped)
    else d = d.add(capped)
    applied.push({ amount, applied: capped })
  }
  const caps = { bonus: c.capBonus === undefined ? undefined : ex(c.capBonus), deduction: c.capDeduction === undefined ? undefined : ex(c.capDeduction) }
  if (caps.bonus && b.gt(caps.bonus)) {
    steps.push(`bonuses ${b} capped at ${caps.bonus} for the node`)
    b = caps.bonus
  }
  if (caps.deduction && d.gt(caps.deduction)) {
    steps.push(`deductions ${d} capped at ${caps.deduction} for the node`)
    d = caps.deduction
  }
  if (!b.isZero() || !d.isZero()) {
    steps.push(`adjustments: +${b} −${d}`)
    p = p.add(b).sub(d)
  }
  return { points: p, bonus: b, deduction: d }
}

/** Reference: clampNode before the settle (interpret.ts). */
function oldClampNode(p: Exact, hi: Exact, floor: Exact, steps: string[] | undefined): Exact {
  if (p.gt(hi)) {
    steps?.push(`above the maximum: ${p} → ${hi}`)
    return hi
  }
  if (floor.isZero() ? p.isNegative() : p.lt(Exact.min(floor, hi))) {
    const lo = Exact.min(floor, hi)
    steps?.push(`below the floor: ${p} → ${lo}`)
    return lo
  }
  return p
}

/** Reference: the lane's adjust and clamp before the settle (lane.ts), on scaled integers. */
function oldLaneSettle(c: SettleCase, amounts: readonly number[]): { points: number; bonus: number; deduction: number } | undefined {
  const NO_CAP = Number.POSITIVE_INFINITY
  let b = 0
  let d = 0
  for (let j = 0; j < c.adjustments.length; j++) {
    const adj = c.adjustments[j]!
    let amount = amounts[j]!
    const cap = adj.cap ?? NO_CAP
    if (amount > cap) amount = cap
    if (adj.bonus) b += amount
    else d += amount
    if (b > GRID_LIMIT || d > GRID_LIMIT) return undefined
  }
  if (b > (c.capBonus ?? NO_CAP)) b = c.capBonus ?? NO_CAP
  if (d > (c.capDeduction ?? NO_CAP)) d = c.capDeduction ?? NO_CAP
  const p = c.points + b - d
  const hi = c.max
  const low = Math.min(c.floor, hi)
  return { points: p > hi ? hi : p < low ? low : p, bonus: b, deduction: d }
}

const exactSource: AdjustmentSource<Exact, SettleCase> = {
  amount: (c, j) => ex(c.adjustments[j]!.amount),
  isBonus: (c, j) => c.adjustments[j]!.bonus,
  cap: (c, j) => (c.adjustments[j]!.cap === undefined ? undefined : ex(c.adjustments[j]!.cap!)),
}
/** the lane's source: amounts as given (scaled), no cap an infinite one */
const scaledSource = (amounts: readonly number[]): AdjustmentSource<number, SettleCase> => ({
  amount: (_c, j) => amounts[j],
  isBonus: (c, j) => c.adjustments[j]!.bonus,
  cap: (c, j) => c.adjustments[j]!.cap ?? Number.POSITIVE_INFINITY,
})

class Recording extends TextSteps {
  readonly applied: { amount: Exact; applied: Exact }[] = []
  override adjustment(_j: number, amount: Exact, counted: Exact): void {
    this.applied.push({ amount, applied: counted })
  }
}

describe('one settle', () => {
  test('property: on exact numbers, the settle gives the old adjustNode + clampNode points, bonus, deduction, applied amounts and trace steps', () => {
    fc.assert(
      fc.property(settleCase, (c) => {
        const oldSteps: string[] = []
        const oldApplied: { amount: Exact; applied: Exact }[] = []
        const old = c.adjustments.length > 0 ? oldAdjustNode(c, oldSteps, oldApplied) : { points: ex(c.points), bonus: Exact.ZERO, deduction: Exact.ZERO }
        const oldPoints = oldClampNode(old.points, ex(c.max), ex(c.floor), oldSteps)

        const rec = new Recording([])
        const out: Adjusted<Exact> = { bonus: Exact.ZERO, deduction: Exact.ZERO }
        const caps = { bonus: c.capBonus === undefined ? undefined : ex(c.capBonus), deduction: c.capDeduction === undefined ? undefined : ex(c.capDeduction) }
        let p = ex(c.points)
        if (c.adjustments.length > 0) p = adjustPoints(EXACT, p, exactSource, c, 0, c.adjustments.length, caps.bonus, caps.deduction, out, rec)!
        p = clampPoints(EXACT, p, ex(c.max), ex(c.floor), rec)

        expect(p.toString()).toBe(oldPoints.toString())
        expect(out.bonus.toString()).toBe(old.bonus.toString())
        expect(out.deduction.toString()).toBe(old.deduction.toString())
        expect(stepsOf(rec.events)).toEqual(oldSteps)
        expect(rec.applied.map((x) => [x.amount.toString(), x.applied.toString()])).toEqual(oldApplied.map((x) => [x.amount.toString(), x.applied.toString()]))
      }),
      { numRuns: 1000 },
    )
  })

  test('property: on scaled integers, the settle gives the old lane adjust + clamp, and the same numbers as the exact settle', () => {
    fc.assert(
      fc.property(settleCase, (c) => {
        const amounts = c.adjustments.map((a) => a.amount)
        const old = oldLaneSettle(c, amounts)
        const out: Adjusted<number> = { bonus: 0, deduction: 0 }
        const adjusted =
          c.adjustments.length > 0
            ? adjustPoints(SCALED, c.points, scaledSource(amounts), c, 0, amounts.length, c.capBonus ?? Number.POSITIVE_INFINITY, c.capDeduction ?? Number.POSITIVE_INFINITY, out)
            : c.points
        expect(adjusted).not.toBeUndefined()
        const p = clampPoints(SCALED, adjusted!, c.max, c.floor)
        expect(p).toBe(old!.points)
        expect(out.bonus).toBe(c.adjustments.length > 0 ? old!.bonus : 0)
        expect(out.deduction).toBe(c.adjustments.length > 0 ? old!.deduction : 0)
        // the exact settle of the same case, in hundredths
        const e = { bonus: Exact.ZERO, deduction: Exact.ZERO }
        let q = ex(c.points)
        if (c.adjustments.length > 0)
          q = adjustPoints(EXACT, q, exactSource, c, 0, amounts.length, c.capBonus === undefined ? undefined : ex(c.capBonus), c.capDeduction === undefined ? undefined : ex(c.capDeduction), e)!
        expect(clampPoints(EXACT, q, ex(c.max), ex(c.floor)).eq(ex(p))).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  test("property: an inner node on the lane (sumPoints → adjustments → clampPoints at min(floor, max)) settles as the old inline lane loop and as the interpreter's exact settle", () => {
    const node = fc.record({
      settle: settleCase,
      // the unit's points sit at an offset in the lane's buffer; the node reads some of them
      offset: fc.integer({ min: 0, max: 5 }),
      buffer: fc.array(cents(-1000, 1000), { minLength: 1, maxLength: 12 }),
      picks: fc.array(fc.nat(), { maxLength: 8 }),
    })
    fc.assert(
      fc.property(node, ({ settle: c, offset, buffer, picks }) => {
        const width = buffer.length
        const buf = new Float64Array(offset + width)
        buf.set(buffer, offset)
        const children = Int32Array.from(picks.map((x) => x % width))
        const amounts = c.adjustments.map((a) => a.amount)
        const low = Math.min(c.floor, c.max)
        // reference: the lane's inner-node loop before the settle (lane.ts), sum and clamp inline
        let oldSum = 0
        for (let k = 0; k < children.length; k++) oldSum += buf[offset + children[k]!]!
        const old = oldLaneSettle({ ...c, points: oldSum }, amounts)!

        // the lane now: every step from settle.ts
        const out: Adjusted<number> = { bonus: 0, deduction: 0 }
        let p = sumPoints(SCALED, buf, offset, children, 0, children.length)
        expect(p).toBe(oldSum)
        if (c.adjustments.length > 0) p = adjustPoints(SCALED, p, scaledSource(amounts), c, 0, amounts.length, c.capBonus ?? Number.POSITIVE_INFINITY, c.capDeduction ?? Number.POSITIVE_INFINITY, out)!
        p = clampPoints(SCALED, p, c.max, low)
        expect(p).toBe(old.points)

        // the interpreter's: Exact.sumAt of the children, then the exact settle with the node's own floor
        const exactPoints = buffer.map(ex)
        const kids = [...children]
        const s = Exact.sumAt(exactPoints, kids)
        expect(sumPoints(EXACT, exactPoints, 0, kids, 0, kids.length).eq(s)).toBe(true)
        const e: Adjusted<Exact> = { bonus: Exact.ZERO, deduction: Exact.ZERO }
        const caps = { bonus: c.capBonus === undefined ? undefined : ex(c.capBonus), deduction: c.capDeduction === undefined ? undefined : ex(c.capDeduction) }
        const q = settle(EXACT, s, exactSource, c, 0, c.adjustments.length, caps, ex(c.max), ex(c.floor), e)!
        expect(q.eq(ex(p))).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  test('an amount the source cannot decide, or a sum past the grid limit, leaves the scaled settle undecided', () => {
    const c: SettleCase = { points: 0, adjustments: [{ bonus: true, cap: undefined, amount: 1 }], capBonus: undefined, capDeduction: undefined, max: 10, floor: 0 }
    const out: Adjusted<number> = { bonus: 0, deduction: 0 }
    const undecided: AdjustmentSource<number, SettleCase> = { ...scaledSource([]), amount: () => undefined }
    expect(adjustPoints(SCALED, 0, undecided, c, 0, 1, undefined, undefined, out)).toBeUndefined()
    const two: SettleCase = { ...c, adjustments: [c.adjustments[0]!, c.adjustments[0]!] }
    expect(adjustPoints(SCALED, 0, scaledSource([GRID_LIMIT, 1]), two, 0, 2, undefined, undefined, out)).toBeUndefined()
    expect(adjustPoints(SCALED, 0, scaledSource([GRID_LIMIT - 1, 1]), two, 0, 2, undefined, undefined, out)).toBe(GRID_LIMIT)
  })
})

// ---------------------------------------------------------------- rank

/** Reference: rankValues before the ranker (batch.ts). */
function oldRankValues(values: readonly (Exact | null)[], method: RankingMethod = 'competition'): number[] {
  const order = values.map((_, i) => i)
  const exactDesc = (x: number, y: number): number => {
    const a = values[x]!
    const b = values[y]!
    if (a === null) return b === null ? 0 : 1
    if (b === null) return -1
    return b.cmp(a)
  }
  const approx = values.map((v) => (v === null ? Number.NEGATIVE_INFINITY : v.toNumber()))
  order.sort((x, y) => approx[y]! - approx[x]!)
  for (let i = 1; i < order.length; i++) {
    const cur = order[i]!
    let j = i - 1
    while (j >= 0 && exactDesc(order[j]!, cur) > 0) {
      order[j + 1] = order[j]!
      j--
    }
    order[j + 1] = cur
  }
  const ranks = new Array<number>(values.length)
  let prev: Exact | null | undefined
  let rank = 0
  let dense = 0
  order.forEach((idx, pos) => {
    const v = values[idx]!
    const same = prev !== undefined && (v === null ? prev === null : prev !== null && v.eq(prev))
    if (!same) {
      rank = pos + 1
      dense++
    }
    ranks[idx] = method === 'dense' ? dense : rank
    prev = v
  })
  return ranks
}

/** Reference: rankIntegers before the ranker (batch.ts). */
function oldRankIntegers(values: readonly number[], method: RankingMethod): number[] {
  const order = values.map((_, i) => i)
  order.sort((x, y) => values[y]! - values[x]!)
  const ranks = new Array<number>(values.length)
  let rank = 0
  let dense = 0
  for (let pos = 0; pos < order.length; pos++) {
    const idx = order[pos]!
    if (pos === 0 || values[idx] !== values[order[pos - 1]!]) {
      rank = pos + 1
      dense++
    }
    ranks[idx] = method === 'dense' ? dense : rank
  }
  return ranks
}

/** Reference: rankLaneGroup before the ranker (batch.ts), over ids instead of results. */
function oldRankLaneGroup(totals: Float64Array, ids: readonly string[], members: readonly number[], method: RankingMethod, rank: (number | null)[]): number[] {
  const m = members.length
  const byId = (x: number, y: number): number => {
    const a = ids[x]!
    const b = ids[y]!
    return a < b ? -1 : a > b ? 1 : 0
  }
  let hi = Number.NEGATIVE_INFINITY
  let lo = Number.POSITIVE_INFINITY
  for (let j = 0; j < m; j++) {
    const t = totals[members[j]!]!
    if (t > hi) hi = t
    if (t < lo) lo = t
  }
  let order: number[]
  if ((hi - lo + 1) * m < 2 ** 53) {
    const keys = new Float64Array(m)
    for (let j = 0; j < m; j++) keys[j] = (hi - totals[members[j]!]!) * m + j
    keys.sort()
    order = new Array<number>(m)
    for (let j = 0; j < m; j++) order[j] = members[keys[j]! % m]!
    for (let start = 0; start < m; ) {
      let end = start + 1
      while (end < m && totals[order[end]!] === totals[order[start]!]) end++
      if (end - start > 1) {
        const run = order.slice(start, end).sort(byId)
        for (let j = start; j < end; j++) order[j] = run[j - start]!
      }
      start = end
    }
  } else {
    order = [...members].sort((x, y) => totals[y]! - totals[x]! || byId(x, y))
  }
  let r = 0
  let dense = 0
  let prev = Number.NaN
  for (let pos = 0; pos < m; pos++) {
    const i = order[pos]!
    const v = totals[i]!
    if (v !== prev) {
      r = pos + 1
      dense++
      prev = v
    }
    rank[i] = method === 'dense' ? dense : r
  }
  return order
}

/** Reference: sensitivity's comparisons and assignRanks before the ranker (sensitivity.ts). */
function oldCmpProducts(a: number, b: number, c: number, d: number): number {
  const x = a * b
  const y = c * d
  const diff = x - y
  if (Math.abs(diff) > (Math.abs(x) + Math.abs(y)) * 2.3e-16 * 4) return diff < 0 ? -1 : 1
  const bx = BigInt(a) * BigInt(b)
  const by = BigInt(c) * BigInt(d)
  return bx < by ? -1 : bx > by ? 1 : 0
}
function oldCmpRatio(n1: number, d1: number, n2: number, d2: number): number {
  if (d1 === 0 && d2 === 0) return 0
  if (d1 === 0) return -Math.sign(n2)
  if (d2 === 0) return Math.sign(n1)
  return oldCmpProducts(n1, d2, n2, d1)
}
function oldAssignRanks(order: readonly number[], rank: Int32Array, same: (x: number, y: number) => boolean, method: RankingMethod): void {
  let r = 0
  let dense = 0
  order.forEach((idx, pos) => {
    if (pos === 0 || !same(order[pos - 1]!, idx)) {
      r = pos + 1
      dense++
    }
    rank[idx] = method === 'dense' ? dense : r
  })
}

const exactValue: fc.Arbitrary<Exact | null> = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map((k) => Exact.ratio(k, 3)),
  fc.integer({ min: -20, max: 20 }).map((k) => Exact.from(`${(k / 3).toFixed(17)}`)),
  fc.bigInt({ min: 10n ** 25n, max: 10n ** 25n + 5n }).map((n) => Exact.ratioBig(n, 3n * 10n ** 24n)),
  fc.integer({ min: -5, max: 5 }).map((k) => Exact.from(k)),
  fc.constant(null),
)
const integerKey = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -0))

describe('one ranker', () => {
  test('property: rankValues gives the old rankValues ranks (exact values, nulls last, negatives, near ties), both methods', () => {
    fc.assert(
      fc.property(fc.array(exactValue, { maxLength: 40 }), methods, (values, method) => {
        expect(rankValues(values, method)).toEqual(oldRankValues(values, method))
      }),
      { numRuns: 500 },
    )
  })

  test('property: integer keys rank as rankIntegers did, and a lane group comes out in rankLaneGroup’s order (ties by unit id)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(integerKey, fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f')), { maxLength: 40 }), methods, fc.infiniteStream(fc.boolean()), (pairs, method, picks) => {
        const keys = pairs.map((p) => p[0])
        expect(rankByKey(keys, method).ranks).toEqual(oldRankIntegers(keys, method))
        // a group of some of the batch's units, as rankResults hands it over
        const totals = Float64Array.from(keys)
        const ids = pairs.map((p, i) => `${p[1]}${i % 3}`)
        const members = keys.map((_, i) => i).filter(() => picks.next().value as boolean)
        const oldRank = new Array<number | null>(keys.length).fill(null)
        const oldOrder = oldRankLaneGroup(totals, ids, members, method, oldRank)
        const groupKeys = Float64Array.from(members, (i) => totals[i]!)
        const byId = (x: number, y: number): number => (ids[members[x]!]! < ids[members[y]!]! ? -1 : ids[members[x]!]! > ids[members[y]!]! ? 1 : 0)
        const { ranks, order } = rankByKey(groupKeys, method, undefined, byId)
        expect(order.map((j) => members[j]!)).toEqual(oldOrder)
        members.forEach((i, j) => expect(ranks[j]).toBe(oldRank[i]))
      }),
      { numRuns: 500 },
    )
  })

  test('property: weighted ratios rank as sensitivity’s sort + assignRanks did (nothing applicable counts as 0)', () => {
    const pair = fc.tuple(
      fc.oneof(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })),
      fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 2 ** 40 })),
    )
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 40 }), methods, fc.boolean(), (pairs, method, byPoints) => {
        const num = pairs.map((p) => p[0])
        const den = pairs.map((p) => p[1])
        const n = pairs.length
        const cmp = byPoints ? (x: number, y: number): number => num[x]! - num[y]! : (x: number, y: number): number => oldCmpRatio(num[x]!, den[x]!, num[y]!, den[y]!)
        const oldRank = new Int32Array(n)
        const members = pairs.map((_, i) => i)
        oldAssignRanks(
          [...members].sort((x, y) => cmp(y, x)),
          oldRank,
          (x, y) => cmp(x, y) === 0,
          method,
        )
        const ranks = byPoints
          ? rankByKey(num, method).ranks
          : rankByKey(
              num.map((v, i) => (den[i] === 0 ? 0 : v / den[i]!)),
              method,
              (x, y) => oldCmpRatio(num[x]!, den[x]!, num[y]!, den[y]!),
            ).ranks
        expect(ranks).toEqual([...oldRank])
      }),
      { numRuns: 500 },
    )
  })
})

// ---------------------------------------------------------------- band

/** Reference: bandFor before the bander (batch.ts). */
function oldBandFor(pack: CompiledPack, value: Exact): CompiledBand | undefined {
  for (const b of pack.bands) {
    const c = value.cmp(b.min)
    if (c > 0 || (c === 0 && !b.minExclusive)) return b
  }
  return undefined
}

/** Reference: bandThresholds' arithmetic before the bander (batch.ts), for a pack whose index follows points. */
function oldThresholds(pack: CompiledPack, scaleExact: Exact): number[] {
  const toPoints = pack.bandsBy === 'points' || pack.indexFormula.kind === 'points' ? Exact.ONE : pack.nodes[0]!.maxPoints.div(pack.indexFormula.scale)
  return pack.bands.map((b) => {
    const x = b.min.mul(toPoints).mul(scaleExact)
    let c = Math.ceil(x.toNumber())
    if (!Number.isSafeInteger(c)) return x.isNegative() ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
    while (Exact.from(c - 1).gte(x)) c--
    while (Exact.from(c).lt(x)) c++
    return b.minExclusive && Exact.from(c).eq(x) ? c + 1 : c
  })
}

interface BandCase {
  readonly pack: CompiledPack
  readonly lane: Lane
  /** a scaled total → the value the bands read */
  readonly valueAt: (c: number) => Exact
}
const bandCase: fc.Arbitrary<BandCase> = fc
  .record({
    mins: fc.uniqueArray(fc.integer({ min: -300, max: 3000 }), { minLength: 1, maxLength: 5 }),
    exclusive: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    minDenominator: fc.constantFrom(1, 3, 7, 10),
    bandsBy: fc.constantFrom<'index' | 'points'>('index', 'points'),
    kind: fc.constantFrom<'ratio' | 'points'>('ratio', 'points'),
    scale: fc.constantFrom(100, 10, 1, 7),
    maxPoints: fc.constantFrom(100, 37, 3, 1000),
    decimals: fc.integer({ min: 0, max: 3 }),
  })
  .map((r) => {
    // bands highest first, as compile orders them
    const bands = [...r.mins]
      .sort((a, b) => b - a)
      .map((m, k): CompiledBand => ({ code: `b${k}`, label: { vi: `b${k}`, en: `b${k}` }, min: Exact.ratio(m, r.minDenominator), minExclusive: r.exclusive[k]! }))
    const pack = {
      bands,
      bandsBy: r.bandsBy,
      indexFormula: { kind: r.kind, scale: Exact.from(r.scale) },
      rounding: {},
      nodes: [{ maxPoints: Exact.from(r.maxPoints) }],
    } as unknown as CompiledPack
    const scaleExact = Exact.from(10 ** r.decimals)
    const lane = { scaleExact } as unknown as Lane
    const byPoints = r.bandsBy === 'points' || r.kind === 'points'
    const valueAt = (c: number): Exact => {
      const points = Exact.ratio(c, 10 ** r.decimals)
      return byPoints ? points : points.mul(Exact.from(r.scale)).div(Exact.from(r.maxPoints))
    }
    return { pack, lane, valueAt }
  })

describe('one bander', () => {
  test('property: bandFor and bandIndex give the old bandFor band (inclusive and exclusive minimums, negative values)', () => {
    const value = fc.oneof(
      fc.integer({ min: -400, max: 3100 }).map((k) => Exact.from(k)),
      fc.integer({ min: -4000, max: 31000 }).map((k) => Exact.ratio(k, 10)),
      fc.integer({ min: -4000, max: 31000 }).map((k) => Exact.ratio(k, 7)),
    )
    fc.assert(
      fc.property(bandCase, value, (c, v) => {
        const old = oldBandFor(c.pack, v)
        expect(bandFor(c.pack, v)).toBe(old)
        expect(bandIndex(c.pack, v)).toBe(old === undefined ? -1 : c.pack.bands.indexOf(old))
      }),
      { numRuns: 1000 },
    )
  })

  test('property: the lane thresholds are the old ones, and a scaled total falls in the band its value does', () => {
    fc.assert(
      fc.property(bandCase, fc.array(fc.integer({ min: -400_000, max: 4_000_000 }), { maxLength: 20 }), (c, totals) => {
        const thresholds = bandThresholds(c.pack, c.lane)!
        expect(thresholds).toEqual(oldThresholds(c.pack, c.lane.scaleExact))
        // the totals at each threshold and on either side of it, then random ones
        for (const t of [...thresholds.flatMap((x) => [x - 1, x, x + 1]), ...totals]) {
          expect(bandOnGrid(thresholds, t)).toBe(bandIndex(c.pack, c.valueAt(t)))
        }
      }),
      { numRuns: 500 },
    )
  })
})
