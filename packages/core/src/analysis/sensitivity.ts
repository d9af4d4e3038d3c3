/**
 * Ranking sensitivity: how much would each unit's rank move if the areas were weighted a
 * little differently? Seeded random perturbations of the area weights, re-aggregation and
 * re-ranking per group, and each unit's 5th–95th percentile rank.
 *
 * Exact throughout: weights are drawn as exact decimals; when every area's points share a
 * small common denominator (always so when leaves are rounded) the weighted sums are exact
 * integers, and comparisons of two weighted indexes (n₁/d₁ vs n₂/d₂) are decided on integer
 * cross-products. Otherwise (unrounded ratio leaves, a rounded index) filtered arithmetic:
 * doubles with a proven error bound decide each value, and exact rationals are worked out
 * only for a value near a rounding boundary or a comparison near a tie (see
 * filteredRanking); the result is the exact one either way.
 */
import { excludedFromRanking, rankValues, readInputs, scoreAll, type RankingExclusion, type RankingMethod } from '../engine/batch.js'
import { ChisoError, issue, type ChisoIssue } from '../util/errors.js'
import { seededRandom } from '../util/random.js'
import { Exact } from '../util/exact.js'
import { rootIndex } from '../engine/result.js'
import type { CompiledPack } from '../model/compile.js'
import { clampPoints, EXACT, SCALED } from '../engine/settle.js'
import { rankByKey } from '../engine/rank.js'
import { argumentIssue, optionKeyIssues, packArgumentIssue, throwIfAny } from '../util/arguments.js'

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
  /** whether the exact integer fast path was used (else filtered arithmetic, exact rationals where doubles cannot decide) */
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
  return sensitivityWith(pack, inputs, options, {})
}

/** The keys of {@link SensitivityOptions}. */
const SENSITIVITY_OPTIONS: readonly string[] = ['draws', 'seed', 'weights', 'rankingMethod', 'exclude', 'onProgress']

/** How often the filtered path fell back to exact rationals. @internal */
export interface FilterStats {
  /** unit values worked out (one per unit per draw, and the unperturbed ranking) */
  values: number
  /** of which decided exactly: too near a rounding boundary, or a maximum near 0 */
  exactValues: number
  /** comparisons of unrounded keys, and of those decided exactly */
  compares: number
  exactCompares: number
  /** draws ranked wholly by the reference (a key beyond the integer grid) */
  exactDraws: number
}

/**
 * {@link analyseSensitivity} with a choice of path: `reference` ranks by exact rationals
 * alone (the path the others must always agree with; tests compare them), `filtered` takes
 * the filtered path even where the integer path would do, `stats` counts the filtered
 * path's exact fallbacks. @internal
 */
