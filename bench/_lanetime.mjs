import { compilePack } from '@chiso/core'
import { laneOf, laneScore, isLaneInput } from './_lane.mjs'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
import * as hand from '/work/main/bench/handwritten.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const lane = laneOf(pack)
const buf = new Float64Array(as.length * lane.stride)
const med = (f, n = 25) => { const ts = []; for (let i = 0; i < n; i++) { const t = performance.now(); f(); ts.push(performance.now() - t) } ts.sort((a, b) => a - b); return ts[n >> 1].toFixed(1) }
console.log('lane only', med(() => { for (let i = 0; i < as.length; i++) laneScore(lane, as[i].facts, buf, i * lane.stride) }))
console.log('envelope', med(() => { for (let i = 0; i < as.length; i++) isLaneInput(as[i]) }))
console.log('hand totals', med(() => { for (const a of as) hand.totalCents(a.facts) }))
const kinds = {}
for (let i = 0; i < lane.count; i++) if (lane.isLeaf[i]) { const k = pack.nodes[i].ruleKind; (kinds[k] ??= []).push(lane.leafFast[i]) }
for (const [k, fs] of Object.entries(kinds)) console.log(k, fs.length, med(() => { let s = 0; for (const a of as) { const f = a.facts; for (const g of fs) s += g(f) } return s }))
const names = []
for (let a = 1; a <= 10; a++) for (let l = 1; l <= 10; l++) names.push(`f${a}_${l}`, `n${a}_${l}`, `d${a}_${l}`, `c${a}_${l}`, `x${a}_${l}`)
console.log('raw lookups x', names.length, med(() => { let s = 0; for (const a of as) { const f = a.facts; for (let k = 0; k < names.length; k++) if (f[names[k]] !== undefined) s++ } return s }))
const rf = (f, n) => { const v = f[n]; if (v === undefined || v === null || typeof v !== 'object' && typeof v !== 'function') return v; return 1 }
console.log('readFact-like x', names.length, med(() => { let s = 0; for (const a of as) { const f = a.facts; for (let k = 0; k < names.length; k++) if (rf(f, names[k]) !== undefined) s++ } return s }))
console.log('%HasFastProperties', as[0].facts)
const lc = lane.leafCompute
console.log('all closures', med(() => { let s = 0; for (const a of as) { const f = a.facts; for (let k = 0; k < lc.length; k++) s += lc[k](f) } return s }))
const byKind = Object.values(kinds).flat()
console.log('closures grouped by kind', med(() => { let s = 0; for (const a of as) { const f = a.facts; for (let k = 0; k < byKind.length; k++) s += byKind[k](f) } return s }))
let nan = 0
for (const a of as) for (let k = 0; k < lc.length; k++) if (Number.isNaN(lc[k](a.facts))) nan++
console.log('NaN results', nan)
console.log('lane only again', med(() => { for (let i = 0; i < as.length; i++) laneScore(lane, as[i].facts, buf, i * lane.stride) }))
const buf2 = new Float64Array(lane.stride)
console.log('lane one buffer', med(() => { for (let i = 0; i < as.length; i++) laneScore(lane, as[i].facts, buf2, 0) }))
const rnames = []; for (let a = 1; a <= 10; a++) for (const l of [1,5,9]) rnames.push([`n${a}_${l}`, `d${a}_${l}`])
console.log('hand-like ratio 30', med(() => { let s = 0; for (const a of as) { const f = a.facts; for (let k = 0; k < 30; k++) { const n = f[rnames[k][0]], d = f[rnames[k][1]]; s += d === 0 ? 100 : Math.min(100, Math.floor((200 * n + d) / (2 * d))) } } return s }))
const rf2 = kinds.ratio
console.log('our ratio 30', med(() => { let s = 0; for (const a of as) { const f = a.facts; for (let k = 0; k < 30; k++) s += rf2[k](f) } return s }))
const anames = Object.keys(as[0].facts)
console.log('hand-like 150 lookups', med(() => { let s = 0; for (const a of as) { const f = a.facts; for (let k = 0; k < 150; k++) if (f[anames[k]] !== undefined) s++ } return s }))
const { leaves, leafCompute, max, low, adjOffset } = lane
console.log('leaf loop replica', med(() => { for (let u = 0; u < as.length; u++) { const facts = as[u].facts; const offset = u * lane.stride; for (let k = 0; k < leaves.length; k++) { const i = leaves[k]; let p = leafCompute[k](facts); const hi = max[i]; buf[offset + i] = p > hi ? hi : p < low[i] ? low[i] : p } } }))
console.log('leaf loop no store', med(() => { let s = 0; for (let u = 0; u < as.length; u++) { const facts = as[u].facts; for (let k = 0; k < leaves.length; k++) { s += leafCompute[k](facts) } } return s }))
