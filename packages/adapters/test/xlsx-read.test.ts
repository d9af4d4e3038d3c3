import { evaluate, Exact } from '@chiso/core'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { leafEntry, readAssessmentWorkbook, templateLayout, writeTemplateWorkbook } from '../src/xlsx/index.js'
import { testPack } from './helpers.js'

const pack = testPack()

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  return wb
}
async function save(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

/** A workbook laid out the way communes really send them, built cell by cell. */
async function handMade(rows: (string | number | null | ExcelJS.CellValue)[][], setup?: (ws: ExcelJS.Worksheet) => void, sheet = 'Biểu 01'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheet)
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v !== null) ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue
    })
  })
  setup?.(ws)
  return save(wb)
}

describe('writeTemplateWorkbook', () => {
  it('writes the header block, one row per node, areas bold and validated input cells', async () => {
    const wb = await load(await writeTemplateWorkbook(pack, { period: '2024', unitName: 'Xã Hoa Giấy' }))
    const layout = templateLayout(pack)
    const ws = wb.getWorksheet(layout.sheet)!
    expect(ws.getCell('A3').value).toBe('Tên đơn vị:')
    expect(ws.getCell('B3').value).toBe('Xã Hoa Giấy')
    expect(ws.getCell('B5').value).toBe('2024')
    expect(ws.getCell('B7').value).toBe('test/commune@1.0.0')
    expect(ws.getRow(layout.headerRow).values).toEqual([undefined, 'STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá', 'Tài liệu kiểm chứng', 'Giải trình', 'Nguồn'])
    // what in the pack is reconstructed: one line above the table, and each reconstructed row marked
    expect(ws.getCell(layout.cells.mark).value).toBe('Lưu ý: 10/10 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức; ngưỡng xếp loại cũng là tái dựng')
    for (const code of layout.rows.keys()) expect(ws.getCell(layout.rows.get(code)!, layout.columns.source).value, code).toBe('tái dựng')
    // the header row prints on every page
    expect(ws.pageSetup.printTitlesRow).toBe(`${layout.headerRow}:${layout.headerRow}`)
    expect([...layout.rows.keys()]).toEqual(pack.nodes.slice(1).map((n) => n.code))
    const area = ws.getRow(layout.rows.get('1')!)
    expect(area.getCell(1).font?.bold).toBe(true)
    expect(area.getCell(4).value).toMatchObject({ formula: expect.stringMatching(/^SUM\(D\d+/) })
    // manual with a step: decimal 0..max and a note
    const step = ws.getCell(layout.rows.get('1.4.1')!, 4)
    expect(step.dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 0.5] })
    expect(String(step.note)).toContain('0,25')
    // manual without a step: decimal only
    expect(ws.getCell(layout.rows.get('1.4.2')!, 4).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 1.5] })
    // choice / boolean / steps: a list of the allowed values
    expect(ws.getCell(layout.rows.get('1.1')!, 4).dataValidation).toMatchObject({ type: 'list', formulae: ['"0,0.5,1"'] })
    expect(ws.getCell(layout.rows.get('1.3')!, 4).dataValidation).toMatchObject({ type: 'list', formulae: ['"0,1"'] })
    expect(ws.getCell(layout.rows.get('1.2')!, 4).dataValidation).toMatchObject({ type: 'list', formulae: ['"0,1,2"'] })
    // survey leaves are not self-scored
    const survey = ws.getCell(layout.rows.get('3.1')!, 4)
    expect(survey.dataValidation?.type).toBeUndefined()
    expect(String(survey.note)).toContain('điều tra xã hội học')
  })

  it('reads back as an empty assessment', async () => {
    const r = await readAssessmentWorkbook(await writeTemplateWorkbook(pack, { period: '2024', unitName: 'Xã Hoa Giấy' }), pack, { period: '2024' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value).toMatchObject({ unitId: 'xa-hoa-giay', period: '2024', unit: { name: 'Xã Hoa Giấy', kind: 'commune' } })
    expect(r.value.selfScores).toBeUndefined()
  })

  it('property: template → filled with valid scores → read back gives the same self scores exactly', async () => {
    const template = await writeTemplateWorkbook(pack, { period: '2024' })
    const layout = templateLayout(pack)
    const leaves = pack.nodes.filter((n) => n.isLeaf && leafEntry(pack, n).kind !== 'none')
    const scoreArb = (code: string): fc.Arbitrary<Exact> => {
      const n = pack.node(code)!
      const e = leafEntry(pack, n)
      if (e.kind === 'list') return fc.constantFrom(...e.allowed)
      if (e.kind === 'decimal' && e.step) {
        const steps = Number(e.max.div(e.step).toFixed(0, 'down'))
        return fc.integer({ min: 0, max: steps }).map((k) => e.step!.mul(Exact.ratio(k, 1)))
      }
      const hundredths = Number(n.maxPoints.mul(Exact.HUNDRED).toFixed(0, 'down'))
      return fc.integer({ min: 0, max: hundredths }).map((k) => Exact.ratio(k, 100))
    }
    const filled = fc.record(Object.fromEntries(leaves.map((n) => [n.code, fc.option(scoreArb(n.code), { nil: undefined })])) as Record<string, fc.Arbitrary<Exact | undefined>>)
    const style = fc.constantFrom('number', 'comma-text', 'dot-text')
    await fc.assert(
      fc.asyncProperty(
        filled,
        style,
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '' && !s.includes(':')),
        async (scores, how, name) => {
          const wb = await load(template)
          const ws = wb.getWorksheet(layout.sheet)!
          ws.getCell(layout.cells.unitName).value = name
          ws.getCell(layout.cells.unitId).value = 'xa-01'
          for (const [code, v] of Object.entries(scores)) {
            if (v === undefined) continue
            const cell = ws.getCell(layout.rows.get(code)!, layout.columns.self)
            cell.value = how === 'number' ? v.toNumber() : how === 'comma-text' ? v.toString().replace('.', ',') : v.toString()
          }
          const r = await readAssessmentWorkbook(await save(wb), pack, { period: '2024' })
          expect(r.ok).toBe(true)
          if (!r.ok) return
          const expected = Object.fromEntries(
            Object.entries(scores)
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, v!.toString()]),
          )
          expect(r.value.selfScores ?? {}).toEqual(expected)
          expect(r.value.unitId).toBe('xa-01')
          expect(r.value.unit?.name).toBe(name.trim())
        },
      ),
      { numRuns: 40 },
    )
  })
})

