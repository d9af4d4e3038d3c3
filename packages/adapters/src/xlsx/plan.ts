/**
 * The improvement plan as the workbook provinces write ("kế hoạch khắc phục"): criterion,
 * points lost, cause, level to reach, points gained — and a sheet of every criterion below
 * its maximum with why.
 */
import { Exact, reconstructionSummary, type ImprovementPlan, type CompiledPack } from '@chiso/core'
import ExcelJS from 'exceljs'
import { RESULT_KEYWORD } from '../shared/detect.js'
import { formatVi } from '../shared/text.js'
import { NUM_FMT } from './template.js'

/** Options for {@link writePlanWorkbook}. */
export interface PlanWorkbookOptions {
  /** the unit's name for the title (default: from the assessment, else its id) */
  readonly unitName?: string
}

const HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }
const AREA: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' }

function num(cell: ExcelJS.Cell, v: Exact | undefined): void {
  if (v === undefined) return
  cell.value = v.toNumber()
  cell.numFmt = NUM_FMT
}

function header(ws: ExcelJS.Worksheet, row: number, values: string[]): void {
  const r = ws.getRow(row)
  r.values = values
  r.font = { bold: true }
  r.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  r.eachCell((c) => {
    c.fill = HEAD
    c.border = THIN
  })
}

function frame(r: ExcelJS.Row, cols: number, fill?: ExcelJS.Fill): void {
  for (let c = 1; c <= cols; c++) {
    r.getCell(c).border = THIN
    if (c >= 3) r.getCell(c).alignment = WRAP
    if (fill) r.getCell(c).fill = fill
  }
}

/**
 * Writes an improvement plan as a workbook: the plan table (STT, criterion, maximum, points
 * now, points lost, cause, level to reach, points gained, points after), grouped by area,
 * with the criteria the plan cannot raise below it; and a sheet of every criterion below
 * its maximum with its causes. Numbers are number cells with the format '#,##0.00' (Excel
 * shows 85,34 in a Vietnamese locale); the workbook is marked as chiso's, so read back from
 * a folder of submissions it is skipped.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises'
 * import { planImprovement } from '@chiso/core'
 * import { writePlanWorkbook } from '@chiso/adapters/xlsx'
 * const plan = planImprovement(pack, assessment, { target: { band: 'tot' } })
 * await writeFile('ke-hoach-khac-phuc.xlsx', await writePlanWorkbook(plan, pack))
 * ```
 */
