/**
 * The `pick` form: a fact's value picks the outcome. Its exact meaning and its lowering onto
 * a pack's decimal grid (for the integer lane), side by side.
 */
import { readFact, type Facts } from '../conditions.js'
import type { RuleOutcome } from '../types.js'
import { TAKEN_NONE, toGrid, type Grid, type GridLeaf } from '../../engine/grid.js'

/**
 * The fact's value, compared with `===`, picks the outcome at the first equal entry of
 * `values`; any other value (absent, another type) decides nothing. `boolean` and `choice`
 * compile to it.
 */
export interface PickForm {
  readonly form: 'pick'
  readonly fact: string
  readonly values: readonly (string | boolean)[]
  /** one per value: the outcome it picks */
  readonly outcomes: readonly RuleOutcome[]
}

/** The exact meaning of a pick form, as a function of the facts. */
export function pickExact(form: PickForm): (facts: Facts) => RuleOutcome | undefined {
  const { fact, values, outcomes } = form
  // the first entry of each value wins, as in the lane's scan
  const byValue = new Map<string | boolean, RuleOutcome>()
  values.forEach((v, j) => {
    if (!byValue.has(v)) byValue.set(v, outcomes[j]!)
  })
  return (facts) => {
    const v = readFact(facts, fact)
    return typeof v === 'string' || typeof v === 'boolean' ? byValue.get(v) : undefined
  }
}

/**
 * The pick form on a grid: each outcome's points rounded onto it (what leaf rounding makes
 * of them on every path). Exact whenever every outcome's points fit the grid (`toGrid`);
 * otherwise undefined and the lane asks the exact meaning.
 */
export function pickLower(form: PickForm, grid: Grid): GridLeaf | undefined {
  const points: number[] = []
  for (const o of form.outcomes) {
    const g = toGrid(o.points, grid)
    if (g === undefined) return undefined
    points.push(g)
  }
  return { op: 'pick', fact: form.fact, values: form.values, points, outcomes: form.outcomes }
}

/**
 * The lowered pick on one value: the index of the entry it picks among values[from … to),
 * or TAKEN_NONE (ask the exact meaning). The same `===` as pickExact. @internal
 */
export function pickEntry(values: readonly (string | boolean)[], from: number, to: number, v: unknown): number {
  for (let j = from; j < to; j++) if (values[j] === v) return j
  return TAKEN_NONE
}