describe('readAssessmentWorkbook on hand-made forms', () => {
  const header = ['STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá', 'Tài liệu kiểm chứng', 'Giải trình']

  it('reads headers without diacritics, "0,5" and 0.5, formula cells, evidence and explanations', async () => {
    const bytes = await handMade([
      ['UBND XÃ HOA GIẤY'],
      ['Ma don vi:', 'xa-hoa-giay'],
      ['Nam danh gia: 2024'],
      [],
      ['STT', 'TIEU CHI', 'DIEM TOI DA', 'DIEM TU DANH GIA', 'TAI LIEU KIEM CHUNG', 'GIAI TRINH'],
      ['1', 'Chỉ đạo điều hành', 6, { formula: 'SUM(D7:D9)', result: 2.5 }],
      ['1.1', 'Kế hoạch', 1, '0,5', 'Kế hoạch số 12/KH-UBND ngày 20/01/2024', 'Ban hành chậm 10 ngày'],
      ['1.3.', 'Báo cáo', 1, 1, 'Báo cáo 45/BC-UBND; Báo cáo 46/BC-UBND'],
      [1.1 as unknown as string, 'trùng mã', 1, null],
      ['2.2', 'Công khai TTHC', 2.5, { formula: '0.1+0.4+1', result: 1.5 }, 'Kế hoạch số 12/KH-UBND ngày 20/01/2024'],
      ['2.3', 'Phản ánh', 1.5, 0.75],
      ['', 'Tổng cộng', 20, { formula: 'SUM(D6:D11)', result: 3.75 }],
    ])
    const r = await readAssessmentWorkbook(bytes, pack, { period: '2024', fileName: 'xa-hoa-giay.xlsx' })
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (!r.ok) return
    expect(r.value.unitId).toBe('xa-hoa-giay')
    expect(r.value.period).toBe('2024')
    expect(r.value.selfScores).toEqual({ '1.1': '0.5', '1.3': '1', '2.2': '1.5', '2.3': '0.75' })
    expect(r.value.explanations).toEqual({ '1.1': 'Ban hành chậm 10 ngày' })
    // the same document evidences two criteria; document numbers are recognised
    expect(r.value.evidence).toEqual([
      { id: 'tlkc-1', title: 'Kế hoạch số 12/KH-UBND ngày 20/01/2024', number: '12/KH-UBND', criteria: ['1.1', '2.2'] },
      { id: 'tlkc-2', title: 'Báo cáo 45/BC-UBND', number: '45/BC-UBND', criteria: ['1.3'] },
      { id: 'tlkc-3', title: 'Báo cáo 46/BC-UBND', number: '46/BC-UBND', criteria: ['1.3'] },
    ])
    // the area row's cached SUM (2.5) is not what its sub-criteria add up to (1.5): a warning;
    // the repeated row "1.1" (typed as a number) carries no score: a warning at its STT cell
    expect(r.warnings.map((w) => [w.code, w.cell, w.severity])).toEqual([
      ['score_on_inner_node', 'D6', 'warning'],
      ['duplicate_row', 'A9', 'warning'],
    ])
    expect(r.warnings[0]!.message.vi).toBe('"1" có tiêu chí thành phần: biểu ghi 2,5 điểm nhưng tổng các tiêu chí thành phần là 1,5; điểm được cộng từ các tiêu chí thành phần')
    const res = evaluate(pack, r.value)
    expect(res.node('1')!.points.toString()).toBe('1.5')
  })

  it('reads a two-row merged header and merged STT / title cells', async () => {
    const bytes = await handMade(
      [
        ['Tên đơn vị:', 'Phường Hòa Bình'],
        ['Kỳ đánh giá:', 'Năm 2024'],
        ['STT', 'Nội dung tiêu chí', 'Điểm', null, 'Tài liệu kiểm chứng', 'Giải trình'],
        [null, null, 'Tối đa', 'Tự đánh giá', null, null],
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'],
        ['1', 'Chỉ đạo điều hành', 6, null],
        ['1.4.1', 'Kế hoạch kiểm tra', 0.5, 0.25, 'KH 3/KH-UBND'],
        ['1.4.2', 'Xử lý sau kiểm tra', 1.5, 1.25, null],
      ],
      (ws) => {
        ws.mergeCells('A3:A4')
        ws.mergeCells('B3:B4')
        ws.mergeCells('C3:D3')
        ws.mergeCells('E3:E4')
        ws.mergeCells('F3:F4')
        ws.mergeCells('E7:E8') // one document for two criteria
      },
    )
    const r = await readAssessmentWorkbook(bytes, pack, { period: '2024' })
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (!r.ok) return
    expect(r.value.unitId).toBe('phuong-hoa-binh')
    // the test pack applies to communes only, so the kind stays "commune"
    expect(r.value.unit?.kind).toBe('commune')
    expect(r.value.selfScores).toEqual({ '1.4.1': '0.25', '1.4.2': '1.25' })
    expect(r.value.evidence).toEqual([{ id: 'tlkc-1', title: 'KH 3/KH-UBND', number: '3/KH-UBND', criteria: ['1.4.1', '1.4.2'] }])
  })

  it('maps core issues back to cells: above max, not a multiple of the step, not an allowed value, survey self-scored', async () => {
    const bytes = await handMade([['Mã đơn vị:', 'xa-1'], header, ['1.1', 'Kế hoạch', 1, 0.7], ['1.4.1', 'Kế hoạch kiểm tra', 0.5, 0.3], ['1.4.2', 'Xử lý', 1.5, 2], ['3.1', 'Hài lòng', 3, 3]])
    const r = await readAssessmentWorkbook(bytes, pack, { period: '2024', fileName: 'xa-1.xlsx' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    const got = r.issues.map((i) => [i.code, i.cell, i.sheet, i.file])
    expect(got).toEqual([
      ['score_not_allowed', 'D3', 'Biểu 01', 'xa-1.xlsx'],
      ['score_not_multiple_of_step', 'D4', 'Biểu 01', 'xa-1.xlsx'],
      ['score_above_max', 'D5', 'Biểu 01', 'xa-1.xlsx'],
      ['self_score_on_survey', 'D6', 'Biểu 01', 'xa-1.xlsx'],
    ])
    expect(r.issues[2]!.message.vi).toBe('Điểm 2 của "1.4.2" vượt điểm tối đa 1,5')
    expect(r.issues[2]!.message.en).toContain('exceeds the maximum')
  })

  it('reads the appraised-score column as an appraisal round', async () => {
    const bytes = await handMade([
      ['Mã đơn vị:', 'xa-2'],
      ['STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự chấm', 'Điểm thẩm định', 'Lý do điều chỉnh'],
      ['1.4.2', 'Xử lý', 1.5, 1.5, 1, 'Thiếu báo cáo kết quả xử lý'],
      ['2.3', 'Phản ánh', 1.5, 1],
    ])
    const r = await readAssessmentWorkbook(bytes, pack, { period: '2024', reviewer: 'Sở Nội vụ' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.appraisals).toEqual([{ round: 1, reviewer: 'Sở Nội vụ', at: '2024', changes: [{ code: '1.4.2', points: '1', reason: 'Thiếu báo cáo kết quả xử lý' }] }])
    expect(evaluate(pack, r.value).node('1.4.2')!.points.toString()).toBe('1')
  })

  it('reports a formula without a cached result and a formula error at their cells', async () => {
    const bytes = await handMade([
      ['Mã đơn vị:', 'xa-3'],
      header,
      ['1.4.2', 'Xử lý', 1.5, { formula: '1/0', result: { error: '#DIV/0!' } }],
      ['2.3', 'Phản ánh', 1.5, { formula: 'C4/2' } as ExcelJS.CellValue],
    ])
    const r = await readAssessmentWorkbook(bytes, pack, { period: '2024' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([
      ['formula_error', 'D3'],
      ['formula_without_result', 'D4'],
    ])
  })

  it('reports a period that is not the one being scored', async () => {
    const bytes = await handMade([['Mã đơn vị:', 'xa-4'], ['Kỳ đánh giá:', '2023'], header, ['2.3', 'Phản ánh', 1.5, 1]])
    const r = await readAssessmentWorkbook(bytes, pack, { period: '2024' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => [i.code, i.cell])).toEqual([['period_mismatch', 'B2']])
    expect(r.issues[0]!.message.vi).toBe('Kỳ đánh giá trong biểu là "2023", khác kỳ đang chấm "2024"')
  })
})

describe('writeFilledWorkbook', () => {
  it('writes what the unit claims and reads back to the same self scores, evidence and explanations', async () => {
    const { writeFilledWorkbook } = await import('../src/xlsx/index.js')
    const a = {
      unitId: 'xa-k',
      period: '2024',
      group: 'xa',
      unit: { id: 'xa-k', name: 'Xã K', kind: 'commune' },
      facts: { completion: 95, onTime: 1187, dossiers: 1200 },
      selfScores: { '1.1': 0.5, '1.4.1': 0.25, '2.2': 2 },
      evidence: [{ id: 'e1', number: '12/KH-UBND', title: 'Kế hoạch CCHC năm 2024', criteria: ['1.1', '2.2'] }],
      explanations: { '2.2': 'Niêm yết chậm' },
    }
    const r = await readAssessmentWorkbook(await writeFilledWorkbook(pack, a), pack, { period: '2024' })
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (!r.ok) return
    // 1.2 from facts (95 > 90 → 2); 2.1 = 1187/1200 × 4 = 3.9566… no two decimals hold: left to
    // the facts, which the form carries on its sheet "Dữ kiện" (3.95 would read back as a claim the facts contradict)
    expect(r.value.selfScores).toEqual({ '1.1': '0.5', '1.2': '2', '1.4.1': '0.25', '2.2': '2' })
    expect(r.value.facts).toEqual(a.facts)
    expect(r.value.group).toBe('xa')
    expect(r.value.evidence).toEqual([{ id: 'tlkc-1', title: 'Kế hoạch CCHC năm 2024 (12/KH-UBND)', number: '12/KH-UBND', criteria: ['1.1', '2.2'] }])
    expect(r.value.explanations).toEqual({ '2.2': 'Niêm yết chậm' })
  })
})