export function sensitivityWith(
  pack: CompiledPack,
  inputs: readonly unknown[],
  options: SensitivityOptions,
  how: { readonly path?: 'reference' | 'filtered'; readonly stats?: FilterStats },
): SensitivityReport {
  const bad = packArgumentIssue(pack)
  throwIfAny(bad && [bad])
  throwIfAny(options === undefined ? [argumentIssue(['options'], 'object', options)] : optionKeyIssues(options, SENSITIVITY_OPTIONS), 'options')
  const draws = options.draws ?? 1000
  if (!Number.isInteger(draws) || draws < 0) {
    throw new ChisoError([issue('invalid_value', ['draws'], { value: draws, detail: 'số lần rút phải là số nguyên ≥ 0', detailEn: 'draws must be a whole number ≥ 0' }, draws)], 'options')
  }
  const seed = options.seed ?? 1
  const method = options.rankingMethod ?? pack.ranking.method
  // scores are read here and dropped: nothing outlives the call, so the inputs are borrowed
  // (no copies), but every input is still checked whole
  // each position read once, as a batch reads them (holes and unreadable positions refused)
  const problems: ChisoIssue[] = []
  const list = readInputs(inputs, problems)
  if (list === undefined || problems.length > 0) throw new ChisoError(problems, 'assessments')
  const scored = scoreAll(pack, list, false, undefined, true, true)
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
  const integerPath = how.path === undefined && L <= 1_000_000n && Dw <= 1_000_000n && bound < 2 ** 52 && pack.rounding.index === undefined

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

  const rankScaled = (weights: readonly Exact[], P: Float64Array, M: Float64Array, R: Float64Array): Int32Array => {
    const rank = new Int32Array(n)
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

  // the reference: exact rationals throughout
  const valueOf = (weights: readonly Exact[], i: number): Exact => {
    let s = rootAdj[i]!
    let m = Exact.ZERO
    for (let a = 0; a < A; a++) {
      s = s.add(weights[a]!.mul(pts[i]![a]!))
      m = m.add(weights[a]!.mul(mx[i]![a]!))
    }
    const total = clampPoints(EXACT, s, m, pack.floor)
    return pack.ranking.by === 'points' ? total : rootIndex(pack, total, m)
  }
  const rankExact = (weights: readonly Exact[]): Int32Array => {
    const rank = new Int32Array(n)
    const values: Exact[] = new Array<Exact>(n)
    for (let i = 0; i < n; i++) values[i] = valueOf(weights, i)
    for (const members of groups.values()) {
      const r = rankValues(
        members.map((i) => values[i]!),
        method,
      )
      members.forEach((i, k) => (rank[i] = r[k]!))
    }
    return rank
  }

  const exactWeights = (k: readonly number[]): Exact[] => lo.map((l, a) => l.add(width[a]!.mul(Exact.ratio(k[a]!, STEPS))))
  const filtered =
    integerPath || how.path === 'reference'
      ? undefined
      : filteredRanking(pack, pts, mx, rootAdj, lo, width, groups, method, (k) => (k === undefined ? areas.map(() => Exact.ONE) : exactWeights(k)), valueOf, how.stats)
  const rankWith = (k: readonly number[] | undefined): Int32Array => {
    if (filtered) {
      const r = filtered.rank(k)
      if (r) return r
      if (how.stats) how.stats.exactDraws++
    }
    const w = k === undefined ? areas.map(() => Exact.ONE) : exactWeights(k)
    return P && M && R ? rankScaled(w, P, M, R) : rankExact(w)
  }

  // the unperturbed ranking: all weights 1, i.e. the published ranking
  const base = rankWith(undefined)
  const ranksByDraw: Int32Array[] = []
  const rnd = seededRandom(seed)
  const k: number[] = new Array<number>(A)
  for (let d = 0; d < draws; d++) {
    for (let a = 0; a < A; a++) k[a] = Math.floor(rnd() * (STEPS + 1))
    ranksByDraw.push(rankWith(k))
    options.onProgress?.(d + 1, draws)
  }

  // each unit's ranks over the draws, counted by rank (ranks are 1 … n): its percentiles
  // walk the counts from its best rank, with no sort
  const count = new Int32Array(n + 2)
  const units: RankInterval[] = results.flatMap((r, i) => {
    if (excluded?.(r)) return []
    const rank = base[i]!
    let best = rank
    let worst = rank
    if (draws > 0) {
      best = n + 1
      worst = 0
      for (let d = 0; d < draws; d++) {
        const v = ranksByDraw[d]![i]!
        count[v]!++
        if (v < best) best = v
        if (v > worst) worst = v
      }
    }
    // the rank at position `at` of the sorted ranks
    const pick = (q: number): number => {
      if (draws === 0) return rank
      const at = Math.min(draws - 1, Math.max(0, Math.ceil(q * draws) - 1))
      let seen = 0
      for (let v = best; ; v++) {
        seen += count[v]!
        if (seen > at) return v
      }
    }
    const p5 = pick(0.05)
    const p95 = pick(0.95)
    if (draws > 0) count.fill(0, best, worst + 1)
    return {
      unitId: r.unitId,
      group: r.group,
      rank,
      p5,
      p95,
      low: Math.min(p5, rank),
      high: Math.max(p95, rank),
      best,
      worst,
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

/** The filtered path's ranking of one draw; undefined when the draw is left to the reference. */
interface FilteredRanking {
  rank(k: readonly number[] | undefined): Int32Array | undefined
}

/** unit roundoff of doubles */
const U = 2 ** -53
/** slack for the rounding of the error bounds' own arithmetic (a few roundings of 2^-53 each) */
const SLACK = 1 + 2 ** -40
/** keys (the index in its last decimal) stay below this, so they are exact integers and their errors small */
const KEY_LIMIT = 2 ** 49

/**
 * Filtered arithmetic for packs whose amounts do not share a small denominator (e.g. unrounded
 * ratio leaves). Each draw works in doubles; a value is taken from its double only when the
 * double's proven error bound cannot change it, and is otherwise worked out exactly by the
 * reference (`valueOf`). The result is the reference's, always.
 *
 * The error bound (u = 2⁻⁵³; every quantity is a double unless exact is said):
 * - inputs: each area's points and maximum, the root's adjustments, the floor and the index
 *   scale are converted by `Exact.toNumber` with relative error ≤ 4u (≤ u for small parts;
 *   for long parts two 64-bit truncations and three roundings). Magnitudes are kept within
 *   [2⁻⁴⁰⁰, 2⁴⁰⁰] (else no filtering), so nothing overflows or underflows below.
 * - weights: wₐ = lo + width·k/10 000 is Wₐ/Dw with Wₐ, Dw whole numbers ≤ 2⁴¹: exact.
 * - the scaled total S = Dw·root + Σ Wₐ·pointsₐ (A + 1 terms): each product has relative error
 *   ≤ (1 + 4u)(1 + u) − 1 < 5.01u, the A additions add ≤ γ_A·Σ|terms| (γ_A = Au/(1 − Au)); with
 *   T = Σ|terms| computed alongside (fl(W·|p|) = |fl(W·p)|), |S̃ − S| ≤ (A + 8)·u·T̃. The same
 *   for M = Σ Wₐ·maxₐ and for F = Dw·floor.
 * - the clamp: the engine's clamp is min(max(S, min(F, M)), M), made of min and max, which move
 *   no value by more than their inputs move: |tot̃ − tot| ≤ Eₜ = max(E_S, E_F, E_M). No
 *   boundary of the clamp needs deciding.
 * - the division (ratio index, |M̃| > 2·E_M so M has M̃'s sign and |M| > |M̃|/2):
 *   |tot̃/M̃ − tot/M| ≤ Eₜ/|M̃| + 2·(|tot̃| + Eₜ)·E_M/M̃²; the scale's conversion, the
 *   division and the product add ≤ 7u·|q̃|. M exactly 0 (every Wₐ·maxₐ term 0) gives index 0,
 *   exactly, as the engine does. A points index is tot/Dw: Eₜ/Dw and u·|q̃|.
 * - the rounding: x = q·10^d (10^d exact, one more rounding: 2u·|x̃|). The index rounds by the
 *   magnitude of x to whole numbers, with boundaries at k + ½ (half-up, half-even) or at whole
 *   numbers (up, down). When |x̃| is farther than E_x from every boundary, x lies on the same
 *   side of each as x̃, so the rounded key (the index in units of 10^−d) is the double's.
 * Every bound is multiplied by 1 + 2⁻⁴⁰ for the roundings of its own arithmetic.
 * Keys then are exact integers (ranks by rankByKey, ties exact); unrounded keys (`points`
 * ranking, no index rounding) are compared on the doubles when they differ by more than both
 * bounds, else exactly (units with identical amounts compare equal without arithmetic).
 */
function filteredRanking(
  pack: CompiledPack,
  pts: readonly Exact[][],
  mx: readonly Exact[][],
  rootAdj: readonly Exact[],
  lo: readonly Exact[],
  width: readonly Exact[],
  groups: ReadonlyMap<string, number[]>,
  method: RankingMethod,
  weightsOf: (k: readonly number[] | undefined) => Exact[],
  valueOf: (weights: readonly Exact[], i: number) => Exact,
  stats: FilterStats | undefined,
): FilteredRanking | undefined {
  const n = pts.length
  const A = lo.length
  const rounding = pack.rounding.index
  if (rounding !== undefined && rounding.decimals > 15) return undefined

  // weights as whole numbers over one denominator: exact in doubles
  const stepsExact = Exact.ratio(STEPS, 1)
  let Dw = 1n
  for (let a = 0; a < A; a++) Dw = lcm(Dw, lcm(denominatorOf(lo[a]!), denominatorOf(width[a]!.div(stepsExact))))
  if (Dw > 2n ** 40n) return undefined
  const dw = Number(Dw)
  const DwE = Exact.ratioBig(Dw, 1n)
  const whole = (x: Exact): number => (x.isInteger() && Math.abs(x.toNumber()) <= 2 ** 40 ? x.toNumber() : Number.NaN)
  const WLo = new Float64Array(A)
  const WStep = new Float64Array(A)
  for (let a = 0; a < A; a++) {
    WLo[a] = whole(lo[a]!.mul(DwE))
    WStep[a] = whole(width[a]!.div(stepsExact).mul(DwE))
    if (!(WLo[a]! + WStep[a]! * STEPS <= 2 ** 41)) return undefined
  }

  // the amounts as doubles (and their magnitudes, for the bounds)
  let inRange = true
  const approx = (x: Exact): number => {
    if (x.isZero()) return 0
    const v = x.toNumber()
    const m = Math.abs(v)
    if (!(m >= 2 ** -400 && m <= 2 ** 400)) inRange = false
    return v
  }
  const P = new Float64Array(n * A)
  const PA = new Float64Array(n * A)
  const MX = new Float64Array(n * A)
  const MA = new Float64Array(n * A)
  const R = new Float64Array(n)
  const RA = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < A; a++) {
      const p = approx(pts[i]![a]!)
      const m = approx(mx[i]![a]!)
      P[i * A + a] = p
      PA[i * A + a] = Math.abs(p)
      MX[i * A + a] = m
      MA[i * A + a] = Math.abs(m)
    }
    R[i] = approx(rootAdj[i]!)
    RA[i] = Math.abs(R[i]!)
  }
  const floor = approx(pack.floor)
  const byPoints = pack.ranking.by === 'points'
  const pointsIndex = pack.indexFormula.kind === 'points'
  const scale = pointsIndex ? 1 : approx(pack.indexFormula.scale)
  if (!inRange) return undefined
  const pow = rounding === undefined ? 1 : 10 ** rounding.decimals
  const half = rounding?.mode === 'half-up' || rounding?.mode === 'half-even'
  const up = rounding?.mode === 'up'
  const keyed = rounding !== undefined && !byPoints

  // units with identical amounts have identical values in every draw (needed only where
  // unrounded keys are compared)
  const cls = new Int32Array(n)
  const classes = new Map<string, number>()
  for (let i = 0; i < n && !keyed; i++) {
    const sig = `${pts[i]!.join(',')};${mx[i]!.join(',')};${rootAdj[i]!}`
    let c = classes.get(sig)
    if (c === undefined) classes.set(sig, (c = classes.size))
    cls[i] = c
  }
  const members = [...groups.values()]
  // each group's order in the last draw: the next draw's starts from it
  const orders = members.map((g) => Int32Array.from(g, (_, j) => j))
  const ranked = new Uint8Array(n)
  for (const g of members) for (const i of g) ranked[i] = 1

  const K = (A + 8) * U * SLACK
  const W = new Float64Array(A)
  const key = new Float64Array(n)
  const err = new Float64Array(n)
  const exact: (Exact | undefined)[] = new Array<Exact | undefined>(n)
  const exactAt = new Int32Array(n).fill(-1)
  let draw = 0

  return {
    rank(k) {
      draw++
      let weights: Exact[] | undefined
      const exactOf = (i: number): Exact => {
        if (exactAt[i] !== draw) {
          exact[i] = valueOf((weights ??= weightsOf(k)), i)
          exactAt[i] = draw
        }
        return exact[i]!
      }
      for (let a = 0; a < A; a++) W[a] = k === undefined ? dw : WLo[a]! + WStep[a]! * k[a]!
      const F = dw * floor
      const EF = K * Math.abs(F)
      let values = 0
      let exactValues = 0
      for (let i = 0; i < n; i++) {
        if (ranked[i] === 0) continue
        values++
        let s = dw * R[i]!
        let t = dw * RA[i]!
        let m = 0
        let tm = 0
        const o = i * A
        for (let a = 0; a < A; a++) {
          const w = W[a]!
          s += w * P[o + a]!
          t += w * PA[o + a]!
          m += w * MX[o + a]!
          tm += w * MA[o + a]!
        }
        const EM = K * tm
        // the engine's clamp into [min(floor, max), max]
        const low = F < m ? F : m
        const tot = s > m ? m : s < low ? low : s
        const ET = Math.max(K * t, EF, EM)
        let q: number
        let E: number
        if (byPoints) {
          key[i] = tot
          err[i] = ET
          continue
        }
        if (pointsIndex) {
          q = tot / dw
          E = (ET / dw) * SLACK + 2 * U * Math.abs(q)
        } else if (tm === 0) {
          q = 0
          E = 0
        } else {
          const am = Math.abs(m)
          if (!(am > 2 * EM)) {
            // the maximum is too near 0 to divide by its double
            if (keyed) {
              exactValues++
              const v = Math.round(exactOf(i).toNumber() * pow)
              if (!(Math.abs(v) < KEY_LIMIT)) return undefined
              key[i] = v
            } else {
              key[i] = 0
              err[i] = Number.POSITIVE_INFINITY
            }
            continue
          }
          q = (tot / m) * scale
          E = scale * (ET / am + (2 * (Math.abs(tot) + ET) * EM) / (am * am)) * SLACK + 8 * U * Math.abs(q)
        }
        if (!keyed) {
          key[i] = q
          err[i] = E
          continue
        }
        const x = q * pow
        const Ex = E * pow * SLACK + 2 * U * Math.abs(x)
        const ax = Math.abs(x)
        if (!(ax < KEY_LIMIT)) return undefined
        const f = Math.floor(ax)
        const fr = ax - f
        const dist = half ? Math.abs(fr - 0.5) : Math.min(fr, 1 - fr)
        if (dist > Ex * SLACK + 2 ** -50) {
          const r = half ? (fr > 0.5 ? f + 1 : f) : up ? f + 1 : f
          key[i] = x < 0 && r !== 0 ? -r : r
        } else {
          // near a rounding boundary: the exact index, in units of its last decimal
          exactValues++
          const v = Math.round(exactOf(i).toNumber() * pow)
          if (!(Math.abs(v) < KEY_LIMIT)) return undefined
          key[i] = v
        }
      }
      if (stats) {
        stats.values += values
        stats.exactValues += exactValues
      }

      const rank = new Int32Array(n)
      for (let gi = 0; gi < members.length; gi++) {
        const g = members[gi]!
        const size = g.length
        const keys = new Float64Array(size)
        for (let j = 0; j < size; j++) keys[j] = key[g[j]!]!
        if (keyed) {
          rankIntegers(keys, orders[gi]!, method, g, rank)
          continue
        }
        const r = rankByKey(keys, method, (x, y) => {
          const a = g[x]!
          const b = g[y]!
          if (cls[a] === cls[b]) return 0
          if (stats) stats.compares++
          const d = key[a]! - key[b]!
          if (Math.abs(d) > (err[a]! + err[b]!) * SLACK) return d < 0 ? -1 : 1
          if (stats) stats.exactCompares++
          return exactOf(a).cmp(exactOf(b))
        }).ranks
        for (let j = 0; j < size; j++) rank[g[j]!] = r[j]!
      }
      return rank
    },
  }
}

/**
 * Ranks a group by exact integer keys (in doubles), as {@link rankByKey} does, writing
 * `rank[members[j]]`. Sorts by insertion from `order` (the group's order in the previous
 * draw, kept for the next): weights moved a little reorder few members. Past a budget of
 * moves (orders far apart, large groups) it sorts as rankByKey does.
 */
function rankIntegers(keys: Float64Array, order: Int32Array, method: RankingMethod, members: readonly number[], rank: Int32Array): void {
  const m = keys.length
  let budget = 32 * m
  for (let p = 1; p < m && budget >= 0; p++) {
    const cur = order[p]!
    const kc = keys[cur]!
    let q = p - 1
    while (q >= 0 && keys[order[q]!]! < kc) {
      order[q + 1] = order[q]!
      q--
    }
    budget -= p - 1 - q
    order[q + 1] = cur
  }
  if (budget < 0) order.set(rankByKey(keys, method).order)
  let r = 0
  let dense = 0
  for (let pos = 0; pos < m; pos++) {
    const j = order[pos]!
    if (pos === 0 || keys[order[pos - 1]!] !== keys[j]) {
      r = pos + 1
      dense++
    }
    rank[members[j]!] = method === 'dense' ? dense : r
  }
}
