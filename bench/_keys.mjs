import { compilePack } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const med = (f, n = 21) => { const ts = []; for (let i = 0; i < n; i++) { const t = performance.now(); f(); ts.push(performance.now() - t) } ts.sort((a, b) => a - b); return ts[n >> 1].toFixed(2) }
const packNames = pack.nodes.filter((n) => n.ruleKind === 'ratio').flatMap((n) => n.rule.facts)
const ownNames = []; for (let a = 1; a <= 10; a++) for (const l of [1, 5, 9]) ownNames.push(`n${a}_${l}`, `d${a}_${l}`)
const internal = ownNames.map((s) => Object.keys({ [s]: 1 })[0])
for (const [label, names] of [['pack names', packNames], ['template names', ownNames], ['internalized', internal], ['pack again', packNames]]) {
  console.log(label, med(() => { let s = 0; for (const a of as) { const f = a.facts; for (let k = 0; k < names.length; k++) { const v = f[names[k]]; if (typeof v === 'number') s += v } } return s }))
}
// closures like ours
const mk = (n, d) => (f) => { const rn = f[n]; const rd = f[d]; return typeof rn === 'number' && typeof rd === 'number' ? rn + rd : NaN }
const cl = []; for (let k = 0; k < packNames.length; k += 2) cl.push(mk(packNames[k], packNames[k + 1]))
console.log('closures', med(() => { let s = 0; for (const a of as) { const f = a.facts; for (let k = 0; k < cl.length; k++) s += cl[k](f) } return s }))
const pairs = []; for (let k = 0; k < packNames.length; k += 2) pairs.push([packNames[k], packNames[k + 1]])
console.log('inline pairs', med(() => { let s = 0; for (const a of as) { const f = a.facts; for (let k = 0; k < pairs.length; k++) { const p = pairs[k]; const rn = f[p[0]]; const rd = f[p[1]]; s += typeof rn === 'number' && typeof rd === 'number' ? rn + rd : NaN } } return s }))
