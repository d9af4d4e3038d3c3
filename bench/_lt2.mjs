import { compilePack } from '@chiso/core'
import { laneOf, laneScore } from './_lane.mjs'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const lane = laneOf(pack)
const buf = new Float64Array(as.length * lane.stride)
for (let r = 0; r < 60; r++) for (let i = 0; i < as.length; i++) laneScore(lane, as[i].facts, buf, i * lane.stride)
