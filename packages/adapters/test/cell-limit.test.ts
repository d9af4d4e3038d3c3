// Excel holds at most 32,767 characters in a cell (a longer one makes Excel report the file
// as damaged). Every workbook chiso writes cuts a longer text to fit, ends the cell with a
// visible mark saying how much was cut, and warns — checked by opening the written file.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { evaluateBatch } from '@chiso/core'
import { planImprovement } from '@chiso/core/analysis'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli/index.js'
import { fileIssue, formatFileIssue, type FileIssue } from '../src/shared/issues.js'
import { writePlanWorkbook, writeResultWorkbook } from '../src/xlsx/index.js'
import { EXCEL_MAX_CELL_TEXT, fitCellText } from '../src/xlsx/cell-text.js'
import { fixture, GOOD, loadWorkbook, testPack } from './helpers.js'

const pack = testPack()
const LONG = `${'Giải trình rất dài. '.repeat(5_000).slice(0, -1)}.` // 100,000 characters, no trailing space
const longCells = async (bytes: Uint8Array): Promise<{ sheet: string; cell: string; text: string }[]> => {
  const wb = await loadWorkbook(bytes)
  const out: { sheet: string; cell: string; text: string }[] = []
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'string' && c.value.startsWith('Giải trình rất dài.')) out.push({ sheet: ws.name, cell: c.address, text: c.value })
      }),
    )
  return out
}

