/**
 * The `count` form: n × each, capped. Its exact meaning and its lowering onto a pack's
 * decimal grid (for the integer lane), side by side.
 */
import type { Facts } from '../conditions.js'
import { readComputedFact } from '../facts.js'
import type { RuleOutcome } from '../types.js'
import { Exact } from '../../util/exact.js'
import { GRID_LIMIT, toGrid, type Grid, type GridLeaf } from '../../engine/grid.js'

/** A number fact n: n × `each`, at least 0 and at most `cap`. */
export interface CountForm {
  readonly form: 'count'
  readonly fact: string
  readonly each: Exact
  readonly cap: Exact
}

/** The exact meaning of a count form, as a function of the facts. */
export function countExact(form: CountForm): (facts: Facts, explain: boolean) => RuleOutcome | undefined {
  const { fact, each, cap } = form
  return (facts, explain) => {
    const n = readComputedFact(facts, fact)
    if (n === undefined) return undefined
    let points = n.mul(each)
    if (points.isNegative()) points = Exact.ZERO
    if (points.gt(cap)) return { points: cap, branch: explain ? `${n} × ${each} capped at ${cap}` : 'count capped' }
    return { points, branch: explain ? `${n} × ${each}` : 'count × points each' }
  }
}

/**
 * The count form on a grid: when `each` and `cap` sit on the grid exactly and each ≥ 0,
 * whole counts n ≥ 0 give min(n × each, cap) in integers; any other fact asks the exact
 * meaning.
 */
export function countLower(form: CountForm, grid: Grid): GridLeaf | undefined {
  const e = toGrid(form.each, grid)
  const c = toGrid(form.cap, grid)
  if (e === undefined || c === undefined || e < 0 || !Exact.ratio(e, grid.scale).eq(form.each) || !Exact.ratio(c, grid.scale).eq(form.cap)) return undefined
  return { op: 'count', fact: form.fact, each: e, cap: c }
}

/** The lowered count on one value: min(v × each, cap) scaled, or NaN (ask the exact meaning). @internal */
export function countScaled(v: unknown, each: number, cap: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return Number.NaN
  const p = v * each
  if (p > GRID_LIMIT) return Number.NaN
  return p > cap ? cap : p
}
