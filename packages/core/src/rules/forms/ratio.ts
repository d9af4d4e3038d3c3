/**
 * The `ratio` form: n / d × max. Its exact meaning and its lowering onto a pack's decimal
 * grid (for the integer lane), side by side.
 */
import { readFact, type Facts } from '../conditions.js'
import { readComputedFact } from '../facts.js'
import type { RuleOutcome } from '../types.js'
import { inconsistentDataMessage } from '../../util/errors.js'
import { Exact, reducedInto } from '../../util/exact.js'
import { ROUND_DOWN, ROUND_HALF_EVEN, ROUND_UP, toGrid, type Grid, type GridLeaf } from '../../engine/grid.js'

/**
 * `numerator / whole × max`, within [0, max]. The whole is a fact (`denominator`: a part of
 * it, so a numerator above it or a negative count is flagged `inconsistent_data`) or a
 * constant target (`of`: only a negative numerator is flagged). A zero denominator gives
 * max (`full`) or 0 (`zero`).
 */
export interface RatioForm {
  readonly form: 'ratio'
  readonly numerator: string
  /** exactly one of `denominator` (a fact) and `of` (a positive constant) */
  readonly denominator?: string
  readonly of?: Exact
  readonly max: Exact
  readonly zeroDenominator: 'full' | 'zero'
  /** the criterion's code, quoted by the inconsistent-data flag */
  readonly code: string
}

/** The branch text of a ratio of whole counts, as a trace shows it ("17/19 × 2"). @internal */
export function ratioBranch(numerator: number, denominator: number, maxText: string): string {
  // a whole number prints as its Exact does; one join makes one flat string
  return [String(numerator), '/', String(denominator), ' × ', maxText].join('')
}

/**
 * Whether a ratio's counts are whole numbers 0 ≤ rn ≤ rd with rd > 0: the common case, which
 * contradicts nothing and scores rn / rd × max (max itself when rn = rd).
 */
function wholeCounts(rn: unknown, rd: unknown): rn is number {
  return typeof rn === 'number' && typeof rd === 'number' && Number.isSafeInteger(rn) && Number.isSafeInteger(rd) && rn >= 0 && rd > 0 && rn <= rd
}

/**
 * The ratio form's points on whole counts (see `wholeCounts`) as a reduced fraction of safe
 * integers in `out`, without a rational or an outcome: the same value as {@link ratioExact}
 * gives there. False (out untouched) for any other facts, or when a product leaves the safe
 * integers: the caller then asks the form's exact meaning. @internal
 */
export function ratioParts(form: RatioForm, facts: Facts, out: { n: number; d: number }): boolean {
  const denominator = form.denominator
  if (form.of !== undefined || denominator === undefined) return false
  const rn = readFact(facts, form.numerator)
  const rd = readFact(facts, denominator)
  if (!wholeCounts(rn, rd)) return false
  const mn = form.max.smallNumerator
  const md = form.max.smallDenominator
  const n = rn * mn
  const d = (rd as number) * md
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) return false
  reducedInto(n, d, out)
  return true
}

