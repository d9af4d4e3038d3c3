import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
import * as hand from '/work/main/bench/handwritten.mjs'
const core = await import('/work/main/packages/core/dist/index.js')
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const med = (f) => { const ts = []; for (let i = 0; i < 25; i++) { if (process.env.GC) globalThis.gc(); const t = performance.now(); f(); ts.push(performance.now() - t) } ts.sort((a, b) => a - b); return ts[12].toFixed(1) }
console.log('batch', med(() => evaluateBatch(pack, as, { inputs: 'borrow' })))
console.log('hand', med(() => hand.scoreAll(as)))
console.log('hand totals only', med(() => { for (const a of as) hand.totalCents(a.facts) }))
