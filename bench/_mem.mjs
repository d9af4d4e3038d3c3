import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
evaluateBatch(pack, as, { trace: true, inputs: 'borrow' })
gc(); const m0 = process.memoryUsage().heapUsed
let b = evaluateBatch(pack, as, { trace: true, inputs: 'borrow' })
gc(); const m1 = process.memoryUsage().heapUsed
console.log(((m1 - m0) / 1048576).toFixed(1), 'MB retained;', ((m1 - m0) / 3321 / 111).toFixed(0), 'bytes/node')
b = null; gc(); const m2 = process.memoryUsage().heapUsed
b = evaluateBatch(pack, as, { inputs: 'borrow' })
gc(); console.log(((process.memoryUsage().heapUsed - m2) / 1048576).toFixed(1), 'MB untraced')
