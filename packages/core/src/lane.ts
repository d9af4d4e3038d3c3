/**
 * The integer lane: batch scoring for packs that round their leaves. Every leaf's points
 * then sit on a decimal grid (multiples of 10^-decimals), so a unit's points are held as
 * scaled safe integers in one Float64Array: sums, caps and clamps are exact integer
 * operations, and rationals are built only when a result is read.
 *
 * The lane takes the common case only — facts decide every leaf, nothing is entered by
 * hand, nothing is not-applicable — and hands every other unit, and every unit whose facts
 * it cannot use as they are, to the general path (evaluate.ts), which then decides,
 * flags and reports exactly as it always does. Property tests hold both paths equal.
 */
import type { CompiledPack } from './compile.js'
import type { Facts } from './conditions.js'
import { Exact } from './exact.js'
import { exactlyOnGrid, GRID_LIMIT, toGrid, type Grid, type GridCompute } from './grid.js'
import type { CompiledRule } from './rules.js'
import type { Assessment } from './schemas.js'

/** maxima above this (scaled) leave the lane: sums of a few stay far from 2^53 */
const MAX_SCALED = 2 ** 40
const NO_CAP = Number.POSITIVE_INFINITY

/** A pack prepared for the integer lane. @internal */
export interface Lane {
  readonly pack: CompiledPack
  readonly grid: Grid
  /** 10^decimals as an Exact, for reading results back */
  readonly scaleExact: Exact
  readonly count: number
  /** per unit: the points of every node, then bonus and deduction of each adjusted node */
  readonly stride: number
  /** per node: its slot among the adjusted nodes, or -1 */
  readonly adjustedSlot: Int32Array
  readonly postOrder: Int32Array
  readonly isLeaf: Uint8Array
  /** the leaves' node indexes, and each leaf's grid computation (aligned) */
  readonly leaves: Int32Array
  readonly leafCompute: readonly GridCompute[]
  /** the inner nodes, children before parents */
  readonly inner: Int32Array
  readonly leafFast: readonly (GridCompute | undefined)[]
  readonly leafRule: readonly (CompiledRule | undefined)[]
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
  readonly adjCompute: readonly (((facts: Facts) => { amount: Exact }) | undefined)[]
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
  const floor = scaledExact(pack.floor, grid)
  if (floor === undefined) return undefined

  const isLeaf = new Uint8Array(count)
  const leafFast: (GridCompute | undefined)[] = new Array<GridCompute | undefined>(count).fill(undefined)
  const leafRule: (CompiledRule | undefined)[] = new Array<CompiledRule | undefined>(count).fill(undefined)
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
  const adjCompute: (((facts: Facts) => { amount: Exact }) | undefined)[] = []
  let slots = 0

  for (let i = 0; i < count; i++) {
    const n = nodes[i]!
    // not-applicable parts, survey results and hand-entered scores: the general path's
    if (n.applicability !== undefined || n.source === 'survey') return undefined
    const m = scaledExact(n.maxPoints, grid)
    if (m === undefined) return undefined
    max[i] = m
    low[i] = Math.min(floor, m)
    if (n.isLeaf) {
      const rule = n.rule
      if (!rule?.compute) return undefined
      isLeaf[i] = 1
      leafRule[i] = rule
      leafFast[i] = rule.onGrid?.(grid)
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
  const leaves: number[] = []
  const leafCompute: GridCompute[] = []
  const inner: number[] = []
  for (const i of pack.postOrder) {
    if (isLeaf[i] === 1) {
      leaves.push(i)
      // without a grid form, the rule's compute is asked every time (NaN)
      leafCompute.push(leafFast[i] ?? (() => Number.NaN))
    } else inner.push(i)
  }
  return {
    pack,
    grid,
    scaleExact: Exact.from(grid.scale),
    count,
    stride: count + 2 * slots,
    adjustedSlot,
    postOrder: Int32Array.from(pack.postOrder),
    isLeaf,
    leaves: Int32Array.from(leaves),
    leafCompute,
    inner: Int32Array.from(inner),
    leafFast,
    leafRule,
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

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * True when an input is an assessment of the lane's shape: ids, an optional group and
 * facts — nothing entered by hand, no unit record. The facts themselves are checked where
 * the rules read them. @internal
 */
export function isLaneInput(a: unknown): a is Assessment {
  if (!isPlainObject(a)) return false
  for (const k in a) if (!ENVELOPE_KEYS.has(k)) return false
  const { unitId, period, group, facts } = a
  return (
    typeof unitId === 'string' &&
    unitId.length > 0 &&
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
export function laneScore(lane: Lane, facts: Facts, buf: Float64Array, offset: number): boolean {
  // leaves first (every leaf comes before its parent), then the inner nodes: two tight
  // loops, with nothing to branch on per node but its adjustments
  const { leaves, leafCompute, max, low, adjOffset } = lane
  for (let k = 0; k < leaves.length; k++) {
    const i = leaves[k]!
    let p = leafCompute[k]!(facts)
    if (p !== p) {
      // the rule's own exact compute decides what the fast form could not
      const out = lane.leafRule[i]!.compute!(facts, false)
      if (out === undefined) return false
      const g = toGrid(out.points, lane.grid)
      if (g === undefined) return false
      p = g
    }
    if (adjOffset[i + 1]! > adjOffset[i]!) {
      p = adjust(lane, i, p, facts, buf, offset)
      if (p !== p) return false
    }
    const hi = max[i]!
    buf[offset + i] = p > hi ? hi : p < low[i]! ? low[i]! : p
  }
  const { inner, childOffset, children } = lane
  for (let k = 0; k < inner.length; k++) {
    const i = inner[k]!
    let p = 0
    for (let c = childOffset[i]!, end = childOffset[i + 1]!; c < end; c++) p += buf[offset + children[c]!]!
    if (adjOffset[i + 1]! > adjOffset[i]!) {
      p = adjust(lane, i, p, facts, buf, offset)
      if (p !== p) return false
    }
    const hi = max[i]!
    buf[offset + i] = p > hi ? hi : p < low[i]! ? low[i]! : p
  }
  return true
}

/** A node's points after its adjustments (bonus and deduction stored too); NaN to leave the lane. */
function adjust(lane: Lane, i: number, p: number, facts: Facts, buf: Float64Array, offset: number): number {
  let b = 0
  let d = 0
  for (let j = lane.adjOffset[i]!, end = lane.adjOffset[i + 1]!; j < end; j++) {
    const fast = lane.adjFast[j]
    let amount = fast === undefined ? Number.NaN : fast(facts)
    if (amount !== amount) {
      const g = exactlyOnGrid(lane.adjCompute[j]!(facts).amount, lane.grid)
      if (g === undefined) return Number.NaN
      amount = g
    }
    const cap = lane.adjCap[j]!
    if (amount > cap) amount = cap
    if (lane.adjIsBonus[j] === 1) b += amount
    else d += amount
    if (b > GRID_LIMIT || d > GRID_LIMIT) return Number.NaN
  }
  if (b > lane.capBonus[i]!) b = lane.capBonus[i]!
  if (d > lane.capDeduction[i]!) d = lane.capDeduction[i]!
  const slot = offset + lane.count + 2 * lane.adjustedSlot[i]!
  buf[slot] = b
  buf[slot + 1] = d
  return p + b - d
}
