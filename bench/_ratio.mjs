import { compilePack } from '@chiso/core'
import { laneOf } from './_lane.mjs'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const lane = laneOf(pack)
const ks = [...lane.leafOp.keys()].filter((k) => lane.leafOp[k] === 3)
const F1 = ks.map((k) => lane.leafFact[k]), F2 = ks.map((k) => lane.leafFact2[k]), M = Float64Array.from(ks.map((k) => lane.leafA[k]))
const med = (f) => { const ts = []; for (let r = 0; r < 25; r++) { const t = performance.now(); f(); ts.push(performance.now() - t) } return ts.sort((p, q) => p - q)[12].toFixed(2) }
const buf = new Float64Array(3321 * 200)
console.log('A full', med(() => { for (let u = 0; u < as.length; u++) { const facts = as[u].facts; const off = u * 200; for (let k = 0; k < F1.length; k++) { let p = NaN; const rn = facts[F1[k]], rd = facts[F2[k]]; if (typeof rn === 'number' && typeof rd === 'number' && Number.isSafeInteger(rn) && Number.isSafeInteger(rd) && rn >= 0 && rd > 0) { const m = M[k]; if (rn >= rd) p = m; else { const a = rn * m; let q = Math.floor(a / rd); let r = a - q * rd; if (r < 0) { q--; r += rd } else if (r >= rd) { q++; r -= rd } if (r !== 0 && 2 * r >= rd) q++; p = q } } buf[off + k] = p } } }))
console.log('B no safeint', med(() => { for (let u = 0; u < as.length; u++) { const facts = as[u].facts; const off = u * 200; for (let k = 0; k < F1.length; k++) { let p = NaN; const rn = facts[F1[k]], rd = facts[F2[k]]; if (typeof rn === 'number' && typeof rd === 'number' && rn >= 0 && rd > 0) { const m = M[k]; if (rn >= rd) p = m; else { const a = rn * m; let q = Math.floor(a / rd); let r = a - q * rd; if (r < 0) { q--; r += rd } else if (r >= rd) { q++; r -= rd } if (r !== 0 && 2 * r >= rd) q++; p = q } } buf[off + k] = p } } }))
console.log('C lookups only', med(() => { let s = 0; for (let u = 0; u < as.length; u++) { const facts = as[u].facts; for (let k = 0; k < F1.length; k++) { const rn = facts[F1[k]], rd = facts[F2[k]]; s += rn + rd } } return s }))
const hn = F1.map((f, i) => ({ n: f, d: F2[i] }))
console.log('D hand', med(() => { let s = 0; for (const a of as) { const facts = a.facts; for (let i = 0; i < hn.length; i++) { const m = hn[i]; const n = facts[m.n]; const d = facts[m.d]; s += d === 0 ? 100 : Math.min(100, Math.floor((200 * n + d) / (2 * d))) } } return s }))
