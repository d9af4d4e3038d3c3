/**
 * The integer lane: batch scoring for packs that round their leaves. Every leaf's points
 * then sit on a decimal grid (multiples of 10^-decimals), so a unit's points are held as
 * scaled safe integers in one Float64Array: sums, caps and clamps are exact integer
 * operations, and rationals are built only when a result is read.
 *
 * Leaves are scored from their rules' forms lowered onto the grid (rules/forms: each form's
 * exact meaning and its integer lowering are defined side by side there); a leaf whose rule
 * gives no form, or whose form is not exact on this grid, is scored by its rule's exact
 * compute and rounded onto the grid as leaf rounding does on every path.
 *
 * The lane takes the common case only — facts decide every leaf, nothing is entered by
 * hand, nothing is not-applicable — and hands every other unit, and every unit whose facts
 * it cannot use as they are, to the general path (evaluate.ts), which then decides,
 * flags and reports exactly as it always does. Property tests hold both paths equal.
 */
import type { CompiledPack } from '../model/compile.js'
import type { Facts } from '../rules/conditions.js'
import { Exact } from '../util/exact.js'
import { exactlyOnGrid, modeCodeOf, TAKEN_NONE, TAKEN_OTHERWISE, toGrid, type Grid, type GridCompute, type GridLeaf } from './grid.js'
import type { CompiledRule, RuleOutcome } from '../rules/types.js'
import { lowerForm } from '../rules/forms/index.js'
import { pickEntry } from '../rules/forms/pick.js'
import { stepsEntry } from '../rules/forms/steps.js'
import { ratioScaled } from '../rules/forms/ratio.js'
import { countScaled } from '../rules/forms/count.js'
import { branchesScaled, COMPARISON_OP, type BranchTables } from '../rules/forms/branches.js'
import type { Assessment } from '../model/schemas.js'
import { isPlainObject } from './assessment-input.js'
import { FORBIDDEN_KEYS } from '../model/validate.js'
import { isNormalUnitId } from '../population/unit-ids.js'
import { adjustPoints, clampPoints, SCALED, sumPoints, type Adjusted, type AdjustmentSource } from './settle.js'

/** maxima above this (scaled) leave the lane: sums of a few stay far from 2^53 */
const MAX_SCALED = 2 ** 40
const NO_CAP = Number.POSITIVE_INFINITY

/** A pack prepared for the integer lane. @internal */
export interface Lane extends BranchTables {
  // branches of 'branches' leaves (leafFrom / leafTo index them) and their comparisons: BranchTables
  readonly pack: CompiledPack
  readonly grid: Grid
  /** the rounding mode as a number (ROUND_*) */
  readonly modeCode: number
  /** 10^decimals as an Exact, for reading results back */
  readonly scaleExact: Exact
  readonly count: number
  /** per unit: the points of every node, then bonus and deduction of each adjusted node */
  readonly stride: number
  /** per node: its slot among the adjusted nodes, or -1 */
  readonly adjustedSlot: Int32Array
  /**
   * every fact scoring reads (grid forms first), once each: a unit's values are read and
   * checked in one pass
   */
  readonly factNames: readonly string[]
  /** the leaves' node indexes, in post-order */
  readonly leaves: Int32Array
  /** per leaf (aligned with `leaves`): its grid form as an opcode and operands */
  readonly leafOp: Uint8Array
  /** per leaf: the slot (index in factNames) of its fact and of its second fact */
  readonly leafSlot: Int32Array
  readonly leafSlot2: Int32Array
  readonly leafA: Float64Array
  readonly leafB: Float64Array
  /** per leaf: 1 when nothing applies to its points after its rule (no adjustments, floor ≤ 0) */
  readonly leafPlain: Uint8Array
  /** per leaf: its range in the pick / steps tables */
  readonly leafFrom: Int32Array
  readonly leafTo: Int32Array
  readonly pickValues: readonly (string | boolean)[]
  readonly stepMin: Float64Array
  readonly stepExclusive: Uint8Array
  readonly tablePoints: Float64Array
  readonly leafCompute: readonly (GridCompute | undefined)[]
  readonly leafRule: readonly CompiledRule[]
  /** the rule outcome of each pick / steps entry, of each branch, and each leaf's otherwise */
  readonly tableOutcome: readonly RuleOutcome[]
  readonly branchOutcome: readonly RuleOutcome[]
  readonly otherwiseOutcome: readonly (RuleOutcome | undefined)[]
  /** leaves of grid-form kind o are leaves[opStart[o] … opStart[o + 1]) */
  readonly opStart: Int32Array
  /** the inner nodes, children before parents */
  readonly inner: Int32Array
  readonly childOffset: Int32Array
  readonly children: Int32Array
  readonly max: Float64Array
  /** min(floor, max) per node */
  readonly low: Float64Array
  readonly capBonus: Float64Array
  readonly capDeduction: Float64Array
  /** per node: range of its adjustments in the adj* arrays */
  readonly adjOffset: Int32Array
  readonly adjIsBonus: Uint8Array
  readonly adjCap: Float64Array
  readonly adjFast: readonly (GridCompute | undefined)[]
  readonly adjCompute: readonly (((facts: Facts) => { amount: Exact; unusable?: boolean }) | undefined)[]
}

