/**
 * The decimal grid of a pack that rounds its leaves: points as whole multiples of
 * 10^-decimals, held as safe integers in doubles. Integer sums, comparisons and clamps on
 * it are exact, so the integer lane (lane.ts) can score without building rationals.
 */
import { Exact, type RoundingMode } from '../util/exact.js'
import type { Facts } from '../rules/conditions.js'
import type { RuleOutcome } from '../rules/types.js'

/** Largest scaled value the lane lets through: products of two such stay exact. @internal */
export const GRID_LIMIT = 2 ** 52

/** (not public) the grid a pack's leaf rounding defines */
export interface Grid {
  readonly decimals: number
  readonly mode: RoundingMode
  /** 10^decimals */
  readonly scale: number
}

/**
 * A leaf's points on the grid: the rounded scaled integer, or NaN when this fast form
 * cannot decide (the rule's own exact compute then runs). Not public.
 */
export type GridCompute = (facts: Facts) => number

/**
 * A rule's form lowered onto the grid (rules/forms: each form file lowers itself, under the
 * conditions it states), as data, so the lane evaluates every leaf in one loop per form.
 * Each answers exactly as the form's exact meaning (then rounded onto the grid) for the
 * facts it accepts, and answers NaN — ask the rule's compute — for any other. Table forms
 * also name the rule outcome of each entry (the very objects the exact meaning returns), so
 * a traced unit can be explained from the entry the lane took. Not public.
 */
export type GridLeaf =
  /** the fact's value (a string or boolean, compared with ===) picks the points */
  | { readonly op: 'pick'; readonly fact: string; readonly values: readonly (string | boolean)[]; readonly points: readonly number[]; readonly outcomes: readonly RuleOutcome[] }
  /**
   * thresholds on a number fact, highest first: the first `min` the value passes (`>`
   * when exclusive, else `≥`) gives its points, none gives `otherwise`
   */
  | {
      readonly op: 'steps'
      readonly fact: string
      readonly mins: readonly number[]
      readonly exclusive: readonly boolean[]
      readonly points: readonly number[]
      readonly otherwise: number
      readonly outcomes: readonly RuleOutcome[]
      readonly otherwiseOutcome: RuleOutcome
    }
  /** whole counts n ≥ 0, d > 0: max when n ≥ d, else n/d × max rounded onto the grid */
  | { readonly op: 'ratio'; readonly numerator: string; readonly denominator: string; readonly max: number }
  /** a whole count n ≥ 0: min(n × each, cap) */
  | { readonly op: 'count'; readonly fact: string; readonly each: number; readonly cap: number }
  /**
   * branches tried in order, each an `all` or `any` of fact-against-constant comparisons:
   * the first that holds gives its points, none gives `otherwise`. Values a comparison
   * cannot take as they are (absent, objects, a non-number against a number) ask compute.
   */
  | {
      readonly op: 'branches'
      readonly branches: readonly { readonly all: boolean; readonly comparisons: readonly GridComparison[]; readonly points: number; readonly outcome: RuleOutcome }[]
      readonly otherwise: number
      readonly otherwiseOutcome: RuleOutcome
    }
  /** anything else: a function of the facts */
  | { readonly op: 'compute'; readonly compute: GridCompute }

/** what a leaf's lane value came from, besides a table entry ≥ 0: its rule's otherwise @internal */
export const TAKEN_OTHERWISE = -1
/** … or another way (no table entry: a computed value) @internal */
export const TAKEN_NONE = -2

/** The grid's rounding mode as a number, for the integer kernels. @internal */
export const ROUND_DOWN = 0
export const ROUND_UP = 1
const ROUND_HALF_UP = 2
export const ROUND_HALF_EVEN = 3

/** A grid's rounding mode as its ROUND_* code. @internal */
export function modeCodeOf(grid: Grid): number {
  return grid.mode === 'up' ? ROUND_UP : grid.mode === 'half-up' ? ROUND_HALF_UP : grid.mode === 'half-even' ? ROUND_HALF_EVEN : ROUND_DOWN
}

/** A fact compared with a constant: equality with any primitive, order with a number. Not public. */
export interface GridComparison {
  readonly fact: string
  readonly operator: 'equal' | 'notEqual' | 'lessThan' | 'lessThanInclusive' | 'greaterThan' | 'greaterThanInclusive'
  readonly value: string | number | boolean | null
}

/** x rounded onto the grid, as a scaled integer; undefined when too large. @internal */
export function toGrid(x: Exact, grid: Grid): number | undefined {
  const scaled = x.round(grid.decimals, grid.mode).mul(Exact.from(grid.scale))
  const n = scaled.toNumber()
  return Number.isSafeInteger(n) && Math.abs(n) <= GRID_LIMIT && Exact.from(n).eq(scaled) ? n : undefined
}

/** x on the grid exactly (no rounding needed), as a scaled integer; else undefined. @internal */
export function exactlyOnGrid(x: Exact, grid: Grid): number | undefined {
  const n = toGrid(x, grid)
  return n !== undefined && Exact.ratio(n, grid.scale).eq(x) ? n : undefined
}
