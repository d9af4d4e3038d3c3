/**
 * How a node's points settle, defined once: its points (a leaf's, or the sum of its
 * children's) → its adjustments (each capped, bonuses and deductions summed, each sum capped
 * for the node, then added and taken away) → kept within [min(floor, max), max].
 *
 * Generic over the numbers it runs on: exact rationals (the interpreter, sensitivity's exact
 * path) or scaled integers on the lane's grid (the lane, sensitivity's integer path), so the
 * two paths cannot come to mean different things. What happens is told to an optional
 * recorder as events; the interpreter's renders them as the trace's text.
 */
import { Exact } from '../util/exact.js'
import { GRID_LIMIT } from './grid.js'
import type { TraceEvent } from './trace-events.js'

/** The arithmetic a settle runs on. @internal */
export interface Arithmetic<T> {
  readonly zero: T
  add(a: T, b: T): T
  sub(a: T, b: T): T
  /** a > b */
  gt(a: T, b: T): boolean
  /** a < b */
  lt(a: T, b: T): boolean
  isZero(a: T): boolean
  /** false when a has left the range these numbers hold exactly (never, for rationals) */
  holds(a: T): boolean
}

/** Exact rationals. @internal */
export const EXACT: Arithmetic<Exact> = {
  zero: Exact.ZERO,
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  gt: (a, b) => a.gt(b),
  lt: (a, b) => a.lt(b),
  isZero: (a) => a.isZero(),
  holds: () => true,
}

/**
 * Scaled integers held in doubles (the lane's grid, sensitivity's common denominator): exact
 * while they stay within the grid's limit; a sum beyond it is not decided here.
 * @internal
 */
export const SCALED: Arithmetic<number> = {
  zero: 0,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  gt: (a, b) => a > b,
  lt: (a, b) => a < b,
  isZero: (a) => a === 0,
  holds: (a) => a <= GRID_LIMIT && a >= -GRID_LIMIT,
}

/**
 * Where a node's adjustments come from: the `j`-th adjustment's kind, its own cap and its
 * amount for the unit at hand (`state`: whatever the caller needs to work it out).
 * @internal
 */
export interface AdjustmentSource<T, S> {
  /** the amount before its cap; undefined when it cannot be decided on these numbers (the lane then leaves the unit to the exact path) */
  amount(state: S, j: number): T | undefined
  isBonus(state: S, j: number): boolean
  /** the adjustment's own cap (undefined, or an infinite one, for none) */
  cap(state: S, j: number): T | undefined
}

/** What a settle tells as it goes (the trace's events), each only when it happens. @internal */
export interface SettleSteps<T> {
  /** adjustment j: its amount, and what counted of it after its own cap */
  adjustment(j: number, amount: T, counted: T): void
  /** the node's bonuses or deductions, above the node's cap for them */
  capped(kind: 'bonus' | 'deduction', total: T, cap: T): void
  /** the adjustments that change the points (a bonus or a deduction not zero) */
  adjusted(bonus: T, deduction: T): void
  /** points above the maximum, brought down to it */
  above(points: T, max: T): void
  /** points below min(floor, max), brought up to it */
  below(points: T, low: T): void
}

/** The bonus and deduction a settle applied to a node (after every cap). @internal */
export interface Adjusted<T> {
  bonus: T
  deduction: T
}

/**
 * A node's points after its adjustments `from … to` of `source`: each adjustment's amount
 * capped by its own cap, bonuses and deductions summed apart, each sum capped by the node's
 * cap for it, then points + bonus − deduction. The sums applied are written to `out`.
 * Returns undefined when an amount cannot be decided, or a sum leaves what `num` holds.
 * @internal
 */