export async function writePlanWorkbook(plan: ImprovementPlan, pack: CompiledPack, options: PlanWorkbookOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'chiso'
  wb.keywords = RESULT_KEYWORD
  const name = options.unitName ?? plan.assessment.unit?.name ?? plan.unitId
  const ws = wb.addWorksheet('Kế hoạch khắc phục', { views: [{ state: 'frozen', ySplit: 7 }] })
  ws.columns = [{ width: 6 }, { width: 9 }, { width: 46 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 52 }, { width: 40 }, { width: 10 }, { width: 12 }]
  ws.mergeCells('A1:J1')
  ws.getCell('A1').value = `KẾ HOẠCH KHẮC PHỤC — ${name}`
  ws.getCell('A1').font = { bold: true, size: 14 }
  ws.getCell('A2').value = `Mã đơn vị: ${plan.unitId} — kỳ đánh giá ${plan.period} — bộ chỉ số ${pack.title.vi} (${plan.pack.id}@${plan.pack.version})`
  const b = plan.before
  ws.getCell('A3').value = `Hiện nay: ${formatVi(b.total)}/${formatVi(b.applicableMax)} điểm, chỉ số ${formatVi(b.index)}${b.band ? `, loại "${b.band.label.vi}"` : ''}${b.rank !== null ? `, xếp thứ ${b.rank}/${b.groupSize}` : ''}`
  ws.getCell('A4').value = plan.text.vi
  ws.getCell('A4').font = { bold: true }
  ws.getCell('A5').value = reconstructionSummary(pack).text.vi
  ws.getCell('A5').font = { italic: true, size: 9, color: { argb: 'FF7F7F7F' } }
  header(ws, 7, ['STT', 'Mã', 'Tiêu chí', 'Điểm tối đa', 'Điểm hiện có', 'Điểm bị mất', 'Nguyên nhân', 'Mức cần đạt', 'Điểm tăng', 'Điểm sau khắc phục'])
  let row = 8
  let stt = 0
  let area: string | undefined
  for (const s of plan.steps) {
    if (s.area.code !== area) {
      area = s.area.code
      const gained = plan.steps.filter((x) => x.area.code === area).reduce((t, x) => t.add(x.gained), Exact.ZERO)
      const r = ws.getRow(row++)
      r.getCell(2).value = s.area.code
      r.getCell(3).value = s.area.title.vi
      num(r.getCell(9), gained)
      r.font = { bold: true }
      frame(r, 10, AREA)
    }
    const r = ws.getRow(row++)
    r.getCell(1).value = ++stt
    r.getCell(2).value = s.code
    r.getCell(3).value = s.title.vi
    num(r.getCell(4), s.maxPoints)
    num(r.getCell(5), s.from)
    num(r.getCell(6), s.lost)
    r.getCell(7).value = s.causes.map((c) => c.text.vi).join('\n') || null
    r.getCell(8).value = s.target.vi
    num(r.getCell(9), s.gained)
    num(r.getCell(10), s.to)
    frame(r, 10)
  }
  const total = ws.getRow(row++)
  total.getCell(3).value = 'Cộng'
  num(total.getCell(6), plan.steps.reduce((t, x) => t.add(x.lost), Exact.ZERO))
  num(total.getCell(9), plan.steps.reduce((t, x) => t.add(x.gained), Exact.ZERO))
  total.font = { bold: true }
  frame(total, 10)
  const a = plan.after
  ws.getCell(row + 1, 1).value = `Sau khắc phục: ${formatVi(a.total)}/${formatVi(a.applicableMax)} điểm, chỉ số ${formatVi(a.index)}${a.band ? `, loại "${a.band.label.vi}"` : ''}${a.rank !== null ? `, xếp thứ ${a.rank}/${a.groupSize}` : ''}`
  ws.getCell(row + 1, 1).font = { bold: true }
  row += 3
  if (plan.notImprovable.length > 0) {
    ws.getCell(row++, 1).value = 'Tiêu chí chưa đạt tối đa nhưng không đưa vào kế hoạch'
    ws.getCell(row - 1, 1).font = { bold: true }
    header(ws, row++, ['STT', 'Mã', 'Tiêu chí', '', '', 'Điểm bị mất', 'Lý do', '', '', ''])
    plan.notImprovable.forEach((n, k) => {
      const r = ws.getRow(row++)
      r.getCell(1).value = k + 1
      r.getCell(2).value = n.code
      r.getCell(3).value = n.title.vi
      num(r.getCell(6), n.lost)
      r.getCell(7).value = n.text.vi
      frame(r, 10)
    })
  }

  // every criterion below its maximum, by area, largest first
  const ls = wb.addWorksheet('Điểm bị mất', { views: [{ state: 'frozen', ySplit: 3 }] })
  ls.columns = [{ width: 6 }, { width: 9 }, { width: 50 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 70 }]
  ls.getCell('A1').value = `Điểm bị mất — ${name}: ${formatVi(plan.losses.lost)} điểm`
  ls.getCell('A1').font = { bold: true, size: 13 }
  header(ls, 3, ['STT', 'Mã', 'Tiêu chí', 'Điểm tối đa', 'Điểm đạt', 'Điểm bị mất', 'Nguyên nhân'])
  let lr = 4
  let k = 0
  const entries = [...plan.losses.areas.map((ar) => ({ head: ar, rows: ar.criteria })), ...(plan.losses.overall ? [{ head: undefined, rows: [plan.losses.overall] }] : [])]
  for (const e of entries) {
    if (e.head) {
      const r = ls.getRow(lr++)
      r.getCell(2).value = e.head.code
      r.getCell(3).value = e.head.title.vi
      num(r.getCell(4), e.head.maxPoints)
      num(r.getCell(5), e.head.points)
      num(r.getCell(6), e.head.lost)
      r.font = { bold: true }
      frame(r, 7, AREA)
    }
    for (const c of e.rows) {
      const r = ls.getRow(lr++)
      r.getCell(1).value = ++k
      r.getCell(2).value = c.code === 'total' ? '' : c.code
      r.getCell(3).value = c.kind === 'node' ? `${c.code === 'total' ? 'Toàn bộ chỉ số' : c.title.vi} (điểm thưởng, điểm trừ)` : c.title.vi
      num(r.getCell(4), c.maxPoints)
      num(r.getCell(5), c.points)
      num(r.getCell(6), c.lost)
      r.getCell(7).value = c.causes.map((x) => x.text.vi).join('\n')
      frame(r, 7)
    }
  }
  const buf = await wb.xlsx.writeBuffer()
  return new Uint8Array(buf as ArrayBuffer)
}
