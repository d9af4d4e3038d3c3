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
