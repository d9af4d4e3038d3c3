/**
 * The `branches` form: conditions tried in order. Its exact meaning and its lowering onto a
 * pack's decimal grid (for the integer lane), side by side.
 */
import { compileCondition, compileConditionOnSlots, readFact, type CustomOperators, type Facts } from '../conditions.js'
import type { RuleOutcome } from '../types.js'
import type { ChisoIssue, IssuePath } from '../../util/errors.js'
import type { ConditionInput } from '../../model/schemas.js'
import { TAKEN_OTHERWISE, toGrid, type Grid, type GridComparison, type GridLeaf } from '../../engine/grid.js'

const own = Object.prototype.hasOwnProperty

/** One branch: when its condition (json-rules-engine syntax) holds, its outcome. */
export interface Branch {
  readonly when: ConditionInput
  readonly outcome: RuleOutcome
}

/**
 * Branches tried in order: the first whose condition holds gives its outcome, none gives
 * `otherwise`. With none of the facts the conditions read present, nothing is decided.
 */
export interface BranchesForm {
  readonly form: 'branches'
  readonly branches: readonly Branch[]
  readonly otherwise: RuleOutcome
  /**
   * the custom condition operators the conditions may use: the compiling engine's, filled
   * in when the rule is compiled (a kind need not give them)
   */
  readonly operators?: CustomOperators
}

/**
 * The exact meaning of a branches form, as a function of the facts, and the facts its
 * conditions read. Condition problems are pushed to `issues` under `path` + branches.i.when.
 */
export function branchesExact(form: BranchesForm, path: IssuePath, issues: ChisoIssue[]): { exact: (facts: Facts) => RuleOutcome | undefined; facts: string[] } {
  const names = new Set<string>()
  const tests = form.branches.map((b, i) => {
    const c = compileCondition(b.when, [...path, 'branches', i, 'when'], issues, form.operators)
    for (const f of c.facts) names.add(f)
    return c.test
  })
  const factList = [...names]
  const { branches, otherwise } = form
  return {
    facts: factList,
    exact: (f) => {
      // with none of its facts present the rule has nothing to decide on
      let any = false
      for (let k = 0; k < factList.length && !any; k++) if (readFact(f, factList[k]!) !== undefined || own.call(f, factList[k]!)) any = true
      if (!any) return undefined
      for (let k = 0; k < tests.length; k++) if (tests[k]!(f)) return branches[k]!.outcome
      return otherwise
    },
  }
}

const ORDER_OPERATORS = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'])

/** A fact compared with a constant, as data; undefined for any other condition. */
function flatComparison(c: ConditionInput): GridComparison | undefined {
  if (!('fact' in c) || 'all' in c || 'any' in c || 'not' in c) return undefined
  if (c.path !== undefined || c.params !== undefined) return undefined
  const v = c.value
  if (c.operator === 'equal' || c.operator === 'notEqual') {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { fact: c.fact, operator: c.operator, value: v }
    return undefined
  }
  if (ORDER_OPERATORS.has(c.operator) && typeof v === 'number' && Number.isFinite(v)) return { fact: c.fact, operator: c.operator as GridComparison['operator'], value: v }
  return undefined
}

/** A branch that is one comparison or a flat all / any of them, as data. */
function flatBranch(when: ConditionInput, points: number, outcome: RuleOutcome): { all: boolean; comparisons: GridComparison[]; points: number; outcome: RuleOutcome } | undefined {
  const list = 'all' in when ? when.all : 'any' in when ? when.any : undefined
  if (list === undefined) {
    const one = flatComparison(when)
    return one ? { all: true, comparisons: [one], points, outcome } : undefined
  }
  if (list.length === 0) return undefined
  const comparisons: GridComparison[] = []
  for (const c of list) {
    const one = flatComparison(c)
    if (!one) return undefined
    comparisons.push(one)
  }
  return { all: 'all' in when, comparisons, points, outcome }
}

/**
 * The branches form on a grid, when every outcome's points fit it once rounded (toGrid).
 * Branches that are each one comparison of a fact with a constant, or a flat all / any of
 * them, become data the lane tests in its loop (equality with ===, order on numbers only:
 * values a comparison cannot take as they are ask the exact meaning); any other conditions
 * are compiled over one array of the facts, each read once, as the exact conditions are
 * (compileConditionOnSlots shares compileCondition's operators and paths).
 */