/** The exact meaning of a ratio form, as a function of the facts. */
export function ratioExact(form: RatioForm): (facts: Facts, explain: boolean) => RuleOutcome | undefined {
  const { numerator, denominator, of, max } = form
  const zeroDen: RuleOutcome = form.zeroDenominator === 'zero' ? { points: Exact.ZERO, branch: 'denominator 0 → 0' } : { points: max, branch: `denominator 0 → ${max}` }
  const full: RuleOutcome = { points: max, branch: 'ratio ≥ 1 → max' }
  const maxText = max.toString()
  /**
   * Counts that contradict each other: a negative one, or — over a denominator fact, a
   * part of a whole — a numerator above it (or above 0 over 0). Above a fixed `of` (a
   * target, e.g. 14 meetings of 12 required) is no contradiction.
   */
  const inconsistency = (n: Exact, d: Exact): 'above' | 'negative' | 'zero_denominator' | undefined => {
    if (n.isNegative() || d.isNegative()) return 'negative'
    if (of !== undefined) return undefined
    if (d.isZero()) return n.isZero() ? undefined : 'zero_denominator'
    return n.gt(d) ? 'above' : undefined
  }
  return (f, explain) => {
    // the common case: whole-number counts (dossiers on time / dossiers), in one step
    if (of === undefined && denominator !== undefined) {
      const rn = readFact(f, numerator)
      const rd = readFact(f, denominator)
      if (wholeCounts(rn, rd)) {
        if (!explain) return rn === rd ? full : { points: Exact.scaledRatio(rn, rd as number, max), branch: 'ratio × max' }
        // a whole number prints as its Exact does
        return { points: rn === rd ? max : Exact.scaledRatio(rn as number, rd as number, max), branch: ratioBranch(rn as number, rd as number, maxText) }
      }
    }
    const n = readComputedFact(f, numerator)
    const d = of ?? (denominator === undefined ? undefined : readComputedFact(f, denominator))
    if (n === undefined || d === undefined) return undefined
    let out: RuleOutcome
    if (d.isZero()) out = zeroDen
    else {
      // n/d × max, clamped to [0, max]: the quotient is formed once, not step by step
      const ratioAtLeastOne = d.isNegative() ? n.cmp(d) <= 0 : n.cmp(d) >= 0
      const negative = !n.isZero() && n.isNegative() !== d.isNegative()
      const points = negative ? Exact.ZERO : ratioAtLeastOne ? max : n.mul(max).div(d)
      out = { points, branch: explain ? `${n}/${d} × ${max}` : 'ratio × max' }
    }
    const reason = inconsistency(n, d)
    if (reason === undefined) return out
    const values = { numerator: n.toString(), denominator: d.toString() }
    const message = inconsistentDataMessage({ code: form.code, reason, numerator: values.numerator, numeratorFact: numerator, denominator: values.denominator, denominatorFact: denominator })
    return { points: out.points, branch: out.branch, inconsistent: { values, message } }
  }
}

/**
 * The ratio form on a grid: over a denominator fact only, and only when max sits on the
 * grid exactly (so n/d × max rounds in integers as the exact value rounds). The lowered
 * form takes whole counts 0 ≤ n ≤ d, d > 0, with n × max and d within RATIO_LIMIT; any
 * other facts ask the exact meaning.
 */
export function ratioLower(form: RatioForm, grid: Grid): GridLeaf | undefined {
  if (form.of !== undefined || form.denominator === undefined) return undefined
  const max = toGrid(form.max, grid)
  if (max === undefined || !Exact.ratio(max, grid.scale).eq(form.max)) return undefined
  return { op: 'ratio', numerator: form.numerator, denominator: form.denominator, max }
}

/** 2a + 2rd stays a safe integer below this */
const RATIO_LIMIT = 2 ** 50

/**
 * The lowered ratio on one unit's counts: rn / rd × max (max scaled) rounded onto the grid
 * in the grid's mode (a ROUND_* code), or NaN (ask the exact meaning). @internal
 */
export function ratioScaled(rn: unknown, rd: unknown, max: number, modeCode: number): number {
  // a numerator above its denominator is flagged (inconsistent_data): the exact meaning decides
  if (typeof rn !== 'number' || typeof rd !== 'number' || !Number.isSafeInteger(rn) || !Number.isSafeInteger(rd) || rn < 0 || rd <= 0 || rn > rd) return Number.NaN
  if (rn === rd) return max
  const a = rn * max
  if (a > RATIO_LIMIT || rd > RATIO_LIMIT) return Number.NaN
  // round(a / rd) as one floor of (2a + bias) / 2rd, so no branch depends on the unit's
  // numbers; the float quotient is corrected with exact remainders
  const bias = modeCode === ROUND_DOWN ? 0 : modeCode === ROUND_UP ? 2 * rd - 2 : rd
  const num = 2 * a + bias
  const den = 2 * rd
  let q = Math.floor(num / den)
  let r = num - q * den
  if (r < 0) {
    q -= 1
    r += den
  } else if (r >= den) {
    q += 1
    r -= den
  }
  // half-even: an exact tie rounded up to an odd number goes back down
  if (modeCode === ROUND_HALF_EVEN && r === 0 && q % 2 === 1) q -= 1
  return q
}
