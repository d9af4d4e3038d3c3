import { compilePack } from '@chiso/core'
import { laneOf, laneScore } from './_lane.mjs'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
import * as hand from '/work/main/bench/handwritten.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const lane = laneOf(pack)
const buf = new Float64Array(as.length * lane.stride)
const ta = [], tb = []
for (let r = 0; r < 30; r++) {
  let t = performance.now(); for (let i = 0; i < as.length; i++) laneScore(lane, as[i].facts, buf, i * lane.stride); ta.push(performance.now() - t)
  t = performance.now(); for (const a of as) hand.totalCents(a.facts); tb.push(performance.now() - t)
}
const med = (x) => x.sort((p, q) => p - q)[x.length >> 1].toFixed(1)
console.log('lane', med(ta), 'hand totals', med(tb))
