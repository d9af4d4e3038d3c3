import { readFileSync } from 'node:fs'
import { renderReportPdf } from '@chiso/adapters/report'
const html = readFileSync('/tmp/t14/acc/bao-cao.html', 'utf8')
let t = Date.now()
const r = await renderReportPdf(html)
console.log('pdf', Date.now() - t, 'ms', r.pdf.length)
