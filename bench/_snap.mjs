import { compilePack, evaluateBatch } from '@chiso/core'
import { benchAssessments, benchPack } from '/work/main/bench/workload.mjs'
import v8 from 'node:v8'
import fs from 'node:fs'
const pack = compilePack(benchPack({ leafDecimals: 2 }))
const as = benchAssessments(300, 2024)
evaluateBatch(pack, as, { trace: true, inputs: 'borrow' })
gc()
const snap = () => { const f = v8.writeHeapSnapshot('/tmp/s.heapsnapshot'); const s = JSON.parse(fs.readFileSync(f)); const m = s.snapshot.meta; const nf = m.node_fields.length; const types = m.node_types[0]; const agg = new Map(); for (let i = 0; i < s.nodes.length; i += nf) { const t = types[s.nodes[i]]; const name = s.strings[s.nodes[i + 1]]; const k = t + ':' + (t === 'string' || t === 'concatenated string' ? '' : name); const e = agg.get(k) ?? [0, 0]; e[0]++; e[1] += s.nodes[i + 3]; agg.set(k, e) } return agg }
const a0 = snap()
globalThis.keep = evaluateBatch(pack, as, { trace: true, inputs: 'borrow' })
gc()
const a1 = snap()
const diff = [...a1].map(([k, [c, sz]]) => [k, c - (a0.get(k)?.[0] ?? 0), sz - (a0.get(k)?.[1] ?? 0)]).sort((x, y) => y[2] - x[2]).slice(0, 20)
for (const [k, c, sz] of diff) console.log(k.slice(0, 60).padEnd(60), String(c).padStart(8), String((sz / 300).toFixed(0)).padStart(8), 'B/unit')
