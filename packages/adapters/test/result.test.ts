import { evaluateBatch, Exact, type AssessmentInput } from '@chiso/core'
import { describe, expect, it } from 'vitest'
import { bandSummary, formatVi, summaryLines, writeResultWorkbook, type FileIssue } from '../src/xlsx/index.js'
import { loadWorkbook, testPack } from './helpers.js'

const pack = testPack()

/** 16 communes: scores chosen so that 12 are "khá" and 4 "trung bình". */
function communes(): AssessmentInput[] {
  const out: AssessmentInput[] = []
  for (let i = 1; i <= 16; i++) {
    const fair = i <= 12
    out.push({
      unitId: `xa-${String(i).padStart(2, '0')}`,
      period: '2024',
      unit: { id: `xa-${String(i).padStart(2, '0')}`, name: `Xã Số ${i}`, kind: 'commune' },
      selfScores: { '1.1': 1, '1.2': fair ? 2 : 1, '1.3': 1, '1.4.1': 0.5, '1.4.2': fair ? 1.5 : 0.25, '2.1': fair ? 2 : 1, '2.2': 2.5, '2.3': 1.5 },
      survey: { '3.1': { answers: { A: 20 + i, B: 10, C: 5, D: 2 } }, '3.2': { points: fair ? '0.75' : '0.5' } },
      evidence: [{ id: 'tb', number: '5/TB-UBND', title: 'Thông báo công khai TTHC', criteria: ['2.2'] }],
      explanations: { '1.4.2': 'Đã xử lý 3/4 kiến nghị sau kiểm tra' },
      appraisals: i === 1 ? [{ round: 1, reviewer: 'Sở Nội vụ', at: '2025-01-10', changes: [{ code: '2.3', points: 1, reason: 'Thiếu sổ theo dõi' }] }] : [],
    })
  }
  return out
}

