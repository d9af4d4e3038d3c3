import { bandYearsSvg, bandStyles } from '@chiso/adapters/report'
const labels = ['Xuất sắc','Tốt','Khá','Trung bình','Yếu','Kém','Rất kém']
const st = bandStyles(labels)
const svg = bandYearsSvg('t', [{year:'2023', counts: Object.fromEntries(labels.map((l,i)=>['b'+i, 3])), unbanded: 1}], labels.map((l,i)=>({code:'b'+i,label:l,style:st[i]})), {width: 400, height: 500})
console.log(svg.match(/<pattern[^>]*>/g))
import { writeFileSync } from 'node:fs'; writeFileSync('/tmp/t14/dec.html', `<html><body>${svg}</body></html>`)
