import { benchAssessments, benchPack } from './workload.mjs'
const impl = await import(process.argv[2])
const pack = impl.compilePack(benchPack())
const as = benchAssessments()
const t = (f) => { const r = []; for (let i = 0; i < 15; i++) { const s = performance.now(); f(); r.push(performance.now() - s) } r.sort((a, b) => a - b); return r[3].toFixed(1) }
const unrounded = impl.compilePack(benchPack({ leafDecimals: undefined }))
console.log(process.argv[2].includes('old') ? 'old' : 'new', 'borrow', t(() => impl.evaluateBatch(pack, as, { inputs: 'borrow' })), 'copy', t(() => impl.evaluateBatch(pack, as)), 'general/borrow', t(() => impl.evaluateBatch(unrounded, as, { inputs: 'borrow' })), 'safeEvaluate each', t(() => { for (const a of as) impl.safeEvaluate(pack, a) }))
