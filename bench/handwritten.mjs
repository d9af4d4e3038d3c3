// The "practical limit" baseline: a plain hand-written function computing the same totals
// from the same input objects, as a careful developer would write it for this one pack —
// integer hundredths so that it is exact too (rounding half-up like the pack declares).
import { AREAS, LEAVES_PER_AREA, leafKind } from './workload.mjs'

// precomputed fact names, as a developer would hoist them out of the loop
const names = []
for (let a = 1; a <= AREAS; a++) {
  for (let l = 1; l <= LEAVES_PER_AREA; l++) names.push({ k: leafKind(l), f: `f${a}_${l}`, n: `n${a}_${l}`, d: `d${a}_${l}`, c: `c${a}_${l}`, x: `x${a}_${l}`, y: `y${a}_${l}` })
}
const BANDS = [
  [9000, 'xuat-sac'],
  [8000, 'tot'],
  [7000, 'kha'],
  [5000, 'trung-binh'],
  [0, 'yeu'],
]

/** total in hundredths of a point for one unit */
export function totalCents(facts) {
  let sum = 0
  for (let i = 0; i < names.length; i++) {
    const m = names[i]
    switch (m.k) {
      case 0: {
        const v = facts[m.f]
        sum += v > 90 ? 100 : v >= 70 ? 50 : 0
        break
      }
      case 1: {
        const n = facts[m.n]
        const d = facts[m.d]
        // round half-up of n/d × 100, exactly, in integers
        sum += d === 0 ? 100 : Math.min(100, Math.floor((200 * n + d) / (2 * d)))
        break
      }
      case 2: {
        const c = facts[m.c]
        sum += c === 'on-time' ? 100 : c === 'late' ? 50 : 0
        break
      }
      default: {
        const x = facts[m.x]
        sum += x >= 4 && facts[m.y] === true ? 100 : x >= 2 ? 50 : 0
      }
    }
  }
  const deduction = Math.min(facts.lateReports * 50, 200)
  const bonus = facts.innovation === true ? 100 : 0
  const t = sum + bonus - deduction
  return t < 0 ? 0 : t > 10000 ? 10000 : t
}

/** scores, ranks per group (competition ranking) and bands every unit */
export function scoreAll(assessments) {
  const n = assessments.length
  const totals = new Int32Array(n)
  const groups = new Map()
  for (let i = 0; i < n; i++) {
    const a = assessments[i]
    totals[i] = totalCents(a.facts)
    let g = groups.get(a.group)
    if (!g) groups.set(a.group, (g = []))
    g.push(i)
  }
  const rank = new Int32Array(n)
  for (const members of groups.values()) {
    members.sort((x, y) => totals[y] - totals[x])
    for (let k = 0; k < members.length; k++) rank[members[k]] = k > 0 && totals[members[k]] === totals[members[k - 1]] ? rank[members[k - 1]] : k + 1
  }
  const band = new Array(n)
  for (let i = 0; i < n; i++) band[i] = BANDS.find(([min]) => totals[i] >= min)[1]
  return { totals, rank, band }
}
