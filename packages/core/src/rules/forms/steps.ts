/**
 * The `steps` form: thresholds on a number fact. Its exact meaning and its lowering onto a
 * pack's decimal grid (for the integer lane), side by side.
 */
import { readFact, type Facts } from '../conditions.js'
import { readNumberFact } from '../facts.js'
import type { RuleOutcome } from '../types.js'
import { Exact } from '../../util/exact.js'
import { TAKEN_NONE, TAKEN_OTHERWISE, toGrid, type Grid, type GridLeaf } from '../../engine/grid.js'

/** One threshold: a value at or above `min` (above, when exclusive) gives `outcome`. */
export interface Step {
  readonly min: Exact
  readonly exclusive: boolean
  readonly outcome: RuleOutcome
}

/**
 * A number fact (a number, or decimal text) against thresholds tried in order: the first it
 * passes gives its outcome, none gives `otherwise`; a fact that is no number decides
 * nothing. The `steps` kind lists them highest first.
 */
export interface StepsForm {
  readonly form: 'steps'
  readonly fact: string
  readonly steps: readonly Step[]
  readonly otherwise: RuleOutcome
}

/**
 * The double that stands for a threshold, when comparisons against it can be done on
 * doubles exactly. A fact number x means the decimal String(x) prints; rounding to the
 * nearest double is monotone, so for a threshold t whose own shortest form is itself
 * (at most 15 significant digits), x ⋚ double(t) exactly when String(x) ⋚ t.
 */
function asDouble(t: Exact): number | undefined {
  const d = t.toNumber()
  if (!Number.isFinite(d)) return undefined
  const back = Exact.tryFrom(d)
  return back !== undefined &&
    back.eq(t) &&
    String(d)
      .replace(/^-|\.|e.*$/g, '')
      .replace(/^0+/, '').length <= 15
    ? d
    : undefined
}

/** The exact meaning of a steps form, as a function of the facts. */
export function stepsExact(form: StepsForm): (facts: Facts) => RuleOutcome | undefined {
  const { fact, steps, otherwise } = form
  const doubles = steps.map((st) => asDouble(st.min))
  const allDoubles = doubles.every((m) => m !== undefined)
  const mins = Float64Array.from(doubles, (m) => m ?? Number.NaN)
  const exclusive = Uint8Array.from(steps, (st) => (st.exclusive ? 1 : 0))
  return (facts) => {
    const raw = readFact(facts, fact)
    if (allDoubles && typeof raw === 'number') {
      // a plain number against thresholds that are short decimals: comparing the doubles
      // decides exactly as comparing their decimal values would (see asDouble)
      const j = stepsEntry(mins, exclusive, 0, steps.length, raw)
      return j === TAKEN_NONE ? undefined : j === TAKEN_OTHERWISE ? otherwise : steps[j]!.outcome
    }
    const x = readNumberFact(facts, fact)
    if (x === undefined) return undefined
    for (const st of steps) {
      const c = x.cmp(st.min)
      if (c > 0 || (c === 0 && !st.exclusive)) return st.outcome
    }
    return otherwise
  }
}

/**
 * The steps form on a grid. Exact when every threshold is a double that compares exactly
 * (asDouble: the very comparison stepsExact makes on plain numbers) and every outcome's
 * points fit the grid once rounded (toGrid); otherwise undefined. Facts that are not plain
 * finite numbers (decimal text) ask the exact meaning.
 */
export function stepsLower(form: StepsForm, grid: Grid): GridLeaf | undefined {
  const mins: number[] = []
  for (const st of form.steps) {
    const m = asDouble(st.min)
    if (m === undefined) return undefined
    mins.push(m)
  }
  const points: number[] = []
  for (const o of [...form.steps.map((st) => st.outcome), form.otherwise]) {
    const g = toGrid(o.points, grid)
    if (g === undefined) return undefined
    points.push(g)
  }
  const other = points.pop()!
  return {
    op: 'steps',
    fact: form.fact,
    mins,
    exclusive: form.steps.map((st) => st.exclusive),
    points,
    otherwise: other,
    outcomes: form.steps.map((st) => st.outcome),
    otherwiseOutcome: form.otherwise,
  }
}

/**
 * Thresholds as doubles on one value: the index of the first step among [from … to) it
 * passes, TAKEN_OTHERWISE when none, TAKEN_NONE when the value is no finite number (the
 * exact meaning then decides). Shared by stepsExact and the lane. @internal
 */
export function stepsEntry(mins: Float64Array, exclusive: Uint8Array, from: number, to: number, raw: unknown): number {
  if (typeof raw !== 'number' || raw - raw !== 0) return TAKEN_NONE
  for (let j = from; j < to; j++) {
    const m = mins[j]!
    if (raw > m || (raw === m && exclusive[j] === 0)) return j
  }
  return TAKEN_OTHERWISE
}
