import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const ta = [], tb = []
for (let i = 0; i < 9; i++) {
  gc(); let t = performance.now(); evaluateBatch(pack, as, { inputs: 'borrow', trace: true }); const a = performance.now() - t
  gc(); t = performance.now(); evaluateBatch(pack, as, { inputs: 'borrow' }); const b = performance.now() - t
  if (i >= 2) { ta.push(a); tb.push(b) }
}
const med = (x) => x.sort((p, q) => p - q)[x.length >> 1]
console.log('traced', med(ta).toFixed(1), 'plain', med(tb).toFixed(1), 'ratio', (med(ta) / med(tb)).toFixed(2))
