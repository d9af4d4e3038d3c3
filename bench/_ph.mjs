import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const a = [], b = [], c = []
for (let i = 0; i < 25; i++) { gc(); evaluateBatch(pack, as, { inputs: 'borrow' }); if (i > 4) { a.push(globalThis.__phases[0]); b.push(globalThis.__phases[1]); c.push(globalThis.__phases[2]) } }
const med = (x) => x.sort((p, q) => p - q)[x.length >> 1].toFixed(1)
console.log('score', med(a), 'rank', med(b), 'lane calls', med(c))
