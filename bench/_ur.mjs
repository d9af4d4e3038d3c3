import { compilePack, UnitResult } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(3321, 2024)
const buf = new Float64Array(3321 * 120)
const lane = {}
const med = (f) => { const ts = []; for (let r = 0; r < 30; r++) { gc(); const t = performance.now(); f(); ts.push(performance.now() - t) } return ts.sort((p, q) => p - q)[15].toFixed(2) }
const flags = Object.freeze([])
console.log('UnitResult x3321', med(() => { const out = new Array(3321); for (let i = 0; i < 3321; i++) out[i] = new UnitResult(pack, as[i], { lane, buf, offset: i * 120 }, flags, undefined, true); return out }))
class Plain { constructor(pack, a, lane, buf, off) { this.pack = pack; this.assessment = a; this.unitId = a.unitId; this.period = a.period; this.group = a.group ?? 'all'; this.lane = lane; this.buf = buf; this.off = off; this.points = undefined; this.appMax = undefined; this.na = undefined; this.bonus = undefined; this.deduction = undefined; this.traces = undefined; this.fp = undefined; this.ah = undefined; this.total = undefined; this.index = undefined; this.flags = flags; this.engineVersion = '0.1.0' } }
console.log('plain class x3321', med(() => { const out = new Array(3321); for (let i = 0; i < 3321; i++) out[i] = new Plain(pack, as[i], lane, buf, i * 120); return out }))
const m = new Map()
console.log('Map set x3321', med(() => { m.clear(); for (let i = 0; i < 3321; i++) { const id = as[i].unitId; if (m.get(id) === undefined) m.set(id, as[i].period) } }))
