import { compilePack } from '@chiso/core'
import { laneOf, laneScore } from './_lane.mjs'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
import * as hand from '/work/main/bench/handwritten.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const lane = laneOf(pack)
const buf = new Float64Array(as.length * lane.stride)
const values = new Array(lane.factNames.length).fill(undefined)
const names = lane.factNames
const ta = [], tb = [], tc = []
for (let r = 0; r < 40; r++) {
  gc()
  let t = performance.now(); const fb = process.env.FRESH ? new Float64Array(as.length * lane.stride) : buf; for (let i = 0; i < as.length; i++) laneScore(lane, as[i].facts, fb, i * lane.stride, values); ta.push(performance.now() - t)
  gc()
  t = performance.now(); for (const a of as) hand.totalCents(a.facts); tb.push(performance.now() - t)
  gc()
  t = performance.now(); for (const a of as) { const f = a.facts; for (let s = 0; s < names.length; s++) values[s] = f[names[s]] } tc.push(performance.now() - t)
}
const med = (x) => x.sort((p, q) => p - q)[x.length >> 1].toFixed(1)
console.log('lane', med(ta), 'hand totals', med(tb), 'prefetch only', med(tc), 'facts', names.length)