// leaf opcodes: see GridLeaf
const OP_ASK = 0
const OP_PICK = 1
const OP_STEPS = 2
const OP_RATIO = 3
const OP_COUNT = 4
const OP_COMPUTE = 5
const OP_BRANCHES = 6
const OP_COUNT_ALL = 7
const OP_BY_FORM: Readonly<Record<string, number>> = { pick: OP_PICK, steps: OP_STEPS, ratio: OP_RATIO, count: OP_COUNT, compute: OP_COMPUTE, branches: OP_BRANCHES }

/**
 * A batch's working space on a lane, its own so that nothing run in the middle of a unit (a
 * plug-in rule's compute, a progress callback) can disturb another batch's. @internal
 */
export interface LaneScratch {
  /** the unit's value of every fact in factNames */
  readonly values: unknown[]
  /**
   * per leaf, written when laneScore is asked to record: the pick / steps entry or branch
   * taken, TAKEN_OTHERWISE, or TAKEN_NONE (the value came another way); read by the trace
   */
  readonly taken: Int32Array
  /** per leaf: the points its grid form gave (NaN: ask compute), for the leaves that wait */
  readonly leafPoints: Float64Array
  /** the leaves waiting to be settled (NaN, adjustments, a floor above 0) */
  readonly pending: Int32Array
}

/** Fresh working space for a batch on a lane. @internal */
export function laneScratch(lane: Lane): LaneScratch {
  const leaves = lane.leaves.length
  return { values: new Array<unknown>(lane.factNames.length).fill(undefined), taken: new Int32Array(leaves), leafPoints: new Float64Array(leaves), pending: new Int32Array(leaves) }
}

const lanes = new WeakMap<CompiledPack, Lane | null>()

/** The pack's lane, or undefined when the pack has no decimal grid or needs the general path. @internal */
export function laneOf(pack: CompiledPack): Lane | undefined {
  let lane = lanes.get(pack)
  if (lane === undefined) {
    lane = buildLane(pack) ?? null
    lanes.set(pack, lane)
  }
  return lane ?? undefined
}

function scaledExact(x: Exact, grid: Grid): number | undefined {
  const g = exactlyOnGrid(x, grid)
  return g !== undefined && Math.abs(g) <= MAX_SCALED ? g : undefined
}

