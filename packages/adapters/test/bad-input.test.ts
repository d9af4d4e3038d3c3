import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { findSubmissionFiles, readSubmissions } from '../src/cli/index.js'
import { readAssessmentWorkbook } from '../src/xlsx/index.js'
import { filledWorkbook, GOOD, testPack } from './helpers.js'

const pack = testPack()
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-bad-'))
  const w = async (name: string, bytes: Uint8Array | string): Promise<void> => writeFile(join(dir, name), bytes)
  await w('01-xa-mau-don.xlsx', await filledWorkbook(pack, { unitId: 'xa-mau-don', name: 'Xã Mẫu Đơn', scores: GOOD, evidence: { '2.2': 'Thông báo 5/TB-UBND' } }))
  await w('02-xa-cam-chuong.xlsx', await filledWorkbook(pack, { unitId: 'xa-cam-chuong', name: 'Xã Cẩm Chướng', scores: { ...GOOD, '1.1': 0.5, '2.1': 2 } }))
  await w('03-not-a-workbook.xlsx', 'Đây không phải tệp Excel\n')
  await w('04-empty.xlsx', new Uint8Array())
  await w('05-old-format.xlsx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]))
  await w(
    '06-unknown-criterion.xlsx',
    await filledWorkbook(pack, {
      unitId: 'xa-luu-ly',
      name: 'Xã Lưu Ly',
      scores: GOOD,
      mutate: (ws, rowOf) => {
        ws.getCell(rowOf('2.3'), 1).value = '2.9'
      },
    }),
  )
  await w('07-above-max.xlsx', await filledWorkbook(pack, { unitId: 'xa-hai-duong', name: 'Xã Hải Đường', scores: { ...GOOD, '2.3': 2 } }))
  await w('08-text-in-number.xlsx', await filledWorkbook(pack, { unitId: 'xa-thach-thao', name: 'Xã Thạch Thảo', scores: { ...GOOD, '1.4.2': 'một điểm' } }))
  await w(
    '09-wrong-sheet.xlsx',
    await (async () => {
      const { default: ExcelJS } = await import('exceljs')
      const wb = new ExcelJS.Workbook()
      wb.addWorksheet('Báo cáo').getCell('A1').value = 'Báo cáo tổng kết công tác CCHC năm 2024'
      wb.addWorksheet('Phụ lục').getCell('A1').value = 'Danh mục văn bản'
      return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
    })(),
  )
  await w('~$01-xa-mau-don.xlsx', 'lock file')
  await w('notes.txt', 'ignored')
})

describe('bad input: precise errors with file / sheet / cell, the other files still read', () => {
  it('finds the submission files in a folder (lock files and other extensions skipped)', async () => {
    const { files } = await findSubmissionFiles([dir])
    expect(files.map((f) => f.replace(/^.*[\\/]/, ''))).toEqual([
      '01-xa-mau-don.xlsx',
      '02-xa-cam-chuong.xlsx',
      '03-not-a-workbook.xlsx',
      '04-empty.xlsx',
      '05-old-format.xlsx',
      '06-unknown-criterion.xlsx',
      '07-above-max.xlsx',
      '08-text-in-number.xlsx',
      '09-wrong-sheet.xlsx',
    ])
  })

  it('reports every bad file precisely and keeps the good ones', async () => {
    const { files } = await findSubmissionFiles([dir])
    const r = await readSubmissions(files, pack, { period: '2024', cwd: dir })
    expect(r.submissions.map((s) => s.assessment.unitId)).toEqual(['xa-mau-don', 'xa-cam-chuong'])
    expect(r.rejected).toEqual(['03-not-a-workbook.xlsx', '04-empty.xlsx', '05-old-format.xlsx', '06-unknown-criterion.xlsx', '07-above-max.xlsx', '08-text-in-number.xlsx', '09-wrong-sheet.xlsx'])
    const rows = r.issues.map((i) => [i.file, i.sheet ?? null, i.cell ?? null, i.code])
    expect(rows).toEqual([
      ['03-not-a-workbook.xlsx', null, null, 'not_a_workbook'],
      ['04-empty.xlsx', null, null, 'empty_file'],
      ['05-old-format.xlsx', null, null, 'not_a_workbook'],
      ['06-unknown-criterion.xlsx', 'Tự đánh giá', 'A23', 'unknown_criterion'],
      ['07-above-max.xlsx', 'Tự đánh giá', 'D23', 'score_above_max'],
      ['08-text-in-number.xlsx', 'Tự đánh giá', 'D19', 'invalid_number'],
      ['09-wrong-sheet.xlsx', null, null, 'form_not_found'],
    ])
    const msg = Object.fromEntries(r.issues.map((i) => [i.file, i.message.vi]))
    expect(msg['04-empty.xlsx']).toBe('Tệp rỗng, không có dữ liệu')
    expect(msg['05-old-format.xlsx']).toContain('.xls (Excel 97-2003)')
    expect(msg['06-unknown-criterion.xlsx']).toBe('Không có tiêu chí mã "2.9" trong bộ chỉ số test/commune@1.0.0')
    expect(msg['07-above-max.xlsx']).toBe('Điểm 2 của "2.3" vượt điểm tối đa 1,5')
    expect(msg['08-text-in-number.xlsx']).toBe('Ô điểm chứa chữ, không phải số: "một điểm"')
    expect(msg['09-wrong-sheet.xlsx']).toContain('(đã xem: Báo cáo, Phụ lục)')
    for (const i of r.issues) expect(i.message.en.length).toBeGreaterThan(5)
  })

  it('a named sheet that does not exist is reported with the sheets there are', async () => {
    const r = await readAssessmentWorkbook(join(dir, '01-xa-mau-don.xlsx'), pack, { period: '2024', sheet: 'Biểu 02' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues[0]).toMatchObject({ code: 'sheet_not_found', value: 'Biểu 02' })
    expect(r.issues[0]!.message.vi).toBe('Không có trang tính "Biểu 02" (các trang có: Tự đánh giá)')
  })

  it('a missing file is file_not_found', async () => {
    const r = await readAssessmentWorkbook(join(dir, 'khong-co.xlsx'), pack, { fileName: 'khong-co.xlsx' })
    expect(!r.ok && r.issues[0]!.code).toBe('file_not_found')
  })

  it('the same unit submitted twice: the second file is rejected', async () => {
    const d2 = await mkdtemp(join(tmpdir(), 'chiso-dup-'))
    await writeFile(join(d2, 'a.xlsx'), await filledWorkbook(pack, { unitId: 'xa-1', name: 'Xã Một', scores: GOOD }))
    await writeFile(join(d2, 'b.xlsx'), await filledWorkbook(pack, { unitId: 'xa-1', name: 'Xã Một', scores: GOOD }))
    const { files } = await findSubmissionFiles([d2])
    const r = await readSubmissions(files, pack, { period: '2024', cwd: d2 })
    expect(r.submissions).toHaveLength(1)
    expect(r.issues.map((i) => [i.file, i.code])).toEqual([['b.xlsx', 'duplicate_assessment']])
  })
})

export { dir }
