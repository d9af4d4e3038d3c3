// Workbooks saved by a real office suite (LibreOffice Calc 7.4, Debian), not by exceljs:
// sources (.fods / .csv) and the converted .xlsx are in fixtures/libreoffice (see build.sh).
import { evaluate } from '@chiso/core'
import { describe, expect, it } from 'vitest'
import { readAssessmentWorkbook } from '../src/xlsx/index.js'
import { fixture, testPack } from './helpers.js'

const pack = testPack()
const lo = (name: string): string => fixture(`libreoffice/${name}`)

describe('workbooks saved by LibreOffice', () => {
  it('merged title and two-row header, merged evidence cell, formulas (cached results), number typed as "0,5"', async () => {
    const r = await readAssessmentWorkbook(lo('lo-merged-formulas.xlsx'), pack, { period: '2024', fileName: 'lo-merged-formulas.xlsx' })
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (!r.ok) return
    expect(r.sheet).toBe('Biểu tự đánh giá')
    expect(r.value.unitId).toBe('xa-tu-dang')
    expect(r.value.unit?.name).toBe('Xã Tử Đằng')
    // the period cell holds the number 2024
    expect(r.value.period).toBe('2024')
    expect(r.value.selfScores).toEqual({
      '1.1': '0.5', // text "0,5"
      '1.2': '2',
      '1.3': '1', // =IF(C11>0;1;0)
      '1.4.1': '0.25',
      '1.4.2': '1', // =0.1+0.2+0.7, exactly 1
      '2.1': '3.5',
      '2.2': '2.5',
      '2.3': '1',
    })
    expect(r.value.explanations).toEqual({ '1.1': 'Ban hành chậm 10 ngày' })
    expect(r.value.evidence).toEqual([
      { id: 'tlkc-1', title: 'Kế hoạch số 12/KH-UBND ngày 20/01/2024', number: '12/KH-UBND', criteria: ['1.1'] },
      { id: 'tlkc-2', title: 'Kế hoạch kiểm tra số 7/KH-UBND', number: '7/KH-UBND', criteria: ['1.4.1', '1.4.2'] },
      { id: 'tlkc-3', title: 'Thông báo số 5/TB-UBND', number: '5/TB-UBND', criteria: ['2.2'] },
    ])
    const result = evaluate(pack, r.value)
    // LibreOffice's own SUM skipped the text "0,5" (4.25 on the area row, 11.25 on the total
    // row): both flagged at their cells, the engine reads 0.5
    expect(r.warnings.map((w) => [w.code, w.cell, w.value])).toEqual([
      ['score_on_inner_node', 'D8', '4.25'],
      ['total_mismatch', 'D22', '11.25'],
    ])
    expect(result.total.toString()).toBe('11.75')
  })

  it('headers without diacritics, inline labels, column-number row, Roman numerals, trailing dots, comma decimals', async () => {
    const r = await readAssessmentWorkbook(lo('lo-no-diacritics.xlsx'), pack, { period: '2024', fileName: 'lo-no-diacritics.xlsx' })
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (!r.ok) return
    expect(r.value.unitId).toBe('xa-thuoc-duoc')
    expect(r.value.unit?.name).toBe('Xa Thuoc Duoc')
    expect(r.value.selfScores).toEqual({ '1.1': '1', '1.3': '0', '1.4.1': '0.5', '1.4.2': '1.25', '2.2': '2' })
    expect(r.value.evidence?.map((e) => e.title)).toEqual(['Thong bao 9/TB-UBND', 'Anh chup bang niem yet'])
    expect(r.warnings).toEqual([])
  })

  it('reports text in a number cell, a formula above the maximum and an unknown criterion with their cells', async () => {
    const r = await readAssessmentWorkbook(lo('lo-errors.xlsx'), pack, { period: '2024', fileName: 'lo-errors.xlsx' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => [i.file, i.sheet, i.cell, i.code])).toEqual([
      ['lo-errors.xlsx', 'Tự đánh giá', 'D5', 'invalid_number'],
      ['lo-errors.xlsx', 'Tự đánh giá', 'D6', 'score_above_max'],
      ['lo-errors.xlsx', 'Tự đánh giá', 'A7', 'unknown_criterion'],
    ])
    expect(r.issues.map((i) => i.message.vi)).toEqual([
      'Ô điểm chứa chữ, không phải số: "đạt"',
      'Điểm 2 của "2.3" vượt điểm tối đa 1,5',
      'Không có tiêu chí mã "2.9" trong bộ chỉ số test/commune@1.0.0',
    ])
  })

  it('a semicolon CSV opened and saved as .xlsx by LibreOffice', async () => {
    const r = await readAssessmentWorkbook(lo('lo-semicolon.xlsx'), pack, { period: '2024' })
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (!r.ok) return
    expect(r.value.unitId).toBe('tt-hai-quy')
    expect(r.value.selfScores).toEqual({ '1.1': '1', '1.2': '1', '2.1': '3.75', '2.3': '1.5' })
    expect(r.value.explanations).toEqual({ '1.2': 'Hoàn thành 85 %' })
  })

  it('the chiso template, filled in and saved again by LibreOffice (validations kept, sums recalculated)', async () => {
    const r = await readAssessmentWorkbook(lo('lo-template-resaved.xlsx'), pack, { period: '2024' })
    expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
    if (!r.ok) return
    expect(r.value.unitId).toBe('xa-bo-cong-anh')
    expect(r.value.unit?.name).toBe('Xã Bồ Công Anh')
    expect(r.value.selfScores).toEqual({ '1.1': '1', '1.2': '2', '1.3': '1', '1.4.1': '0.5', '1.4.2': '1.25', '2.1': '3.25', '2.2': '2.5', '2.3': '1.5' })
    expect(r.value.evidence?.[0]?.number).toBe('5/TB-UBND')
  })
})
