/**
 * Ranking sensitivity: how much would each unit's rank move if the areas were weighted a
 * little differently? Seeded random perturbations of the area weights, re-aggregation and
 * re-ranking per group, and each unit's 5th–95th percentile rank.
 *
 * Exact throughout: weights are drawn as exact decimals; when every area's points share a
 * small common denominator (always so when leaves are rounded) the weighted sums are exact
 * integers, otherwise exact rationals. Comparisons of two weighted indexes
 * (n₁/d₁ vs n₂/d₂) are decided on integer cross-products, exactly.
 */
import { excludedFromRanking, rankValues, scoreAll, type RankingExclusion, type RankingMethod } from '../engine/batch.js'
import { ChisoError, issue } from '../util/errors.js'
import { seededRandom } from '../util/random.js'
import { Exact } from '../util/exact.js'
import { rootIndex } from '../engine/result.js'
import type { CompiledPack } from '../model/compile.js'
import { clampPoints, EXACT, SCALED } from '../engine/settle.js'
import { rankByKey } from '../engine/rank.js'

/** How area weights are perturbed. Each weight is drawn uniformly from its range. */
export interface WeightPerturbation {
  /** every area's weight is drawn from [1 − spread, 1 + spread] (e.g. 0.1 = ±10 %) */
  readonly spread?: number | string
  /** per-area ranges by area code, overriding `spread` for those areas */
  readonly ranges?: Readonly<Record<string, readonly [number | string, number | string]>>
}

/** Options for {@link analyseSensitivity}. */
export interface SensitivityOptions {
  /** number of random draws (default 1000) */
  readonly draws?: number
  /** PRNG seed; the same seed gives the same output */
  readonly seed?: number
  readonly weights: WeightPerturbation
  /** ranking method (default: the pack's) */
  readonly rankingMethod?: RankingMethod
  /** units assessed but not ranked, in addition to the pack's `ranking.exclude`; they are left out of the report */
  readonly exclude?: RankingExclusion
  /** called after each draw */
  readonly onProgress?: (done: number, total: number) => void
}

/** One unit's rank under perturbation. */
export interface RankInterval {
  readonly unitId: string
  readonly group: string
  /** the rank with unperturbed weights */
  readonly rank: number
  /** 5th and 95th percentile of the rank over the draws */
  readonly p5: number
  readonly p95: number
  /** the interval reported: [min(p5, rank), max(p95, rank)] — it always holds the unperturbed rank */
  readonly low: number
  readonly high: number
  /** best and worst rank seen in any draw */
  readonly best: number
  readonly worst: number
}

/** Output of {@link analyseSensitivity}. */
export interface SensitivityReport {
  readonly draws: number
  readonly seed: number
  /** whether the exact integer fast path was used (else exact rationals) */
  readonly integerPath: boolean
  readonly units: readonly RankInterval[]
}

const STEPS = 10_000 // weights are drawn on a grid of 1/10 000 of their range

/** Exact comparison of a·b and c·d for safe integers, falling back to bigint only when the float products are too close to call. */
function cmpProducts(a: number, b: number, c: number, d: number): number {
  const x = a * b
  const y = c * d
  const diff = x - y
  if (Math.abs(diff) > (Math.abs(x) + Math.abs(y)) * 2.3e-16 * 4) return diff < 0 ? -1 : 1
  const bx = BigInt(a) * BigInt(b)
  const by = BigInt(c) * BigInt(d)
  return bx < by ? -1 : bx > by ? 1 : 0
}

function lcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return a === 0n ? b : a
  let x = a
  let y = b
  while (y !== 0n) [x, y] = [y, x % y]
  return (a / x) * b
}

/**
 * Draws `draws` seeded perturbations of the area weights and, for each, re-aggregates every
 * unit the way the pack does — total = Σ wₐ·pointsₐ + root bonuses − root deductions,
 * clamped into [floor, Σ wₐ·applicable maxₐ], then the pack's index formula, rounding and
 * ranking key — re-ranks every group and reports each unit's rank interval. With all
 * weights 1 this is exactly the published ranking, so a zero-width perturbation changes
 * no rank.
 *
 * @example
 * ```ts
 * import { analyseSensitivity } from '@chiso/core/analysis'
 * const r = analyseSensitivity(pack, assessments, { draws: 1000, seed: 7, weights: { spread: 0.1 } })
 * for (const u of r.units) console.log(u.unitId, u.rank, `${u.low}–${u.high}`)
 * ```
 */
