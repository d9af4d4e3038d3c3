import { buildContext, csvLine } from './fuzz/context.mjs'
import { performance } from 'node:perf_hooks'
const ctx = await buildContext()
const form = ctx.forms[0]
const rows = form.rows.map(r => [...r])
const n = 200_000 - rows.reduce((s, r) => s + r.length, 0) - 10
rows[2] = [...rows[2], ...Array.from({ length: n }, (_, k) => '')]
const bytes = new Uint8Array(Buffer.from(rows.map(r => csvLine(r, ';')).join('\r\n')))
for (let i = 0; i < 2; i++) {
  const t = performance.now()
  const r = await ctx.csv.readAssessmentCsv(bytes, form.pack.compiled, { fileName: 'x.csv' })
  console.log(n, 'read', performance.now() - t, r.ok, r.ok ? '' : r.issues.slice(0,2).map(i=>i.code))
}