describe('result workbook', () => {
  const batch = evaluateBatch(pack, communes())

  it('summary text in the press-release style, numbers with a comma from the exact value', () => {
    expect(bandSummary(batch)).toBe('12/16 xã đạt khá, 04 xã trung bình')
    const lines = summaryLines(batch)
    expect(lines).toContain('12/16 xã đạt khá, 04 xã trung bình')
    expect(lines.some((l) => /^Chỉ số bình quân đạt \d+,\d\d%$/.test(l))).toBe(true)
    // the leader is named without a redundant "xếp thứ 1/16"; the last one with its place
    expect(lines.find((l) => l.startsWith('Dẫn đầu'))).toMatch(/^Dẫn đầu: Xã Số \d+ đạt \d+,\d\d điểm \(chỉ số \d+,\d\d%\)$/)
    expect(lines.find((l) => l.startsWith('Thấp nhất'))).toMatch(/^Thấp nhất: Xã Số \d+ đạt \d+,\d\d điểm \(chỉ số \d+,\d\d%\), xếp thứ 16\/16$/)
    // the pack and what in it is reconstructed head the lines
    expect(lines[1]).toBe('Lưu ý: 10/10 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức; ngưỡng xếp loại cũng là tái dựng')
    expect(formatVi(Exact.from('85.335'))).toBe('85,34')
    expect(formatVi(Exact.from('1234.5'), 1)).toBe('1.234,5')
    expect(formatVi(Exact.from('-0.005'))).toBe('-0,01')
    expect(formatVi(Exact.from('2/3'))).toBe('0,67')
  })

  it('has a summary, a ranking and a sheet per unit with every criterion', async () => {
    const issues: FileIssue[] = [
      {
        code: 'invalid_number',
        path: [],
        value: 'năm',
        file: 'xa-17.xlsx',
        sheet: 'Tự đánh giá',
        cell: 'D14',
        row: 14,
        severity: 'error',
        message: { vi: 'Ô điểm chứa chữ, không phải số: "năm"', en: 'Text in a number cell: "năm"' },
      },
    ]
    const wb = await loadWorkbook(await writeResultWorkbook(batch, { locale: 'vi', issues }))
    const names = wb.worksheets.map((w) => w.name)
    // the ranking report first: what an officer prints
    expect(names.slice(0, 2)).toEqual(['Xếp hạng', 'Tổng hợp'])
    expect(names).toHaveLength(2 + 16 + 1)
    expect(names[names.length - 1]).toBe('Lỗi nhập liệu')

    const summary = wb.getWorksheet('Tổng hợp')!
    const texts: string[] = []
    summary.eachRow((r) => texts.push(String(r.getCell(1).value)))
    expect(texts).toContain('12/16 xã đạt khá, 04 xã trung bình')

    const rk = wb.getWorksheet('Xếp hạng')!
    const column = (row: number): unknown[] => Array.from({ length: 13 }, (_, k) => rk.getCell(row, k + 1).value)
    expect(rk.getCell('G1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(rk.getCell('G2').value).toBe('Độc lập - Tự do - Hạnh phúc')
    expect(rk.getCell('A5').value).toBe('KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024')
    expect(rk.getCell('A7').value).toBe('Lưu ý: 10/10 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức; ngưỡng xếp loại cũng là tái dựng')
    let h1 = 0
    rk.eachRow((r, n) => {
      if (h1 === 0 && r.getCell(1).value === 'Hạng') h1 = n
    })
    expect(column(h1)).toEqual([
      'Hạng',
      'Đơn vị',
      'Điểm đạt',
      'Điểm tối đa áp dụng',
      'Chỉ số (%)',
      'Xếp loại',
      'Thứ hạng theo lĩnh vực',
      'Thứ hạng theo lĩnh vực',
      'Thứ hạng theo lĩnh vực',
      'Mã đơn vị',
      'Nhóm',
      'Chỉ số (giá trị chính xác)',
      'Mã kiểm tra',
    ])
    expect(column(h1 + 1).slice(6, 9)).toEqual(['1', '2', '3'])
    // both header rows print on every page; A4 landscape where wide, fitted to the width
    expect(rk.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${h1}:${h1 + 1}` })
    expect(rk.pageSetup.printArea).toMatch(/^A1:I\d+$/)
    const first = batch.groups.get('all')![0]!
    const r2 = rk.getRow(h1 + 2)
    expect(r2.getCell(1).value).toBe(1)
    expect(r2.getCell(2).value).toBe('Xã Số ' + first.unitId.replace('xa-', '').replace(/^0/, ''))
    expect(r2.getCell(3).value).toBe(first.result.total.toNumber())
    // Vietnamese number format: 85,34 whatever the office suite's locale
    expect(r2.getCell(3).numFmt).toBe('[$-42A]#,##0.00')
    expect(r2.getCell(5).numFmt).toBe('[$-42A]#,##0.00')
    expect(r2.getCell(6).value).toBe('Khá')
    // band colours: the band's fill on the whole printed row
    expect((r2.getCell(2).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe((r2.getCell(6).fill as { fgColor?: { argb?: string } }).fgColor?.argb)
    expect(r2.getCell(7).value).toBe(first.componentRanks['1'])
    expect(r2.getCell(10).value).toBe(first.unitId)
    expect(r2.getCell(12).value).toBe(first.result.index.toString())
    // the signature block under the table
    const all: string[] = []
    rk.eachRow((r) => r.eachCell((c) => all.push(String(c.value))))
    expect(all).toContain('NGƯỜI LẬP BIỂU')
    expect(all).toContain('THỦ TRƯỞNG CƠ QUAN')

    // the appraised unit's sheet: max, self, appraised, final, evidence, explanation for every node
    const u1 = batch.unit('xa-01')!
    const ws = wb.worksheets.find((w) => w.getCell('A1').value === 'Xã Số 1')!
    expect(ws.getRow(8).values).toEqual([
      undefined,
      'STT',
      'Tiêu chí',
      'Điểm tối đa',
      'Điểm tự đánh giá',
      'Điểm thẩm định',
      'Điểm đạt',
      'Chỉ số (%)',
      'Tài liệu kiểm chứng',
      'Giải trình',
      'Ghi chú',
      'Nguồn',
    ])
    expect(ws.getCell('A4').value).toMatch(/^Lưu ý: 10\/10 tiêu chí chấm điểm là nội dung tái dựng/)
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '8:8' })
    const rows = new Map<string, import('exceljs').Row>()
    ws.eachRow((r, n) => {
      if (n > 8) rows.set(String(r.getCell(1).value ?? ''), r)
    })
    expect([...rows.keys()]).toEqual([...pack.nodes.slice(1).map((n) => n.code), ''])
    const leaf = rows.get('2.3')!
    expect([leaf.getCell(3).value, leaf.getCell(4).value, leaf.getCell(5).value, leaf.getCell(6).value]).toEqual([1.5, 1.5, 1, 1])
    expect(rows.get('2.2')!.getCell(8).value).toBe('5/TB-UBND — Thông báo công khai TTHC')
    expect(rows.get('1.4.2')!.getCell(9).value).toBe('Đã xử lý 3/4 kiến nghị sau kiểm tra')
    const total = rows.get('')!
    expect(total.getCell(2).value).toBe('Tổng cộng')
    expect(total.getCell(6).value).toBe(u1.result.total.toNumber())
    expect(String(ws.getCell('A3').value)).toContain(`${formatVi(u1.result.total)} / 20,00`)
    expect(rows.get('2.3')!.getCell(11).value).toBe('tái dựng')
    // an inner node's self score is the exact sum of its leaves' self scores
    expect(rows.get('1.4')!.getCell(4).value).toBe(2)

    const probs = wb.getWorksheet('Lỗi nhập liệu')!
    expect(probs.getRow(2).values).toEqual([undefined, 'xa-17.xlsx', 'Tự đánh giá', 'D14', 'lỗi', 'invalid_number', 'Ô điểm chứa chữ, không phải số: "năm"', 'Text in a number cell: "năm"'])
  })

  it('unit sheet names are unique, at most 31 characters and free of forbidden characters', async () => {
    const long = communes()
      .slice(0, 3)
      .map((a, i) => ({ ...a, unit: { ...a.unit!, name: 'Ủy ban nhân dân xã Quảng Phú Cầu / huyện Ứng Hòa [cũ]' + (i === 2 ? '?' : '') } }))
    const wb = await loadWorkbook(await writeResultWorkbook(evaluateBatch(pack, long)))
    const names = wb.worksheets.slice(2).map((w) => w.name)
    expect(new Set(names).size).toBe(3)
    for (const n of names) {
      expect([...n].length).toBeLessThanOrEqual(31)
      expect(n).not.toMatch(/[[\]:*?/\\]/)
    }
  })

  it('English labels with locale "en"', async () => {
    const wb = await loadWorkbook(await writeResultWorkbook(batch, { locale: 'en' }))
    expect(wb.worksheets.slice(0, 2).map((w) => w.name)).toEqual(['Ranking', 'Summary'])
    expect(wb.worksheets[0]!.getCell('A7').value).toBe('Note: 10 of 10 scored criteria reconstructed, not an official text; band cut-offs reconstructed too')
  })
})