export function adjustPoints<T, S>(
  num: Arithmetic<T>,
  points: T,
  source: AdjustmentSource<T, S>,
  state: S,
  from: number,
  to: number,
  capBonus: T | undefined,
  capDeduction: T | undefined,
  out: Adjusted<T>,
  steps?: SettleSteps<T>,
): T | undefined {
  let b = num.zero
  let d = num.zero
  for (let j = from; j < to; j++) {
    const amount = source.amount(state, j)
    if (amount === undefined) return undefined
    const cap = source.cap(state, j)
    const counted = cap !== undefined && num.gt(amount, cap) ? cap : amount
    if (source.isBonus(state, j)) {
      b = num.add(b, counted)
      if (!num.holds(b)) return undefined
    } else {
      d = num.add(d, counted)
      if (!num.holds(d)) return undefined
    }
    steps?.adjustment(j, amount, counted)
  }
  if (capBonus !== undefined && num.gt(b, capBonus)) {
    steps?.capped('bonus', b, capBonus)
    b = capBonus
  }
  if (capDeduction !== undefined && num.gt(d, capDeduction)) {
    steps?.capped('deduction', d, capDeduction)
    d = capDeduction
  }
  out.bonus = b
  out.deduction = d
  if (!num.isZero(b) || !num.isZero(d)) steps?.adjusted(b, d)
  return num.sub(num.add(points, b), d)
}

/**
 * A node's points before its adjustments: the sum of its children's, each read at
 * `base + children[c]` for c in `from … to` (the lane keeps a unit's points at an offset in
 * one buffer; the exact path at 0 in its own list). Sums on scaled integers stay exact: every
 * child is already within [min(floor, max), max], far inside the grid's limit. @internal
 */
export function sumPoints<T>(num: Arithmetic<T>, points: ArrayLike<T>, base: number, children: ArrayLike<number>, from: number, to: number): T {
  let s = num.zero
  for (let c = from; c < to; c++) s = num.add(s, points[base + children[c]!]!)
  return s
}

/**
 * Points kept within [min(floor, max), max]: the node's own floor (the pack's for the root)
 * never lifts points above the node's (applicable) maximum. @internal
 */
export function clampPoints<T>(num: Arithmetic<T>, points: T, max: T, floor: T, steps?: SettleSteps<T>): T {
  if (num.gt(points, max)) {
    steps?.above(points, max)
    return max
  }
  const low = num.lt(floor, max) ? floor : max
  if (num.lt(points, low)) {
    steps?.below(points, low)
    return low
  }
  return points
}

/**
 * The whole settle of a node: its points (a leaf's, or the sum of its children's) through
 * its adjustments (see {@link adjustPoints}) and into [min(floor, max), max]. Undefined
 * when the adjustments cannot be decided on these numbers. @internal
 */
export function settle<T, S>(
  num: Arithmetic<T>,
  points: T,
  source: AdjustmentSource<T, S>,
  state: S,
  from: number,
  to: number,
  caps: { readonly bonus?: T | undefined; readonly deduction?: T | undefined },
  max: T,
  floor: T,
  out: Adjusted<T>,
  steps?: SettleSteps<T>,
): T | undefined {
  let p: T | undefined = points
  if (to > from) {
    p = adjustPoints(num, points, source, state, from, to, caps.bonus, caps.deduction, out, steps)
    if (p === undefined) return undefined
  } else {
    out.bonus = num.zero
    out.deduction = num.zero
  }
  return clampPoints(num, p, max, floor, steps)
}

/**
 * The trace events of a settle on exact numbers, written to `events` (their English lines
 * are the words every trace has used: "below the floor: -2 → 0"). One recorder serves a
 * whole unit: point `events` at each node's list in turn. @internal
 */
export class TextSteps implements SettleSteps<Exact> {
  constructor(public events: TraceEvent[]) {}
  adjustment(_j: number, _amount: Exact, _counted: Exact): void {}
  capped(kind: 'bonus' | 'deduction', total: Exact, cap: Exact): void {
    this.events.push({ kind: 'capped', what: kind, total, cap })
  }
  adjusted(bonus: Exact, deduction: Exact): void {
    this.events.push({ kind: 'adjustments', bonus, deduction })
  }
  above(points: Exact, max: Exact): void {
    this.events.push({ kind: 'above_maximum', points, max })
  }
  below(points: Exact, low: Exact): void {
    this.events.push({ kind: 'below_floor', points, floor: low })
  }
}
