/**
 * The cheapest set of leaf levels that raises the whole index by at least a given amount: a
 * multiple-choice knapsack on the criteria tree, solved by dynamic programming on a grid of
 * 1/L point with integer costs.
 *
 * Each node's points are its children's sum plus its bonuses, minus its deductions, kept
 * within [floor, applicable max]; under a plan the adjustments stay as they are, so a node
 * passes on a gain Δ of its children as min(max(0, Δ − dead zone), room): nothing while a
 * deduction keeps it at its floor (the dead zone), then point for point up to its maximum
 * (the room). A node whose dead zone is 0 and whose room holds everything its leaves could
 * add passes gains through unchanged and is merged into its parent; any other node is
 * solved as its own table and offered to its parent as one item with a level per gain.
 *
 * The grid is exact — L the least common denominator of every value in play — when that
 * keeps the tables within budget; otherwise gains are counted down to the grid and costs up
 * (a plan found is always a plan that works), and `exact` is false.
 */
import type { CompiledPack } from '../model/compile.js'
import { Exact } from '../util/exact.js'
import { ChisoError, issue } from '../util/errors.js'
import type { UnitResult } from '../engine/result.js'

/** A leaf offered to the solver: its points now and its levels (points above, cost of each). @internal */
export interface SolverLeaf {
  readonly index: number
  readonly current: Exact
  readonly levels: readonly { readonly points: Exact; readonly cost: Exact }[]
}

/** What the solver found. @internal */
export interface SolverResult {
  /** `met`: nothing to do; `solved`: the choice reaches the need; `unreachable`: the choice is the cheapest way to the most that can be reached */
  readonly status: 'met' | 'solved' | 'unreachable'
  /** leaf pack index → index of the level chosen */
  readonly choice: ReadonlyMap<number, number>
  /** the grid: 1/L point; exact when every value in play lies on it */
  readonly grid: { readonly step: Exact; readonly exact: boolean }
}

const INF = Number.POSITIVE_INFINITY
/** the most table cells × offered levels one solve may take (about a second at worst) */
const WORK_BUDGET = 5e7
const CELL_BUDGET = 1 << 17
const COST_SCALE_LIMIT = 10n ** 9n

interface NodeInfo {
  readonly index: number
  /** children's points + bonuses − deductions, before the limits */
  readonly adjusted: Exact
  readonly lo: Exact
  readonly hi: Exact
  readonly points: Exact
  readonly deadZone: Exact
  readonly room: Exact
}

interface Grid {
  readonly L: bigint
  readonly Lc: bigint
  readonly exact: boolean
}

