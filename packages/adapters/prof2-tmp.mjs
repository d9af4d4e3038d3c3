import { renderReportPdf } from '@chiso/adapters/report'
const bars = (fill) => Array.from({ length: 16 }, (_, i) => `<rect x="10" y="${10 + i * 20}" width="${300 + i * 10}" height="14" fill="#c9d3e6"/><rect x="10" y="${10 + i * 20}" width="${300 + i * 10}" height="14" fill="${fill}"/>`).join('')
const page = (defs, fill) => `<section style="height:297mm;break-after:page"><svg width="700" height="340">${defs}${bars(fill)}</svg></section>`
const echartsPat = (id) => `<defs><pattern width="12" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" id="${id}"><g><path d="M0 -6l12 0l0 2l-12 0Z" fill="rgb(0,0,0)" fill-opacity="0.45"></path><path d="M0 0l12 0l0 2l-12 0Z" fill="rgb(0,0,0)" fill-opacity="0.45"></path></g></pattern></defs>`
const simplePat = (id) => `<defs><pattern width="6" height="6" patternUnits="userSpaceOnUse" id="${id}"><path d="M-1 1l2-2M0 6l6-6M5 7l2-2" stroke="#000" stroke-opacity="0.45" stroke-width="1.2"/></pattern></defs>`
const opaquePat = (id) => `<defs><pattern width="6" height="6" patternUnits="userSpaceOnUse" id="${id}"><path d="M-1 1l2-2M0 6l6-6M5 7l2-2" stroke="#6b7280" stroke-width="1.2"/></pattern></defs>`
const variants = {
  echarts: Array.from({ length: 100 }, (_, i) => page(echartsPat('p' + i), `url(#p${i})`)).join(''),
  simple: Array.from({ length: 100 }, (_, i) => page(simplePat('p' + i), `url(#p${i})`)).join(''),
  opaque: Array.from({ length: 100 }, (_, i) => page(opaquePat('p' + i), `url(#p${i})`)).join(''),
  shared: `<svg width="0" height="0" style="position:absolute">${simplePat('shared')}</svg>` + Array.from({ length: 100 }, () => page('', 'url(#shared)')).join(''),
  none: Array.from({ length: 100 }, () => page('', 'none')).join(''),
}
for (const [k, body] of Object.entries(variants)) {
  const t = Date.now()
  const r = await renderReportPdf(`<!DOCTYPE html><html><head><style>@page{size:A4;margin:0}body{margin:0}</style></head><body>${body}</body></html>`)
  console.log(k, Date.now() - t, 'ms', r.pdf.length)
}
