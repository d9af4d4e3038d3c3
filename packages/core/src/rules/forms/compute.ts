/**
 * The `compute` form: an opaque exact function, for a plug-in kind that gives no data form.
 * It has no lowering: the integer lane asks the function itself for such a leaf and rounds
 * its exact points onto the grid as leaf rounding does on every path (a result too large
 * for the grid, absent facts or inconsistent data send the unit to the general path).
 */
import type { Facts } from '../conditions.js'
import type { RuleOutcome } from '../types.js'

/** An exact function of the facts; undefined when the facts it needs are absent. */
export interface ComputeForm {
  readonly form: 'compute'
  readonly compute: (facts: Facts, explain: boolean) => RuleOutcome | undefined
}