describe('a text longer than an Excel cell holds', () => {
  it('fitCellText: exactly the limit, ends with the mark counting what was cut, never splits a surrogate pair', () => {
    expect(LONG.length).toBe(100_000)
    const vi = fitCellText(LONG, 'vi')
    expect(vi.length).toBe(EXCEL_MAX_CELL_TEXT)
    const cut = /… \[đã cắt bớt ([\d.]+) ký tự: một ô Excel chứa tối đa 32\.767 ký tự\]$/.exec(vi)
    expect(cut).not.toBeNull()
    // what is kept (before the mark's leading space) and what was cut add up to the text
    expect(vi.length - cut![0].length - 1 + Number(cut![1]!.replace(/\./g, ''))).toBe(100_000)
    expect(fitCellText(LONG, 'en')).toMatch(/… \[[\d,]+ characters cut: an Excel cell holds at most 32,767\]$/)
    expect(fitCellText('ngắn', 'vi')).toBe('ngắn')
    expect(fitCellText('x'.repeat(EXCEL_MAX_CELL_TEXT), 'vi')).toHaveLength(EXCEL_MAX_CELL_TEXT)
    // emoji (two code units each) across the cut: the cut falls between pairs
    for (let shift = 0; shift < 2; shift++) {
      const emoji = fitCellText('a'.repeat(shift) + '😀'.repeat(40_000), 'vi')
      expect(emoji.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_TEXT)
      expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    }
  })

  it('the result workbook: the explanation cut in its cell with the mark, one warning with sheet and cell', async () => {
    const batch = evaluateBatch(pack, [{ unitId: 'xa-mau-don', period: '2024', unit: { id: 'xa-mau-don', name: 'Xã Mẫu Đơn', kind: 'commune' }, selfScores: GOOD, explanations: { '2.2': LONG } }])
    const warnings: FileIssue[] = []
    const bytes = await writeResultWorkbook(batch, { onWarning: (w) => warnings.push(w) })
    const cells = await longCells(bytes)
    expect(cells).toHaveLength(1)
    expect(cells[0]!.sheet).toBe('Xã Mẫu Đơn')
    expect(cells[0]!.text.length).toBe(EXCEL_MAX_CELL_TEXT)
    expect(cells[0]!.text).toMatch(/\[đã cắt bớt [\d.]+ ký tự: một ô Excel chứa tối đa 32\.767 ký tự\]$/)
    expect(warnings.map((w) => [w.code, w.severity, w.sheet, w.cell])).toEqual([['cell_text_truncated', 'warning', 'Xã Mẫu Đơn', cells[0]!.cell]])
    expect(warnings[0]!.message.vi).toContain('100.000 ký tự')
    expect(warnings[0]!.message.en).toContain('100,000 characters')
  })

  it('the plan workbook too', async () => {
    const assessment = {
      unitId: 'xa-mau-don',
      period: '2024',
      selfScores: { ...GOOD, '2.1': 1 },
      appraisals: [{ round: 1, reviewer: 'Tổ thẩm định', at: '2025-01-10', changes: [{ code: '2.1', points: 0.5, reason: LONG }] }],
    }
    const plan = planImprovement(pack, assessment, { target: { index: 60 } })
    const warnings: FileIssue[] = []
    const cells = await longCells(await writePlanWorkbook(plan, pack, { onWarning: (w) => warnings.push(w) }))
    const all = await loadWorkbook(await writePlanWorkbook(plan, pack))
    let longest = 0
    for (const ws of all.worksheets) ws.eachRow((r) => r.eachCell((c) => (longest = Math.max(longest, typeof c.value === 'string' ? c.value.length : 0))))
    expect(longest).toBeLessThanOrEqual(EXCEL_MAX_CELL_TEXT)
    expect(warnings.length).toBeGreaterThan(0)
    expect(warnings.every((w) => w.code === 'cell_text_truncated' && w.sheet !== undefined && w.cell !== undefined)).toBe(true)
    // each warned cell ends with the mark, at the limit exactly
    const wb = await loadWorkbook(await writePlanWorkbook(plan, pack))
    for (const w of warnings) {
      const text = String(wb.getWorksheet(w.sheet!)!.getCell(w.cell!).value)
      expect(text).toHaveLength(EXCEL_MAX_CELL_TEXT)
      expect(text).toMatch(/\[đã cắt bớt [\d.]+ ký tự: một ô Excel chứa tối đa 32\.767 ký tự\]$/)
    }
    void cells
  })

  it('chiso score --out: the warning on stderr names the file, sheet and cell; the run still succeeds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-cell-limit-'))
    await writeFile(join(dir, 'pack.json'), await readFile(fixture('pack-commune.json')))
    const rows = [
      'Tên đơn vị:;Xã Mẫu Đơn',
      'Mã đơn vị:;xa-mau-don',
      'Kỳ đánh giá:;2024',
      '',
      'STT;Tiêu chí;Điểm tối đa;Điểm tự đánh giá;Tài liệu kiểm chứng;Giải trình',
      ...Object.entries(GOOD).map(([code, v]) => `${code};;;${String(v).replace('.', ',')};;${code === '2.2' ? LONG : ''}`),
    ]
    await writeFile(join(dir, 'xa-mau-don.csv'), rows.join('\r\n'))
    let stderr = ''
    const code = await run(['score', '--pack', 'pack.json', '--in', 'xa-mau-don.csv', '--out', 'ket-qua.xlsx'], {
      cwd: dir,
      stdout: { write: () => undefined },
      stderr: { write: (s: string) => (stderr += s) },
    })
    expect(code, stderr).toBe(0)
    expect(stderr).toMatch(/ket-qua\.xlsx › Xã Mẫu Đơn › I\d+: Văn bản dài 100\.000 ký tự, quá 32\.767 ký tự một ô Excel chứa được.*\(cảnh báo\) \[cell_text_truncated\]/)
    const cells = await longCells(new Uint8Array(await readFile(join(dir, 'ket-qua.xlsx'))))
    expect(cells.map((c) => c.text.length)).toEqual([EXCEL_MAX_CELL_TEXT])
  })
})

describe('issue messages keep their numbers as written', () => {
  it('a count with thousands separators stays one ("100.000", not "100,000" — a hundred); an engine decimal still takes the comma', () => {
    const rows = fileIssue('too_many_rows', { file: 'dieu-tra.csv', sheet: 'Sheet1' }, { sheet: 'Sheet1', rows: 150_000, limit: 100_000 })
    expect(formatFileIssue(rows, 'vi')).toContain('có 150.000 dòng, vượt giới hạn 100.000 dòng')
    expect(formatFileIssue(rows, 'en')).toContain('150,000')
    const max = fileIssue('max_mismatch', { file: 'bieu.xlsx', cell: 'C9' }, { code: '1.4.1', found: '1.5', expected: '0.5' }, undefined, 'warning')
    expect(formatFileIssue(max, 'vi')).toContain('Điểm tối đa của "1.4.1" trong biểu là 1,5, bộ chỉ số quy định 0,5')
  })
})
