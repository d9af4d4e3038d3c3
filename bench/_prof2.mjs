import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
for (let i = 0; i < 10; i++) evaluateBatch(pack, as, { inputs: 'borrow' })
const t = performance.now()
for (let i = 0; i < 300; i++) evaluateBatch(pack, as, { inputs: 'borrow' })
console.log(((performance.now() - t) / 300).toFixed(2), 'ms/batch')
