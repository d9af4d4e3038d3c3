/**
 * The improvement plan as the workbook provinces write ("kế hoạch khắc phục"): criterion,
 * points lost, cause, level to reach, points gained — and a sheet of every criterion below
 * its maximum with why.
 */
import { Exact, type CompiledPack } from '@chiso/core'
import type { ImprovementPlan } from '@chiso/core/analysis'
import ExcelJS from 'exceljs'
import { RESULT_KEYWORD } from '../shared/detect.js'
import type { FileIssue } from '../shared/issues.js'
import { fitCellTexts } from './cell-text.js'
import { formatNumber, textIn, type Locale } from '../shared/locale.js'
import { isSampleUnit, packMarkLine, SAMPLE_MARK } from '../shared/marks.js'
import { stepTarget } from '../shared/plan-target.js'
import { NUM_FMT, NUM_FMT_EN } from './template.js'

/** Options for {@link writePlanWorkbook}. */
export interface PlanWorkbookOptions {
  /** the unit's name for the title (default: from the assessment, else its id) */
  readonly unitName?: string
  /** language of the workbook (default Vietnamese) */
  readonly locale?: Locale
  /** mark the workbook as sample data (default: when the unit is a sample unit) */
  readonly sample?: boolean
  /**
   * told of each text cut to fit a cell (Excel holds 32,767 characters; the cell ends with a
   * mark saying how much was cut): a `cell_text_truncated` warning with its sheet and cell
   */
  readonly onWarning?: (warning: FileIssue) => void
}

/** The workbook's words in each language (the type checks both say everything). */
const vi = {
  planSheet: 'Kế hoạch khắc phục',
  lossSheet: 'Điểm bị mất',
  title: (name: string) => `KẾ HOẠCH KHẮC PHỤC — ${name}`,
  about: (id: string, period: string, title: string, pack: string) => `Mã đơn vị: ${id} — kỳ đánh giá ${period} — bộ chỉ số ${title} (${pack})`,
  standing: (total: string, max: string, index: string, band: string | undefined, rank: string | undefined) =>
    `${total}/${max} điểm, chỉ số ${index}${band !== undefined ? `, loại "${band}"` : ''}${rank !== undefined ? `, xếp thứ ${rank}` : ''}`,
  now: 'Hiện nay',
  after: 'Sau khắc phục',
  planHeader: ['STT', 'Mã', 'Tiêu chí', 'Điểm tối đa', 'Điểm hiện có', 'Điểm bị mất', 'Nguyên nhân', 'Mức cần đạt', 'Điểm tăng', 'Điểm sau khắc phục'],
  total: 'Cộng',
  notInPlan: 'Tiêu chí chưa đạt tối đa nhưng không đưa vào kế hoạch',
  notInPlanHeader: ['STT', 'Mã', 'Tiêu chí', '', '', 'Điểm bị mất', 'Lý do', '', '', ''],
  lossTitle: (name: string, lost: string) => `Điểm bị mất — ${name}: ${lost} điểm`,
  lossHeader: ['STT', 'Mã', 'Tiêu chí', 'Điểm tối đa', 'Điểm đạt', 'Điểm bị mất', 'Nguyên nhân'],
  wholeIndex: 'Toàn bộ chỉ số',
  ownAdjustments: 'điểm thưởng, điểm trừ',
}

const en: typeof vi = {
  planSheet: 'Improvement plan',
  lossSheet: 'Points lost',
  title: (name) => `IMPROVEMENT PLAN — ${name}`,
  about: (id, period, title, pack) => `Unit: ${id} — period ${period} — pack ${title} (${pack})`,
  standing: (total, max, index, band, rank) => `${total} of ${max} points, index ${index}${band !== undefined ? `, band "${band}"` : ''}${rank !== undefined ? `, rank ${rank}` : ''}`,
  now: 'Now',
  after: 'After the plan',
  planHeader: ['No.', 'Code', 'Criterion', 'Maximum', 'Points now', 'Points lost', 'Cause', 'Level to reach', 'Points gained', 'Points after'],
  total: 'Total',
  notInPlan: 'Criteria below their maximum left out of the plan',
  notInPlanHeader: ['No.', 'Code', 'Criterion', '', '', 'Points lost', 'Why', '', '', ''],
  lossTitle: (name, lost) => `Points lost — ${name}: ${lost} points`,
  lossHeader: ['No.', 'Code', 'Criterion', 'Maximum', 'Points', 'Points lost', 'Cause'],
  wholeIndex: 'The whole index',
  ownAdjustments: 'bonuses, deductions',
}