function buildLane(pack: CompiledPack): Lane | undefined {
  const leaf = pack.rounding.leaf
  if (!leaf || leaf.decimals > 12 || pack.usesEvidence) return undefined
  const grid: Grid = { decimals: leaf.decimals, mode: leaf.mode, scale: 10 ** leaf.decimals }
  const nodes = pack.nodes
  const count = nodes.length

  const isLeaf = new Uint8Array(count)
  const gridForm: (GridLeaf | undefined)[] = new Array<GridLeaf | undefined>(count).fill(undefined)
  const max = new Float64Array(count)
  const low = new Float64Array(count)
  const capBonus = new Float64Array(count).fill(NO_CAP)
  const capDeduction = new Float64Array(count).fill(NO_CAP)
  const childOffset = new Int32Array(count + 1)
  const children: number[] = []
  const adjustedSlot = new Int32Array(count).fill(-1)
  const adjOffset = new Int32Array(count + 1)
  const adjIsBonus: number[] = []
  const adjCap: number[] = []
  const adjFast: (GridCompute | undefined)[] = []
  const adjCompute: (((facts: Facts) => { amount: Exact; unusable?: boolean }) | undefined)[] = []
  let slots = 0

  for (let i = 0; i < count; i++) {
    const n = nodes[i]!
    // not-applicable parts, survey results and hand-entered scores: the general path's
    if (n.applicability !== undefined || n.source === 'survey') return undefined
    const m = scaledExact(n.maxPoints, grid)
    if (m === undefined) return undefined
    max[i] = m
    // each node's own floor (the root's is the pack's), on the grid
    const floor = scaledExact(n.floor, grid)
    if (floor === undefined) return undefined
    low[i] = Math.min(floor, m)
    if (n.isLeaf) {
      const rule = n.rule
      if (!rule?.compute) return undefined
      isLeaf[i] = 1
      gridForm[i] = lowerForm(rule, grid)
    }
    childOffset[i] = children.length
    children.push(...n.children)
    adjOffset[i] = adjFast.length
    if (n.adjustments.length > 0) {
      adjustedSlot[i] = slots++
      if (n.caps.bonus !== undefined) {
        const c = scaledExact(n.caps.bonus, grid)
        if (c === undefined) return undefined
        capBonus[i] = c
      }
      if (n.caps.deduction !== undefined) {
        const c = scaledExact(n.caps.deduction, grid)
        if (c === undefined) return undefined
        capDeduction[i] = c
      }
      for (const ai of n.adjustments) {
        const adj = pack.adjustments[ai]!
        let cap = NO_CAP
        if (adj.cap !== undefined) {
          const c = scaledExact(adj.cap, grid)
          if (c === undefined) return undefined
          cap = c
        }
        adjIsBonus.push(adj.type === 'bonus' ? 1 : 0)
        adjCap.push(cap)
        // an entered amount is 0 here: units that enter amounts take the general path
        adjFast.push(adj.entered ? () => 0 : adj.onGrid?.(grid))
        adjCompute.push(adj.compute)
      }
    }
  }
  childOffset[count] = children.length
  adjOffset[count] = adjFast.length
  // the leaves as opcodes: one loop evaluates them all, with no call per leaf
  const leaves: number[] = []
  const inner: number[] = []
  const leafOp: number[] = []
  const leafPlain: number[] = []
  const factSlots = new Map<string, number>()
  const slotOf = (name: string): number => {
    let k = factSlots.get(name)
    if (k === undefined) factSlots.set(name, (k = factSlots.size))
    return k
  }
  const leafSlot: number[] = []
  const leafSlot2: number[] = []
  const leafA: number[] = []
  const leafB: number[] = []
  const leafFrom: number[] = []
  const leafTo: number[] = []
  const pickValues: (string | boolean)[] = []
  const stepMin: number[] = []
  const stepExclusive: number[] = []
  const tablePoints: number[] = []
  const leafCompute: (GridCompute | undefined)[] = []
  const leafRule: CompiledRule[] = []
  const tableOutcome: RuleOutcome[] = []
  const branchOutcome: RuleOutcome[] = []
  const otherwiseOutcome: (RuleOutcome | undefined)[] = []
  const branchAll: number[] = []
  const branchFrom: number[] = []
  const branchTo: number[] = []
  const branchPoints: number[] = []
  const comparisonSlot: number[] = []
  const comparisonOp: number[] = []
  const comparisonValue: (string | number | boolean | null)[] = []
  // leaves grouped by the kind of their grid form (leaves are independent of each other):
  // laneScore runs one loop per kind
  const opOf = (i: number): number => OP_BY_FORM[gridForm[i]?.op ?? 'none'] ?? OP_ASK
  for (const i of pack.postOrder) if (isLeaf[i] !== 1) inner.push(i)
  const leafOrder = pack.postOrder.filter((i) => isLeaf[i] === 1).sort((x, y) => opOf(x) - opOf(y))
  const opStart = new Int32Array(OP_COUNT_ALL + 1)
  for (const i of leafOrder) opStart[opOf(i) + 1]!++
  for (let o = 1; o <= OP_COUNT_ALL; o++) opStart[o]! += opStart[o - 1]!
  for (const i of leafOrder) {
    leaves.push(i)
    leafRule.push(nodes[i]!.rule!)
    const form = gridForm[i]
    let op = OP_ASK
    let fact = -1
    let fact2 = -1
    let a = 0
    let b = 0
    let compute: GridCompute | undefined
    let otherwise: RuleOutcome | undefined
    let from = tablePoints.length
    let to = -1
    if (form) {
      switch (form.op) {
        case 'pick':
          op = OP_PICK
          fact = slotOf(form.fact)
          pickValues.push(...form.values)
          tablePoints.push(...form.points)
          tableOutcome.push(...form.outcomes)
          stepMin.push(...form.points.map(() => 0))
          stepExclusive.push(...form.points.map(() => 0))
          break
        case 'steps':
          op = OP_STEPS
          fact = slotOf(form.fact)
          a = form.otherwise
          stepMin.push(...form.mins)
          stepExclusive.push(...form.exclusive.map((e) => (e ? 1 : 0)))
          tablePoints.push(...form.points)
          tableOutcome.push(...form.outcomes)
          otherwise = form.otherwiseOutcome
          pickValues.push(...form.points.map(() => false))
          break
        case 'ratio':
          op = OP_RATIO
          fact = slotOf(form.numerator)
          fact2 = slotOf(form.denominator)
          a = form.max
          break
        case 'count':
          op = OP_COUNT
          fact = slotOf(form.fact)
          a = form.each
          b = form.cap
          break
        case 'compute':
          op = OP_COMPUTE
          compute = form.compute
          break
        case 'branches':
          op = OP_BRANCHES
          a = form.otherwise
          from = branchAll.length
          for (const b of form.branches) {
            branchAll.push(b.all ? 1 : 0)
            branchFrom.push(comparisonSlot.length)
            for (const c of b.comparisons) {
              comparisonSlot.push(slotOf(c.fact))
              comparisonOp.push(COMPARISON_OP[c.operator])
              comparisonValue.push(c.value)
            }
            branchTo.push(comparisonSlot.length)
            branchPoints.push(b.points)
            branchOutcome.push(b.outcome)
          }
          otherwise = form.otherwiseOutcome
          to = branchAll.length
          break
      }
    }
    leafOp.push(op)
    leafPlain.push(adjOffset[i + 1]! === adjOffset[i]! && low[i]! <= 0 ? 1 : 0)
    leafSlot.push(fact)
    leafSlot2.push(fact2)
    leafA.push(a)
    leafB.push(b)
    leafFrom.push(from)
    leafTo.push(to < 0 ? tablePoints.length : to)
    leafCompute.push(compute)
    otherwiseOutcome.push(otherwise)
  }
  // every other fact scoring reads (rules decided by their compute, adjustments) is read and
  // checked in the same pass, so that nothing the lane scores from goes unchecked
  for (const i of leaves) for (const name of nodes[i]!.rule!.facts) slotOf(name)
  for (const adj of pack.adjustments) for (const name of adj.facts) slotOf(name)
  // a fact named like a forbidden key is refused by the input check: the general path's
  if ([...factSlots.keys()].some((name) => FORBIDDEN_KEYS.has(name))) return undefined
  return {
    pack,
    grid,
    scaleExact: Exact.from(grid.scale),
    modeCode: modeCodeOf(grid),
    count,
    stride: count + 2 * slots,
    adjustedSlot,
    leaves: Int32Array.from(leaves),
    leafOp: Uint8Array.from(leafOp),
    leafPlain: Uint8Array.from(leafPlain),
    factNames: [...factSlots.keys()],
    leafSlot: Int32Array.from(leafSlot),
    leafSlot2: Int32Array.from(leafSlot2),
    leafA: Float64Array.from(leafA),
    leafB: Float64Array.from(leafB),
    leafFrom: Int32Array.from(leafFrom),
    leafTo: Int32Array.from(leafTo),
    pickValues,
    stepMin: Float64Array.from(stepMin),
    stepExclusive: Uint8Array.from(stepExclusive),
    tablePoints: Float64Array.from(tablePoints),
    branchAll: Uint8Array.from(branchAll),
    branchFrom: Int32Array.from(branchFrom),
    branchTo: Int32Array.from(branchTo),
    branchPoints: Float64Array.from(branchPoints),
    comparisonSlot: Int32Array.from(comparisonSlot),
    comparisonOp: Uint8Array.from(comparisonOp),
    comparisonValue,
    leafCompute,
    leafRule,
    tableOutcome,
    branchOutcome,
    otherwiseOutcome,
    opStart,
    inner: Int32Array.from(inner),
    childOffset,
    children: Int32Array.from(children),
    max,
    low,
    capBonus,
    capDeduction,
    adjOffset,
    adjIsBonus: Uint8Array.from(adjIsBonus),
    adjCap: Float64Array.from(adjCap),
    adjFast,
    adjCompute,
  }
}