/** Solves for a root gain of at least `need` (strictly more when `strict`). @internal */
export function solvePlan(pack: CompiledPack, result: UnitResult, leaves: ReadonlyMap<number, SolverLeaf>, need: Exact, strict: boolean): SolverResult {
  const nodes = pack.nodes
  // per node: applicable, potential gain, and (inner) its limits now
  const info = new Map<number, NodeInfo>()
  const potential = new Map<number, Exact>()
  for (const i of pack.postOrder) {
    const n = nodes[i]!
    const res = result.node(n.code)!
    if (res.notApplicable) continue
    if (n.isLeaf) {
      const l = leaves.get(i)
      if (l && l.levels.length > 0) potential.set(i, l.levels[l.levels.length - 1]!.points.sub(l.current))
      continue
    }
    let sum = Exact.ZERO
    let pot = Exact.ZERO
    for (const c of n.children) {
      const cr = result.node(nodes[c]!.code)!
      sum = sum.add(cr.points)
      pot = pot.add(potential.get(c) ?? Exact.ZERO)
    }
    const adjusted = sum.add(res.bonus).sub(res.deduction)
    const hi = res.applicableMax
    const lo = i === 0 ? Exact.min(pack.floor, hi) : Exact.min(n.floor, hi)
    const deadZone = Exact.max(Exact.ZERO, lo.sub(adjusted))
    const room = hi.sub(res.points)
    info.set(i, { index: i, adjusted, lo, hi, points: res.points, deadZone, room })
    const through = Exact.min(Exact.max(Exact.ZERO, pot.sub(deadZone)), room)
    if (through.gt(Exact.ZERO)) potential.set(i, through)
  }
  const transparent = (i: number): boolean => {
    const x = info.get(i)!
    let pot = Exact.ZERO
    for (const c of nodes[i]!.children) pot = pot.add(potential.get(c) ?? Exact.ZERO)
    return x.deadZone.isZero() && !x.room.lt(pot)
  }

  if (strict ? need.isNegative() : !need.gt(Exact.ZERO)) return { status: 'met', choice: new Map(), grid: { step: Exact.ONE, exact: true } }

  // the grid
  const values: Exact[] = [need]
  let offered = 0
  for (const [i, l] of leaves) {
    if (!potential.has(i)) continue
    values.push(l.current)
    for (const v of l.levels) values.push(v.points)
    offered += l.levels.length
  }
  for (const x of info.values()) values.push(x.adjusted, x.lo, x.hi, x.points)
  const deadZones = [...info.values()].reduce((s, x) => s.add(x.deadZone), Exact.ZERO)
  const span = need.add(deadZones).add(Exact.ONE)
  const costs: Exact[] = []
  let maxCost = Exact.ZERO
  for (const [i, l] of leaves) {
    if (!potential.has(i)) continue
    for (const v of l.levels) costs.push(v.cost)
    if (l.levels.length > 0) maxCost = maxCost.add(l.levels.reduce((m, v) => Exact.max(m, v.cost), Exact.ZERO))
  }
  // a node solved as its own table is offered to its parent at each of its gains: count it as
  // that many more levels
  let groups = 0
  for (const i of info.keys()) if (i !== 0 && potential.has(i) && !transparent(i)) groups++
  const grid = chooseGrid(values, costs, span, Math.max(1, offered), maxCost.mul(Exact.ratio(leaves.size + 1, 1)).add(Exact.ONE), groups)

  const L = Exact.ratioBig(grid.L, 1n)
  const Lc = Exact.ratioBig(grid.Lc, 1n)
  const down = (x: Exact): number => toSafe(floorOf(x.mul(L)))
  const up = (x: Exact): number => toSafe(ceilOf(x.mul(L)))
  // among plans of equal effort, the one with the fewest criteria: each step costs one more
  // unit on a scale finer than any difference of effort
  const perStep = leaves.size + 1
  const costUnits = (x: Exact): number => toSafe(ceilOf(x.mul(Lc)).mul(Exact.ratio(perStep, 1)).add(Exact.ONE))

  interface LeafItem {
    readonly kind: 'leaf'
    readonly index: number
    readonly units: Int32Array
    readonly costs: Float64Array
  }
  interface GroupItem {
    readonly kind: 'group'
    readonly group: Group
  }
  type Item = LeafItem | GroupItem
  interface Group {
    readonly index: number
    readonly deadZone: number
    readonly room: number
    readonly capC: number
    readonly items: Item[]
    readonly table: Float64Array
    readonly choices: (Uint16Array | Int32Array)[]
  }

  const leafItem = (i: number): LeafItem => {
    const l = leaves.get(i)!
    const units = new Int32Array(l.levels.length)
    const cs = new Float64Array(l.levels.length)
    l.levels.forEach((v, j) => {
      units[j] = down(v.points.sub(l.current))
      cs[j] = costUnits(v.cost)
    })
    return { kind: 'leaf', index: i, units, costs: cs }
  }

  const solveGroup = (i: number, cap: number): Group => {
    const x = info.get(i)!
    const room = down(x.room)
    const deadZone = up(x.deadZone)
    const capC = Math.max(0, Math.min(cap, room)) + deadZone
    const items: Item[] = []
    const flatten = (j: number): void => {
      for (const c of nodes[j]!.children) {
        if (!potential.has(c)) continue
        if (nodes[c]!.isLeaf) items.push(leafItem(c))
        else if (transparent(c)) flatten(c)
        else items.push({ kind: 'group', group: solveGroup(c, capC) })
      }
    }
    flatten(i)
    let cur = new Float64Array(capC + 1).fill(INF)
    cur[0] = 0
    const choices: (Uint16Array | Int32Array)[] = []
    for (const item of items) {
      const next = cur.slice()
      if (item.kind === 'leaf') {
        const ch = new Uint16Array(capC + 1)
        for (let j = 0; j < item.units.length; j++) {
          const u = item.units[j]!
          const c = item.costs[j]!
          if (u <= 0) continue
          for (let g = 1; g <= capC; g++) {
            const cand = (g > u ? cur[g - u]! : 0) + c
            if (cand < next[g]!) {
              next[g] = cand
              ch[g] = j + 1
            }
          }
        }
        choices.push(ch)
      } else {
        const ch = new Int32Array(capC + 1)
        const t = groupTable(item.group)
        for (let u = 1; u < t.length; u++) {
          const c = t[u]!
          // the table only rises: where the next gain costs the same, this one is never the better choice
          if (c === INF || (u + 1 < t.length && t[u + 1] === c)) continue
          for (let g = 1; g <= capC; g++) {
            const cand = (g > u ? cur[g - u]! : 0) + c
            if (cand < next[g]!) {
              next[g] = cand
              ch[g] = u
            }
          }
        }
        choices.push(ch)
      }
      cur = next
    }
    return { index: i, deadZone, room, capC, items, table: cur, choices }
  }

  /** A group as its parent sees it: cost of a node gain ≥ g′, for g′ ≤ its cap. */
  const groupTable = (g: Group): Float64Array => {
    const n = g.capC - g.deadZone
    const t = new Float64Array(n + 1)
    for (let u = 0; u <= n; u++) t[u] = g.table[u + g.deadZone]!
    return t
  }

  const choice = new Map<number, number>()
  const backtrack = (g: Group, at: number): void => {
    let pos = at
    for (let k = g.items.length - 1; k >= 0; k--) {
      const j = g.choices[k]![pos]!
      if (j === 0) continue
      const item = g.items[k]!
      if (item.kind === 'leaf') {
        choice.set(item.index, j - 1)
        pos = Math.max(0, pos - item.units[j - 1]!)
      } else {
        backtrack(item.group, Math.min(item.group.capC, j + item.group.deadZone))
        pos = Math.max(0, pos - j)
      }
    }
  }

  const gridOut = { step: Exact.ratioBig(1n, grid.L), exact: grid.exact }
  const needUnits = strict ? down(need) + 1 : up(need)
  const root = solveGroup(0, needUnits)
  const reach = root.capC - root.deadZone
  if (needUnits <= reach && root.table[root.capC] !== INF) {
    backtrack(root, root.capC)
    return { status: 'solved', choice, grid: gridOut }
  }
  // out of reach: the cheapest way to the most that can be reached
  let best = 0
  for (let u = reach; u >= 0; u--) {
    if (root.table[u + root.deadZone] !== INF) {
      best = u
      break
    }
  }
  if (best > 0) backtrack(root, best + root.deadZone)
  return { status: 'unreachable', choice, grid: gridOut }
}