// the colour of the marks, as on the result workbook
const RED: Partial<ExcelJS.Color> = { argb: 'FF9C0006' }
const HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }
const AREA: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' }

function numCell(cell: ExcelJS.Cell, v: Exact | undefined, fmt: string): void {
  if (v === undefined) return
  cell.value = v.toNumber()
  cell.numFmt = fmt
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
 * its maximum with its causes. Both sheets say what in the pack is reconstructed, and mark
 * sample data; they print on A4 landscape, fitted to the width. Numbers are number cells
 * with two decimals, in a Vietnamese workbook with the Vietnamese separators whatever the
 * office suite's locale ('[$-42A]#,##0.00': 85,34), in an English one '#,##0.00'; the workbook is
 * marked as chiso's, so read back from a folder of submissions it is skipped.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises'
 * import { planImprovement } from '@chiso/core/analysis'
 * import { writePlanWorkbook } from '@chiso/adapters/xlsx'
 * const plan = planImprovement(pack, assessment, { target: { band: 'tot' } })
 * await writeFile('ke-hoach-khac-phuc.xlsx', await writePlanWorkbook(plan, pack))
 * await writeFile('improvement-plan.xlsx', await writePlanWorkbook(plan, pack, { locale: 'en' }))
 * ```
 */
export async function writePlanWorkbook(plan: ImprovementPlan, pack: CompiledPack, options: PlanWorkbookOptions = {}): Promise<Uint8Array> {
  const locale = options.locale ?? 'vi'
  const w = locale === 'en' ? en : vi
  const n = (x: Exact): string => formatNumber(x, locale)
  // the decimal comma in a Vietnamese workbook whatever the office suite's locale (1,50), as the result workbook
  const fmt = locale === 'en' ? NUM_FMT_EN : NUM_FMT
  const num = (cell: ExcelJS.Cell, v: Exact | undefined): void => numCell(cell, v, fmt)
  const standing = (s: ImprovementPlan['before']): string =>
    w.standing(n(s.total), n(s.applicableMax), n(s.index), s.band ? textIn(s.band.label, locale) : undefined, s.rank !== null ? `${s.rank}/${s.groupSize}` : undefined)
  const sample = options.sample ?? isSampleUnit(plan.assessment.unit)
  const wb = new ExcelJS.Workbook()
  wb.creator = 'chiso'
  wb.keywords = RESULT_KEYWORD
  const name = options.unitName ?? plan.assessment.unit?.name ?? plan.unitId
  const ws = wb.addWorksheet(w.planSheet, { views: [{ state: 'frozen', ySplit: 7 }] })
  ws.columns = [{ width: 6 }, { width: 9 }, { width: 46 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 52 }, { width: 40 }, { width: 10 }, { width: 12 }]
  printSetup(ws, 'A7:J7')
  ws.mergeCells('A1:J1')
  ws.getCell('A1').value = w.title(name)
  ws.getCell('A1').font = { bold: true, size: 14 }
  ws.getCell('A2').value = w.about(plan.unitId, plan.period, textIn(pack.title, locale), `${plan.pack.id}@${plan.pack.version}`)
  ws.getCell('A3').value = `${w.now}: ${standing(plan.before)}`
  ws.getCell('A4').value = plan.text[locale]
  ws.getCell('A4').font = { bold: true }
  // what in the pack is reconstructed, and sample data, said on the sheet that is printed
  ws.getCell('A5').value = packMarkLine(pack, locale)
  ws.getCell('A5').font = { italic: true, color: RED }
  if (sample) {
    ws.getCell('A6').value = SAMPLE_MARK[locale]
    ws.getCell('A6').font = { bold: true, color: RED }
  }
  header(ws, 7, [...w.planHeader])
  let row = 8
  let stt = 0
  let area: string | undefined
  for (const s of plan.steps) {
    if (s.area.code !== area) {
      area = s.area.code
      const gained = plan.steps.filter((x) => x.area.code === area).reduce((t, x) => t.add(x.gained), Exact.ZERO)
      const r = ws.getRow(row++)
      r.getCell(2).value = s.area.code
      r.getCell(3).value = textIn(s.area.title, locale)
      num(r.getCell(9), gained)
      r.font = { bold: true }
      frame(r, 10, AREA)
    }
    const r = ws.getRow(row++)
    r.getCell(1).value = ++stt
    r.getCell(2).value = s.code
    r.getCell(3).value = textIn(s.title, locale)
    num(r.getCell(4), s.maxPoints)
    num(r.getCell(5), s.from)
    num(r.getCell(6), s.lost)
    r.getCell(7).value = s.causes.map((c) => c.text[locale]).join('\n') || null
    r.getCell(8).value = stepTarget(pack, s, locale)
    num(r.getCell(9), s.gained)
    num(r.getCell(10), s.to)
    frame(r, 10)
  }
  const total = ws.getRow(row++)
  total.getCell(3).value = w.total
  num(
    total.getCell(6),
    plan.steps.reduce((t, x) => t.add(x.lost), Exact.ZERO),
  )
  num(
    total.getCell(9),
    plan.steps.reduce((t, x) => t.add(x.gained), Exact.ZERO),
  )
  total.font = { bold: true }
  frame(total, 10)
  ws.getCell(row + 1, 1).value = `${w.after}: ${standing(plan.after)}`
  ws.getCell(row + 1, 1).font = { bold: true }
  row += 3
  if (plan.notImprovable.length > 0) {
    ws.getCell(row++, 1).value = w.notInPlan
    ws.getCell(row - 1, 1).font = { bold: true }
    header(ws, row++, [...w.notInPlanHeader])
    plan.notImprovable.forEach((x, k) => {
      const r = ws.getRow(row++)
      r.getCell(1).value = k + 1
      r.getCell(2).value = x.code
      r.getCell(3).value = textIn(x.title, locale)
      num(r.getCell(6), x.lost)
      r.getCell(7).value = x.text[locale]
      frame(r, 10)
    })
  }

  // every criterion below its maximum, by area, largest first
  const ls = wb.addWorksheet(w.lossSheet, { views: [{ state: 'frozen', ySplit: 3 }] })
  ls.columns = [{ width: 6 }, { width: 9 }, { width: 50 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 70 }]
  printSetup(ls, 'A3:G3')
  ls.getCell('A1').value = w.lossTitle(name, n(plan.losses.lost))
  ls.getCell('A1').font = { bold: true, size: 13 }
  ls.getCell('A2').value = sample ? `${packMarkLine(pack, locale)} — ${SAMPLE_MARK[locale]}` : packMarkLine(pack, locale)
  ls.getCell('A2').font = { italic: true, color: RED }
  header(ls, 3, [...w.lossHeader])
  let lr = 4
  let k = 0
  const entries = [...plan.losses.areas.map((ar) => ({ head: ar, rows: ar.criteria })), ...(plan.losses.overall ? [{ head: undefined, rows: [plan.losses.overall] }] : [])]
  for (const e of entries) {
    if (e.head) {
      const r = ls.getRow(lr++)
      r.getCell(2).value = e.head.code
      r.getCell(3).value = textIn(e.head.title, locale)
      num(r.getCell(4), e.head.maxPoints)
      num(r.getCell(5), e.head.points)
      num(r.getCell(6), e.head.lost)
      r.font = { bold: true }
      frame(r, 7, AREA)
    }
    for (const c of e.rows) {
      const r = ls.getRow(lr++)
      r.getCell(1).value = ++k
      r.getCell(2).value = c.area === 'total' ? '' : c.code
      r.getCell(3).value = c.kind === 'node' ? `${c.area === 'total' ? w.wholeIndex : textIn(c.title, locale)} (${w.ownAdjustments})` : textIn(c.title, locale)
      num(r.getCell(4), c.maxPoints)
      num(r.getCell(5), c.points)
      num(r.getCell(6), c.lost)
      r.getCell(7).value = c.causes.map((x) => x.text[locale]).join('\n')
      frame(r, 7)
    }
  }
  for (const w of fitCellTexts(wb, locale)) options.onWarning?.(w)
  const buf = await wb.xlsx.writeBuffer()
  return new Uint8Array(buf as ArrayBuffer)
}

/** A4 landscape, fitted to the page width, the table's header repeated on every page. */
function printSetup(ws: ExcelJS.Worksheet, titleRows: string): void {
  ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: titleRows }
  ws.headerFooter = { oddFooter: '&C&P / &N' }
}