const ENVELOPE_KEYS = new Set(['unitId', 'period', 'group', 'facts'])

/**
 * True when an input is an assessment of the lane's shape: ids (already normal: any other
 * is normalised by the general path), an optional group and facts — nothing entered by
 * hand, no unit record. The facts themselves are checked as laneScore reads them. @internal
 */
export function isLaneInput(a: unknown): a is Assessment {
  if (!isPlainObject(a)) return false
  for (const k in a) if (!ENVELOPE_KEYS.has(k)) return false
  const { unitId, period, group, facts } = a
  return (
    typeof unitId === 'string' &&
    isNormalUnitId(unitId) &&
    typeof period === 'string' &&
    period.length > 0 &&
    (group === undefined || typeof group === 'string') &&
    (facts === undefined || isPlainObject(facts))
  )
}

/**
 * Scores one unit's facts into `buf` at `offset` (scaled integers). Returns false when a
 * leaf or adjustment cannot be decided on the grid from these facts as they are: the unit
 * then takes the general path, which flags or reports it. @internal
 */
export function laneScore(lane: Lane, facts: Facts, buf: Float64Array, offset: number, scratch: LaneScratch, record = false): boolean {
  // every fact scoring reads, in one tight pass of independent reads (the reads of a large
  // input are what the time goes to; in one pass the processor overlaps them). Each is
  // checked as it is read: a number that is not finite, or an object (which may hide one,
  // or a forbidden key), sends the unit to the general path, whose input check reports it.
  const names = lane.factNames
  const values = scratch.values
  for (let s = 0; s < names.length; s++) {
    const v = facts[names[s]!]
    if (typeof v === 'number' ? v - v !== 0 : typeof v === 'object' && v !== null) return false
    values[s] = v
  }
  // then the leaves, one kind at a time (they are grouped by kind: see buildLane), each
  // kind in its own loop; then the leaves that need more (compute, adjustments, a floor
  // above 0); then the inner nodes
  const { leaves, leafSlot, leafA, leafFrom, leafTo, tablePoints, opStart } = lane
  const { taken, leafPoints: pts, pending } = scratch
  // leaves whose points are final go straight to the buffer; the others wait (see place)
  let waiting = 0
  // each form's integer meaning is its own file's (rules/forms), called here per leaf
  const { pickValues, stepMin, stepExclusive, leafB, leafSlot2, modeCode } = lane
  for (let k = opStart[OP_PICK]!, end = opStart[OP_PICK + 1]!; k < end; k++) {
    const t = pickEntry(pickValues, leafFrom[k]!, leafTo[k]!, values[leafSlot[k]!])
    waiting = place(lane, scratch, buf, offset, k, t >= 0 ? tablePoints[t]! : Number.NaN, waiting)
    if (record) taken[k] = t
  }
  for (let k = opStart[OP_STEPS]!, end = opStart[OP_STEPS + 1]!; k < end; k++) {
    const t = stepsEntry(stepMin, stepExclusive, leafFrom[k]!, leafTo[k]!, values[leafSlot[k]!])
    waiting = place(lane, scratch, buf, offset, k, t >= 0 ? tablePoints[t]! : t === TAKEN_OTHERWISE ? leafA[k]! : Number.NaN, waiting)
    if (record) taken[k] = t
  }
  for (let k = opStart[OP_RATIO]!, end = opStart[OP_RATIO + 1]!; k < end; k++) {
    waiting = place(lane, scratch, buf, offset, k, ratioScaled(values[leafSlot[k]!], values[leafSlot2[k]!], leafA[k]!, modeCode), waiting)
    if (record) taken[k] = TAKEN_NONE
  }
  for (let k = opStart[OP_COUNT]!, end = opStart[OP_COUNT + 1]!; k < end; k++) {
    waiting = place(lane, scratch, buf, offset, k, countScaled(values[leafSlot[k]!], leafA[k]!, leafB[k]!), waiting)
    if (record) taken[k] = TAKEN_NONE
  }
  for (let k = opStart[OP_BRANCHES]!, end = opStart[OP_BRANCHES + 1]!; k < end; k++) {
    if (record) taken[k] = TAKEN_NONE
    const p = branchesScaled(lane, k, values, record ? scratch.taken : undefined)
    waiting = place(lane, scratch, buf, offset, k, p, waiting)
  }
  for (let k = opStart[OP_COMPUTE]!, end = opStart[OP_COMPUTE + 1]!; k < end; k++) {
    if (record) taken[k] = TAKEN_NONE
    const p = lane.leafCompute[k]!(facts)
    waiting = place(lane, scratch, buf, offset, k, p, waiting)
  }
  for (let k = opStart[OP_ASK]!, end = opStart[OP_ASK + 1]!; k < end; k++) {
    if (record) taken[k] = TAKEN_NONE
    waiting = place(lane, scratch, buf, offset, k, Number.NaN, waiting)
  }
  const { max, low, adjOffset } = lane
  for (let w = 0; w < waiting; w++) {
    const k = pending[w]!
    const i = leaves[k]!
    let p = pts[k]!
    if (p !== p) {
      // the rule's own exact compute decides what the fast form could not
      // (NaN also stands for "absent" here: compute then flags or reports it)
      const out = lane.leafRule[k]!.compute!(facts, false)
      // absent or unusable facts, or data that contradicts itself: the general path flags or
      // reports it
      if (out === undefined || out.inconsistent !== undefined) return false
      const g = toGrid(out.points, lane.grid)
      if (g === undefined) return false
      p = g
    }
    if (adjOffset[i + 1]! > adjOffset[i]!) {
      p = adjust(lane, i, p, facts, buf, offset)
      if (p !== p) return false
    }
    // low is min(floor, max) already: the clamp's min(low, max) is low
    buf[offset + i] = clampPoints(SCALED, p, max[i]!, low[i]!)
  }
  // the inner nodes, settled as every path settles them (settle.ts): the sum of their
  // children, their adjustments, the clamp
  const { inner, childOffset, children } = lane
  for (let k = 0; k < inner.length; k++) {
    const i = inner[k]!
    let p = sumPoints(SCALED, buf, offset, children, childOffset[i]!, childOffset[i + 1]!)
    if (adjOffset[i + 1]! > adjOffset[i]!) {
      p = adjust(lane, i, p, facts, buf, offset)
      if (p !== p) return false
    }
    buf[offset + i] = clampPoints(SCALED, p, max[i]!, low[i]!)
  }
  return true
}

