import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
for (let i = 0; i < 12; i++) { const t = performance.now(); evaluateBatch(pack, as, { trace: true, inputs: 'borrow' }); console.log((performance.now() - t).toFixed(0)) }
