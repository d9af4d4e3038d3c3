import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3, 2024)
const b = evaluateBatch(pack, as, { trace: true, inputs: 'borrow' })
const t = b.units[0].result.trace
console.log(t.slice(0,6).map(x=>JSON.stringify(x)).join('\n'))
console.log(JSON.stringify(t[0]))
