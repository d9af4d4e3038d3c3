import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
evaluateBatch(pack, as, { trace: true, inputs: 'borrow' })
gc(); const m0 = process.memoryUsage().heapUsed
const b = evaluateBatch(pack, as, { trace: true, inputs: 'borrow' })
gc(); const m1 = process.memoryUsage().heapUsed
console.log(((m1 - m0) / 1048576).toFixed(1), 'MB retained', b.units.length)
const b2 = evaluateBatch(pack, as, { inputs: 'borrow' })
gc(); console.log(((process.memoryUsage().heapUsed - m1) / 1048576).toFixed(1), 'MB untraced')
for (const s of ['--max-semi-space-size=64']) {}
