/**
 * Ranking, defined once: members ordered best (highest key) first, equal keys sharing a
 * rank — competition (1-2-2-4) or dense (1-2-2-3). Every ranking in the engine (exact values,
 * the lane's scaled integers, sensitivity's weighted totals) is this routine over its own key.
 */

/** How ties share ranks: competition (1-2-2-4) or dense (1-2-2-3). */
export type RankingMethod = 'competition' | 'dense'

/** A ranking: each member's rank (aligned with the keys) and the members best first. @internal */
export interface Ranking {
  readonly ranks: number[]
  /** member positions, best first; equal keys by `tieOrder`, else in position order */
  readonly order: number[]
}

/** 2^53: packed sort keys below it are exact */
const SAFE = 2 ** 53

/**
 * Ranks members by a key, best (highest) first.
 *
 * `approx[k]` is a double for member k's key: the key itself when `cmp` is absent (scaled
 * integers, exact as doubles), else a near value (a rounded rational; -Infinity for no
 * value) that orders the members up to what `cmp` then decides exactly. `cmp(x, y)` is
 * the exact sign of key x − key y. `tieOrder` orders members of equal key (it never changes
 * a rank). @internal
 */
export function rankByKey(approx: ArrayLike<number>, method: RankingMethod, cmp?: (x: number, y: number) => number, tieOrder?: (x: number, y: number) => number): Ranking {
  const m = approx.length
  let order: number[]
  if (cmp === undefined) order = integerOrder(approx) ?? byApprox(approx)
  else {
    // sort on the doubles first (cheap), then finish with an exact insertion pass: it only
    // moves members the doubles could not tell apart, and leaves the order exact
    order = byApprox(approx)
    for (let i = 1; i < m; i++) {
      const cur = order[i]!
      let j = i - 1
      while (j >= 0 && cmp(order[j]!, cur) < 0) {
        order[j + 1] = order[j]!
        j--
      }
      order[j + 1] = cur
    }
  }
  const same = cmp === undefined ? (x: number, y: number): boolean => approx[x] === approx[y] : (x: number, y: number): boolean => cmp(x, y) === 0
  if (tieOrder !== undefined) {
    for (let start = 0; start < m; ) {
      let end = start + 1
      while (end < m && same(order[start]!, order[end]!)) end++
      if (end - start > 1) {
        const run = order.slice(start, end).sort(tieOrder)
        for (let j = start; j < end; j++) order[j] = run[j - start]!
      }
      start = end
    }
  }
  const ranks = new Array<number>(m)
  let rank = 0
  let dense = 0
  for (let pos = 0; pos < m; pos++) {
    const k = order[pos]!
    if (pos === 0 || !same(order[pos - 1]!, k)) {
      rank = pos + 1
      dense++
    }
    ranks[k] = method === 'dense' ? dense : rank
  }
  return { ranks, order }
}

/** Positions by their doubles, highest first (a stable sort: equal doubles keep their order). */
function byApprox(approx: ArrayLike<number>): number[] {
  const order = Array.from({ length: approx.length }, (_, i) => i)
  order.sort((x, y) => approx[y]! - approx[x]!)
  return order
}

/**
 * Positions by integer keys, highest first, in one native numeric sort: each packed key is
 * (distance below the best) × m plus the position, a safe integer, so equal keys keep their
 * position order. Undefined when a key is no safe integer or the packed keys would not be.
 */
function integerOrder(keys: ArrayLike<number>): number[] | undefined {
  const m = keys.length
  let hi = Number.NEGATIVE_INFINITY
  let lo = Number.POSITIVE_INFINITY
  for (let j = 0; j < m; j++) {
    const t = keys[j]!
    if (!Number.isSafeInteger(t)) return undefined
    if (t > hi) hi = t
    if (t < lo) lo = t
  }
  if (m === 0) return []
  if ((hi - lo + 1) * m >= SAFE) return undefined
  const packed = new Float64Array(m)
  for (let j = 0; j < m; j++) packed[j] = (hi - keys[j]!) * m + j
  packed.sort()
  const order = new Array<number>(m)
  for (let j = 0; j < m; j++) order[j] = packed[j]! % m
  return order
}
