import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
import * as hand from '/work/main/bench/handwritten.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const med = (f, n = 9) => { const ts = []; let out; for (let i = 0; i < n; i++) { globalThis.gc(); const t = performance.now(); out = f(); ts.push(performance.now() - t) } ts.sort((a, b) => a - b); return [ts[n >> 1].toFixed(1), out] }
const steps = process.argv.slice(2)
const keep = []
for (const s of steps) {
  let r
  if (s === 'b') r = med(() => evaluateBatch(pack, as, { inputs: 'borrow' }))
  if (s === 't') r = med(() => evaluateBatch(pack, as, { inputs: 'borrow', trace: true }), 3)
  if (s === 'c') r = med(() => evaluateBatch(pack, as), 3)
  if (s === 'h') r = med(() => hand.scoreAll(as), 21)
  keep.push(r[1]); console.log(s, r[0])
}
