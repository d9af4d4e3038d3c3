// A "Tổng cộng" typed over its formula is a warning at its cell, as a wrong inner row is.
import { describe, expect, it } from 'vitest'
import { readAssessmentWorkbook, templateLayout } from '../src/xlsx/index.js'
import { filledWorkbook, GOOD, testPack } from './helpers.js'

const pack = testPack()
const layout = templateLayout(pack)
const totalRow = layout.headerRow + pack.nodes.length

describe('the "Tổng cộng" row', () => {
  it('typed over with a figure that is not the sum: a warning at the cell, the sum is used', async () => {
    const bytes = await filledWorkbook(pack, {
      unitId: 'xa-a',
      name: 'Xã A',
      scores: GOOD,
      evidence: { '2.2': 'TB 5/TB-UBND' },
      mutate: (ws) => {
        ws.getCell(totalRow, layout.columns.self).value = 50
      },
    })
    const r = await readAssessmentWorkbook(bytes, pack, { fileName: 'xa-a.xlsx' })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const w = r.warnings.find((i) => i.code === 'total_mismatch')
    expect(w).toMatchObject({ cell: `D${totalRow}`, severity: 'warning' })
    expect(w!.message.vi).toBe('Ô "Tổng cộng" ghi 50 điểm nhưng tổng điểm tự chấm các tiêu chí là 13,25; điểm được cộng từ các tiêu chí')
    expect(w!.message.en).toContain('add up to 13.25')
  })

  it('the sum itself, or the formula: no warning', async () => {
    const bytes = await filledWorkbook(pack, {
      unitId: 'xa-a',
      name: 'Xã A',
      scores: GOOD,
      mutate: (ws) => {
        ws.getCell(totalRow, layout.columns.self).value = 13.25
      },
    })
    const r = await readAssessmentWorkbook(bytes, pack, { fileName: 'xa-a.xlsx' })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.warnings.filter((i) => i.code === 'total_mismatch')).toEqual([])
    const plain = await readAssessmentWorkbook(await filledWorkbook(pack, { unitId: 'xa-a', name: 'Xã A', scores: GOOD }), pack, { fileName: 'xa-a.xlsx' })
    if (!plain.ok) throw new Error(JSON.stringify(plain.issues))
    expect(plain.warnings.filter((i) => i.code === 'total_mismatch')).toEqual([])
  })
})
