import { evaluateBatch } from '@chiso/core'
import { describe, expect, it } from 'vitest'
import { parseCsv, readAssessmentCsv, writeRankingCsv, writeTemplateCsv } from '../src/csv/index.js'
import { fixture, testPack } from './helpers.js'

const pack = testPack()
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('csv adapter', () => {
  it('parses quoted fields, doubled quotes, CRLF and detects the delimiter', () => {
    expect(parseCsv('a;"b;c";"say ""hi"""\r\n1;2;3\r\n')).toEqual([
      ['a', 'b;c', 'say "hi"'],
      ['1', '2', '3'],
    ])
    expect(parseCsv('a,b\n"0,5",x')).toEqual([
      ['a', 'b'],
      ['0,5', 'x'],
    ])
    expect(parseCsv('\ufeffa\tb\n1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ])
  })

  it('reads the form from a semicolon CSV with comma decimals', async () => {
    const r = await readAssessmentCsv(fixture('libreoffice/lo-semicolon.csv'), pack, { period: '2024', fileName: 'lo-semicolon.csv' })
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (!r.ok) return
    expect(r.value.unitId).toBe('tt-hai-quy')
    expect(r.value.selfScores).toEqual({ '1.1': '1', '1.2': '1', '2.1': '3.75', '2.3': '1.5' })
  })

  it('reports problems with cells, an empty file and a binary file', async () => {
    const text = 'Mã đơn vị:,xa-9\nSTT,Tiêu chí,Điểm tối đa,Điểm tự đánh giá\n1.1,Kế hoạch,1,"0,7"\n2.3,Phản ánh,"1,5",abc\n'
    const r = await readAssessmentCsv(enc(text), pack, { period: '2024', fileName: 'xa-9.csv' })
    expect(!r.ok && r.issues.map((i) => [i.file, i.cell, i.code])).toEqual([
      ['xa-9.csv', 'D3', 'score_not_allowed'],
      ['xa-9.csv', 'D4', 'invalid_number'],
    ])
    const empty = await readAssessmentCsv(new Uint8Array(), pack, { fileName: 'rong.csv' })
    expect(!empty.ok && empty.issues[0]!.code).toBe('empty_file')
    const binary = await readAssessmentCsv(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), pack, { fileName: 'x.csv' })
    expect(!binary.ok && binary.issues[0]!.code).toBe('not_a_csv')
  })

  it('reads Windows-1258 text (legacy Vietnamese encoding)', async () => {
    // "Mã đơn vị:" in Windows-1258: đ = 0xF0, ơ = 0xF5, ị = i + combining dot below (0xF2)
    const bytes = new Uint8Array([
      ...enc('M'),
      0xe3,
      ...enc(' '),
      0xf0,
      0xf5,
      ...enc('n vi'),
      0xf2,
      ...enc(':;xa-w\nSTT;Ti'),
      0xea,
      ...enc('u ch'),
      0xed,
      ...enc(';'),
      ...enc('Diem tu danh gia\n2.3;x;1\n'),
    ])
    const r = await readAssessmentCsv(bytes, pack, { period: '2024' })
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (r.ok) expect(r.value.unitId).toBe('xa-w')
  })

  it('writes the template and the ranking (semicolons, comma decimals from exact values)', () => {
    const t = writeTemplateCsv(pack, { period: '2024' })
    expect(t.startsWith('\ufeffTên đơn vị:;')).toBe(true)
    expect(t).toContain('STT;Tiêu chí;Điểm tối đa;Điểm tự đánh giá;Tài liệu kiểm chứng;Giải trình;Nguồn')
    expect(t).toContain('1.4.1;Ban hành kế hoạch kiểm tra;0,5;;;;tái dựng')
    expect(parseCsv(t).find((r) => r[0] === 'Nguồn nội dung:')).toEqual([
      'Nguồn nội dung:',
      'Lưu ý: 10/10 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức; ngưỡng xếp loại cũng là tái dựng',
    ])
    const batch = evaluateBatch(pack, [
      { unitId: 'a', period: '2024', unit: { id: 'a', name: 'Xã A', kind: 'commune' }, selfScores: { '2.1': '3.33' } },
      { unitId: 'b', period: '2024', unit: { id: 'b', name: 'Xã B; C', kind: 'commune' }, selfScores: { '2.1': 1 } },
    ])
    const csv = writeRankingCsv(batch)
    const all = parseCsv(csv)
    // the pack and what in it is reconstructed come first, then the table
    expect(all[0]).toEqual(['Bộ chỉ số: Bộ chỉ số CCHC cấp xã (kiểm thử) (test/commune@1.0.0)'])
    expect(all[1]![0]).toMatch(/^Lưu ý: 10\/10 tiêu chí chấm điểm là nội dung tái dựng/)
    const rows = all.slice(all.findIndex((r) => r[0] === 'Hạng'))
    expect(rows[0]).toEqual(['Hạng', 'Mã đơn vị', 'Đơn vị', 'Nhóm', 'Điểm', 'Chỉ số', 'Xếp loại', 'Hạng LV 1', 'Hạng LV 2', 'Hạng LV 3', 'Chỉ số (chính xác)'])
    expect(rows[1]).toEqual(['1', 'a', 'Xã A', 'Khối xã', '3,33', '16,65', 'Yếu', '1', '1', '1', '16.65'])
    expect(rows[2]![2]).toBe('Xã B; C')
  })
})