/** What the trace needs to know of a leaf's grid form. @internal */
export function leafForm(lane: Lane, k: number): 'pick' | 'steps' | 'ratio' | 'other' {
  const op = lane.leafOp[k]
  return op === OP_PICK ? 'pick' : op === OP_STEPS ? 'steps' : op === OP_RATIO ? 'ratio' : 'other'
}

/**
 * A leaf's points from its grid form: final ones go straight to the buffer; the others (NaN,
 * adjustments, a floor above 0) wait to be settled. Returns the new count of those waiting.
 */
function place(lane: Lane, scratch: LaneScratch, buf: Float64Array, offset: number, k: number, p: number, waiting: number): number {
  if (p === p && lane.leafPlain[k] === 1) {
    buf[offset + lane.leaves[k]!] = p
    return waiting
  }
  scratch.pending[waiting] = k
  scratch.leafPoints[k] = p
  return waiting + 1
}

/**
 * The outcome slot a leaf's last lane value came from: its pick / steps entry, branch or
 * otherwise, numbered across the lane; -1 when the value came another way. @internal
 */
export function takenSlot(lane: Lane, scratch: LaneScratch, k: number): number {
  const j = scratch.taken[k]!
  if (j === TAKEN_NONE) return -1
  const tables = lane.tableOutcome.length
  if (j === TAKEN_OTHERWISE) return tables + lane.branchOutcome.length + k
  return lane.leafOp[k] === OP_BRANCHES ? tables + j : j
}