export function analyseSensitivity(pack: CompiledPack, inputs: readonly unknown[], options: SensitivityOptions): SensitivityReport {
  const draws = options.draws ?? 1000
  if (!Number.isInteger(draws) || draws < 0) {
    throw new ChisoError([issue('invalid_value', ['draws'], { value: draws, detail: 'số lần rút phải là số nguyên ≥ 0', detailEn: 'draws must be a whole number ≥ 0' }, draws)], 'options')
  }
  const seed = options.seed ?? 1
  const method = options.rankingMethod ?? pack.ranking.method
  // scores are read here and dropped: nothing outlives the call, so the inputs are borrowed
  // (no copies), but every input is still checked whole
  const scored = scoreAll(pack, inputs, false, undefined, true, true)
  if (!scored.ok) throw new ChisoError(scored.issues, 'assessments')
  const results = scored.value
  const areas = pack.areas
  const A = areas.length
  const n = results.length

  // weight ranges per area, exact
  const spread = Exact.from(options.weights.spread ?? 0)
  const lo: Exact[] = []
  const width: Exact[] = []
  for (const ai of areas) {
    const r = options.weights.ranges?.[pack.nodes[ai]!.code]
    const l = r ? Exact.from(r[0]) : Exact.ONE.sub(spread)
    const h = r ? Exact.from(r[1]) : Exact.ONE.add(spread)
    if (l.isNegative() || h.lt(l)) {
      const code = pack.nodes[ai]!.code
      const at = r ? ['weights', 'ranges', code] : ['weights', 'spread']
      const range = `[${l}, ${h}]`
      throw new ChisoError(
        [
          issue(
            'invalid_value',
            at,
            { value: range, detail: `khoảng trọng số của lĩnh vực "${code}" cần 0 ≤ thấp ≤ cao`, detailEn: `the weight range of area "${code}" needs 0 ≤ low ≤ high` },
            r ?? options.weights.spread,
          ),
        ],
        'options',
      )
    }
    lo.push(l)
    width.push(h.sub(l))
  }
  const stepsExact = Exact.ratio(STEPS, 1)

  // per unit: area points, area applicable maxima, and the root's own bonus − deduction
  const pts: Exact[][] = results.map((r) => areas.map((ai) => r.pointsAt(ai)))
  const mx: Exact[][] = results.map((r) => areas.map((ai) => r.applicableMaxAt(ai)))
  const rootAdj: Exact[] = results.map((r) => {
    const root = r.node('total')!
    return root.bonus.sub(root.deduction)
  })

  // units not ranked take no rank in any draw, as in evaluateBatch
  const excluded = excludedFromRanking(pack, options.exclude)
  const groups = new Map<string, number[]>()
  results.forEach((r, i) => {
    if (excluded?.(r)) return
    const l = groups.get(r.group) ?? []
    l.push(i)
    groups.set(r.group, l)
  })

  // The integer path: every amount over one common denominator L, weights over Dw, so a
  // weighted total is an exact integer count of 1/(L·Dw). Taken when the bounds keep every
  // sum a safe integer and the pack declares no index rounding.
  let L = denominatorOf(pack.floor)
  outer: for (let i = 0; i < n; i++) {
    for (let a = 0; a < A; a++) {
      L = lcm(lcm(L, denominatorOf(pts[i]![a]!)), denominatorOf(mx[i]![a]!))
      if (L > 1_000_000n) break outer
    }
    L = lcm(L, denominatorOf(rootAdj[i]!))
  }
  let Dw = 1n
  for (let a = 0; a < A; a++) Dw = lcm(Dw, lcm(denominatorOf(lo[a]!), denominatorOf(width[a]!.div(stepsExact))))
  let maxAbs = Math.abs(pack.floor.toNumber())
  for (let i = 0; i < n; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(rootAdj[i]!.toNumber()))
    for (let a = 0; a < A; a++) maxAbs = Math.max(maxAbs, Math.abs(mx[i]![a]!.toNumber()), Math.abs(pts[i]![a]!.toNumber()))
  }
  const weightMax = Math.max(1, ...lo.map((l, a) => l.add(width[a]!).toNumber()))
  const bound = Number(L) * Number(Dw) * weightMax * maxAbs * (A + 1)
  const integerPath = L <= 1_000_000n && Dw <= 1_000_000n && bound < 2 ** 52 && pack.rounding.index === undefined

  const scaled = (x: Exact, by: bigint): number => Number(BigInt(x.mul(Exact.ratioBig(by, 1n)).toString()))
  const byPoints = pack.ranking.by === 'points' || pack.indexFormula.kind === 'points'
  let P: Float64Array | undefined
  let M: Float64Array | undefined
  let R: Float64Array | undefined
  let floorInt = 0
  if (integerPath) {
    P = new Float64Array(n * A)
    M = new Float64Array(n * A)
    R = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < A; a++) {
        P[i * A + a] = scaled(pts[i]![a]!, L)
        M[i * A + a] = scaled(mx[i]![a]!, L)
      }
      R[i] = scaled(rootAdj[i]!, L * Dw)
    }
    floorInt = scaled(pack.floor, L * Dw)
  }

  const rankWith = (weights: readonly Exact[]): Int32Array => {
    const rank = new Int32Array(n)
    if (P && M && R) {
      const W = weights.map((w) => scaled(w, Dw))
      const num = new Float64Array(n)
      const den = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        let s = R[i]!
        let m = 0
        const o = i * A
        for (let a = 0; a < A; a++) {
          s += W[a]! * P[o + a]!
          m += W[a]! * M[o + a]!
        }
        // settled as the engine settles the root: into [min(floor, max), max]
        num[i] = clampPoints(SCALED, s, m, floorInt)
        den[i] = m
      }
      for (const members of groups.values()) {
        const k = members.length
        const key = new Float64Array(k)
        let r: number[]
        // one positive maximum across the group (nothing not applicable): the index orders
        // units as their totals do
        const d0 = k > 0 ? den[members[0]!]! : 0
        let oneMax = d0 > 0
        for (let j = 1; j < k && oneMax; j++) oneMax = den[members[j]!] === d0
        if (byPoints || oneMax) {
          // integer totals: exact as doubles
          for (let j = 0; j < k; j++) key[j] = num[members[j]!]!
          r = rankByKey(key, method).ranks
        } else {
          // num ÷ den rounded is monotone in the exact ratio; cross-products decide the rest
          for (let j = 0; j < k; j++) {
            const i = members[j]!
            key[j] = den[i] === 0 ? 0 : num[i]! / den[i]!
          }
          r = rankByKey(key, method, (x, y) => {
            const a = members[x]!
            const b = members[y]!
            return cmpRatio(num[a]!, den[a]!, num[b]!, den[b]!)
          }).ranks
        }
        for (let j = 0; j < k; j++) rank[members[j]!] = r[j]!
      }
      return rank
    }
    const values: Exact[] = new Array<Exact>(n)
    for (let i = 0; i < n; i++) {
      let s = rootAdj[i]!
      let m = Exact.ZERO
      for (let a = 0; a < A; a++) {
        s = s.add(weights[a]!.mul(pts[i]![a]!))
        m = m.add(weights[a]!.mul(mx[i]![a]!))
      }
      const total = clampPoints(EXACT, s, m, pack.floor)
      values[i] = pack.ranking.by === 'points' ? total : rootIndex(pack, total, m)
    }
    for (const members of groups.values()) {
      const r = rankValues(
        members.map((i) => values[i]!),
        method,
      )
      members.forEach((i, k) => (rank[i] = r[k]!))
    }
    return rank
  }

  // the unperturbed ranking: all weights 1, i.e. the published ranking
  const base = rankWith(areas.map(() => Exact.ONE))
  const ranksByDraw: Int32Array[] = []
  const rnd = seededRandom(seed)
  for (let d = 0; d < draws; d++) {
    const w = lo.map((l, a) => l.add(width[a]!.mul(Exact.ratio(Math.floor(rnd() * (STEPS + 1)), STEPS))))
    ranksByDraw.push(rankWith(w))
    options.onProgress?.(d + 1, draws)
  }

  const seen = new Int32Array(draws)
  const units: RankInterval[] = results.flatMap((r, i) => {
    if (excluded?.(r)) return []
    for (let d = 0; d < draws; d++) seen[d] = ranksByDraw[d]![i]!
    seen.sort()
    const rank = base[i]!
    const pick = (q: number): number => (draws === 0 ? rank : seen[Math.min(draws - 1, Math.max(0, Math.ceil(q * draws) - 1))]!)
    const p5 = pick(0.05)
    const p95 = pick(0.95)
    return {
      unitId: r.unitId,
      group: r.group,
      rank,
      p5,
      p95,
      low: Math.min(p5, rank),
      high: Math.max(p95, rank),
      best: draws === 0 ? rank : seen[0]!,
      worst: draws === 0 ? rank : seen[draws - 1]!,
    }
  })
  return { draws, seed, integerPath, units }
}

/** n₁/d₁ vs n₂/d₂ for safe integers, d ≥ 0; as in the index, nothing applicable (d = 0) counts as 0. */
function cmpRatio(n1: number, d1: number, n2: number, d2: number): number {
  if (d1 === 0 && d2 === 0) return 0
  if (d1 === 0) return -Math.sign(n2)
  if (d2 === 0) return Math.sign(n1)
  return cmpProducts(n1, d2, n2, d1)
}

function denominatorOf(x: Exact): bigint {
  const s = x.toString()
  const slash = s.indexOf('/')
  if (slash >= 0) return BigInt(s.slice(slash + 1))
  const dot = s.indexOf('.')
  return dot >= 0 ? 10n ** BigInt(s.length - dot - 1) : 1n
}