export function branchesLower(form: BranchesForm, facts: readonly string[], grid: Grid): GridLeaf | undefined {
  const pts: number[] = []
  for (const o of [...form.branches.map((b) => b.outcome), form.otherwise]) {
    const g = toGrid(o.points, grid)
    if (g === undefined) return undefined
    pts.push(g)
  }
  const other = pts.pop()!
  const flat = form.branches.map((b, k) => flatBranch(b.when, pts[k]!, b.outcome))
  if (flat.every((b) => b !== undefined)) return { op: 'branches', branches: flat as NonNullable<(typeof flat)[number]>[], otherwise: other, otherwiseOutcome: form.otherwise }
  const slots = new Map<string, number>()
  for (const name of facts) slots.set(name, slots.size)
  const tests = form.branches.map((b) => compileConditionOnSlots(b.when, slots, form.operators))
  if (slots.size !== facts.length) return undefined
  const count = tests.length
  const width = facts.length
  const values: unknown[] = new Array<unknown>(width).fill(undefined)
  const compute = (f: Facts): number => {
    let any = false
    for (let k = 0; k < width; k++) {
      const v = readFact(f, facts[k]!)
      values[k] = v
      if (!any && (v !== undefined || own.call(f, facts[k]!))) any = true
    }
    let out = other
    if (!any) out = Number.NaN
    else {
      for (let k = 0; k < count; k++) {
        if (tests[k]!(values)) {
          out = pts[k]!
          break
        }
      }
    }
    // keep nothing of this unit's facts alive
    for (let k = 0; k < width; k++) values[k] = undefined
    return out
  }
  return { op: 'compute', compute }
}

/** The lane's tables of flat branches (the Lane has them, see lane.ts). @internal */
export interface BranchTables {
  readonly leafFrom: Int32Array
  readonly leafTo: Int32Array
  readonly leafA: Float64Array
  readonly branchAll: Uint8Array
  readonly branchFrom: Int32Array
  readonly branchTo: Int32Array
  readonly branchPoints: Float64Array
  readonly comparisonSlot: Int32Array
  readonly comparisonOp: Uint8Array
  readonly comparisonValue: readonly (string | number | boolean | null)[]
}

/** comparison opcodes of the lowered branches @internal */
export const COMPARISON_OP: Readonly<Record<GridComparison['operator'], number>> = { equal: 0, notEqual: 1, lessThan: 2, lessThanInclusive: 3, greaterThan: 4, greaterThanInclusive: 5 }

/**
 * Lowered flat branches of leaf k on one unit's fact values: the first branch whose
 * comparisons hold gives its points. A value read that is absent, an object, or not a
 * number where a number is compared gives NaN: the exact meaning decides then (absent
 * facts, the json-rules-engine number checks, own-ness). @internal
 */
export function branchesScaled(t: BranchTables, k: number, values: readonly unknown[], taken: Int32Array | undefined): number {
  const { branchAll, branchFrom, branchTo, comparisonSlot, comparisonOp, comparisonValue } = t
  for (let b = t.leafFrom[k]!, end = t.leafTo[k]!; b < end; b++) {
    const all = branchAll[b] === 1
    let holds = all
    for (let j = branchFrom[b]!, stop = branchTo[b]!; j < stop; j++) {
      const v = values[comparisonSlot[j]!]
      if (v === undefined || (v !== null && (typeof v === 'object' || typeof v === 'function'))) return Number.NaN
      const c = comparisonValue[j]
      let r: boolean
      const cmp = comparisonOp[j]!
      if (cmp === 0) r = v === c
      else if (cmp === 1) r = v !== c
      else {
        if (typeof v !== 'number') return Number.NaN
        const n = c as number
        r = cmp === 2 ? v < n : cmp === 3 ? v <= n : cmp === 4 ? v > n : v >= n
      }
      if (r !== all) {
        holds = r
        break
      }
    }
    if (holds) {
      if (taken) taken[k] = b
      return t.branchPoints[b]!
    }
  }
  if (taken) taken[k] = TAKEN_OTHERWISE
  return t.leafA[k]!
}
