import { evaluateBatch, analyseSensitivity } from '@chiso/core'
import { generateSampleProvince, vnCchc } from '@chiso/rules-vn-cchc'
import { buildReportData, renderReportHtml, renderReportPdf } from '@chiso/adapters/report'
import { writeFileSync } from 'node:fs'
const kind = process.argv[2] ?? 'department'
const s = generateSampleProvince({ years: [2023, 2024] })
const fam = `vn-cchc/${kind}`
const byYear = {}
for (const y of s.years) for (const p of y.packs) if (p.family === fam) byYear[y.year] = { pack: vnCchc.compile(p.packId), assessments: p.assessments }
const cur = byYear[2024], prev = byYear[2023]
let t = Date.now()
const batch = evaluateBatch(cur.pack, cur.assessments, { trace: true })
const sens = analyseSensitivity(cur.pack, cur.assessments, { draws: 1000, seed: 1, weights: { spread: 0.1 } })
console.log('score+sens', Date.now() - t); t = Date.now()
const data = buildReportData(batch, { previous: { '2023': evaluateBatch(prev.pack, prev.assessments) }, sensitivity: { report: sens, spread: 0.1 } })
const html = renderReportHtml(data)
console.log('html', Date.now() - t, html.length); t = Date.now()
writeFileSync(`/tmp/t14/r-${kind}.html`, html)
const r = await renderReportPdf(html)
console.log('pdf', Date.now() - t, r.pdf.length, 'overflow', r.overflowing)
writeFileSync(`/tmp/t14/r-${kind}.pdf`, r.pdf)
