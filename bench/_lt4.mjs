import { compilePack } from '@chiso/core'
import { laneOf, laneScore } from './_lane.mjs'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const lane = laneOf(pack)
const buf = new Float64Array(as.length * lane.stride)
function sub(op) {
  const ks = [...lane.leafOp.keys()].filter((k) => lane.leafOp[k] === op)
  const pick = (arr, T) => T ? T.from(ks.map((k) => arr[k])) : ks.map((k) => arr[k])
  return { ...lane, leaves: pick(lane.leaves, Int32Array), leafOp: pick(lane.leafOp, Uint8Array), leafFact: pick(lane.leafFact), leafFact2: pick(lane.leafFact2), leafA: pick(lane.leafA, Float64Array), leafB: pick(lane.leafB, Float64Array), leafFrom: pick(lane.leafFrom, Int32Array), leafTo: pick(lane.leafTo, Int32Array), leafCompute: pick(lane.leafCompute), leafRule: pick(lane.leafRule), inner: new Int32Array(0) }
}
const med = (f) => { const ts = []; for (let r = 0; r < 25; r++) { const t = performance.now(); f(); ts.push(performance.now() - t) } return ts.sort((p, q) => p - q)[12].toFixed(1) }
for (const op of [1, 2, 3, 5]) { const l = sub(op); console.log('op', op, l.leaves.length, med(() => { for (let i = 0; i < as.length; i++) laneScore(l, as[i].facts, buf, i * lane.stride) })) }
console.log('full', med(() => { for (let i = 0; i < as.length; i++) laneScore(lane, as[i].facts, buf, i * lane.stride) }))
// hand-like per kind, same leaves
const names = []
for (let a = 1; a <= 10; a++) for (let l = 1; l <= 10; l++) names.push({ k: l % 4, f: `f${a}_${l}`, n: `n${a}_${l}`, d: `d${a}_${l}`, c: `c${a}_${l}`, x: `x${a}_${l}`, y: `y${a}_${l}` })
for (const kind of [2, 0, 1, 3]) {
  const ms = names.filter((m) => m.k === kind)
  console.log('hand kind', kind, ms.length, med(() => { let sum = 0; for (const a of as) { const facts = a.facts; for (let i = 0; i < ms.length; i++) { const m = ms[i]; switch (m.k) {
    case 0: { const v = facts[m.f]; sum += v > 90 ? 100 : v >= 70 ? 50 : 0; break }
    case 1: { const n = facts[m.n]; const d = facts[m.d]; sum += d === 0 ? 100 : Math.min(100, Math.floor((200 * n + d) / (2 * d))); break }
    case 2: { const c = facts[m.c]; sum += c === 'on-time' ? 100 : c === 'late' ? 50 : 0; break }
    default: { const x = facts[m.x]; sum += x >= 4 && facts[m.y] === true ? 100 : x >= 2 ? 50 : 0 } } } } return sum }))
}
{ const l = { ...sub(99), inner: lane.inner }; console.log('inner only', med(() => { for (let i = 0; i < as.length; i++) laneScore(l, as[i].facts, buf, i * lane.stride) })) }
{ const l = { ...sub(99), inner: lane.inner.filter((i) => i !== 0) }; console.log('inner w/o root', med(() => { for (let i = 0; i < as.length; i++) laneScore(l, as[i].facts, buf, i * lane.stride) })) }
function subs(ops) {
  const ks = [...lane.leafOp.keys()].filter((k) => ops.includes(lane.leafOp[k]))
  const pick = (arr, T) => T ? T.from(ks.map((k) => arr[k])) : ks.map((k) => arr[k])
  return { ...lane, leaves: pick(lane.leaves, Int32Array), leafOp: pick(lane.leafOp, Uint8Array), leafFact: pick(lane.leafFact), leafFact2: pick(lane.leafFact2), leafA: pick(lane.leafA, Float64Array), leafB: pick(lane.leafB, Float64Array), leafFrom: pick(lane.leafFrom, Int32Array), leafTo: pick(lane.leafTo, Int32Array), leafCompute: pick(lane.leafCompute), leafRule: pick(lane.leafRule), inner: new Int32Array(0) }
}
for (const ops of [[1, 2, 3], [1, 2, 3, 5]]) { const l = subs(ops); console.log('ops', ops.join(','), l.leaves.length, med(() => { for (let i = 0; i < as.length; i++) laneScore(l, as[i].facts, buf, i * lane.stride) })) }
