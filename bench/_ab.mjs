import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
import * as hand from '/work/main/bench/handwritten.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const ta = [], tb = []
for (let i = 0; i < 25; i++) {
  gc(); let t = performance.now(); evaluateBatch(pack, as, { inputs: 'borrow' }); const a = performance.now() - t
  gc(); t = performance.now(); hand.scoreAll(as); const b = performance.now() - t
  if (i >= 5) { ta.push(a); tb.push(b) }
}
const med = (x) => x.sort((p, q) => p - q)[x.length >> 1]
console.log('chiso', med(ta).toFixed(1), 'hand', med(tb).toFixed(1), 'ratio', (med(ta) / med(tb)).toFixed(2))