/** The rule outcome of an outcome slot (see takenSlot). @internal */
export function slotOutcome(lane: Lane, slot: number): RuleOutcome {
  const tables = lane.tableOutcome.length
  const branchCount = lane.branchOutcome.length
  if (slot < tables) return lane.tableOutcome[slot]!
  if (slot < tables + branchCount) return lane.branchOutcome[slot - tables]!
  return lane.otherwiseOutcome[slot - tables - branchCount]!
}

/** How many outcome slots a lane has. @internal */
export function slotCount(lane: Lane): number {
  return lane.tableOutcome.length + lane.branchOutcome.length + lane.leaves.length
}

/** A unit's adjustments on the lane: its facts, and the bonus and deduction the settle applied. */
interface LaneAdjusting extends Adjusted<number> {
  readonly lane: Lane
  readonly facts: Facts
}

/** The lane's adjustments: their grid forms first, their exact compute where those cannot decide. */
const LANE_ADJUSTMENTS: AdjustmentSource<number, LaneAdjusting> = {
  amount(u, j) {
    const fast = u.lane.adjFast[j]
    const amount = fast === undefined ? Number.NaN : fast(u.facts)
    if (amount === amount) return amount
    const r = u.lane.adjCompute[j]!(u.facts)
    // a fact present but unusable: the general path reports it
    if (r.unusable) return undefined
    return exactlyOnGrid(r.amount, u.lane.grid)
  },
  isBonus: (u, j) => u.lane.adjIsBonus[j] === 1,
  // no cap is an infinite one
  cap: (u, j) => u.lane.adjCap[j],
}

/**
 * A node's points after its adjustments, settled on the grid as the exact path settles
 * them (settle.ts); bonus and deduction stored too. NaN to leave the lane.
 */
function adjust(lane: Lane, i: number, p: number, facts: Facts, buf: Float64Array, offset: number): number {
  const u: LaneAdjusting = { lane, facts, bonus: 0, deduction: 0 }
  const q = adjustPoints(SCALED, p, LANE_ADJUSTMENTS, u, lane.adjOffset[i]!, lane.adjOffset[i + 1]!, lane.capBonus[i], lane.capDeduction[i], u)
  if (q === undefined) return Number.NaN
  const slot = offset + lane.count + 2 * lane.adjustedSlot[i]!
  buf[slot] = u.bonus
  buf[slot + 1] = u.deduction
  return q
}