/**
 * The finest grid within budget: exact when every value and cost lies on it. `costBound`
 * bounds a plan's cost in the solver's units per 1/Lc (every step at its dearest level).
 */
function chooseGrid(values: readonly Exact[], costs: readonly Exact[], span: Exact, offered: number, costBound: Exact, groups: number): Grid {
  let exactL = 1n
  let small = 1n
  for (const v of values) {
    const d = denominatorOf(v)
    exactL = lcm(exactL, d)
    if (d <= 1000n) small = lcm(small, d)
  }
  let exactLc = 1n
  for (const c of costs) {
    exactLc = lcm(exactLc, denominatorOf(c))
    if (exactLc > COST_SCALE_LIMIT) break
  }
  const fits = (L: bigint): boolean => {
    const cells = span.toNumber() * Number(L)
    // a nested table is offered at up to min(cells, levels below it) gains
    return cells <= CELL_BUDGET && cells * (offered + groups * Math.min(cells, offered)) <= WORK_BUDGET
  }
  // costs stay safe integers: the dearest plan × Lc below 2^52
  const safeCost = (Lc: bigint): boolean => costBound.mul(Exact.ratioBig(Lc, 1n)).toNumber() < 2 ** 52
  const Lc = [exactLc, 1_000_000n, 10_000n, 100n, 1n].find((c) => c <= COST_SCALE_LIMIT && safeCost(c)) ?? 1n
  const costExact = Lc === exactLc
  const L = [exactL, lcm(small, 100n), 100n, 10n].find(fits) ?? 1n
  return { L, Lc, exact: L === exactL && costExact }
}

function denominatorOf(x: Exact): bigint {
  const s = x.toString()
  const slash = s.indexOf('/')
  if (slash >= 0) return BigInt(s.slice(slash + 1))
  const dot = s.indexOf('.')
  return dot >= 0 ? 10n ** BigInt(s.length - dot - 1) : 1n
}

function lcm(a: bigint, b: bigint): bigint {
  let x = a
  let y = b
  while (y !== 0n) [x, y] = [y, x % y]
  return (a / x) * b
}

function floorOf(x: Exact): Exact {
  const t = x.round(0, 'down')
  return x.isNegative() && !t.eq(x) ? t.sub(Exact.ONE) : t
}

function ceilOf(x: Exact): Exact {
  const f = floorOf(x)
  return f.eq(x) ? f : f.add(Exact.ONE)
}

function toSafe(x: Exact): number {
  const n = Number(x.toString())
  // the grid falls back to a step of 1 when no finer one fits, so a pack or costs with values
  // near 2^53 can still overflow the table: a typed refusal, not a wrong plan
  if (!Number.isSafeInteger(n)) throw new ChisoError([issue('plan_out_of_range', [], { value: x.toString() }, x.toString())], 'improvement plan')
  return n
}
