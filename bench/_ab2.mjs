import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const ta = []
for (let i = 0; i < 25; i++) { gc(); const t = performance.now(); evaluateBatch(pack, as, { inputs: 'borrow' }); if (i >= 5) ta.push(performance.now() - t) }
console.log(process.env.NOLANE ? 'nolane' : '', process.env.NORANK ? 'norank' : '', ta.sort((p, q) => p - q)[10].toFixed(2))
