/**
 * The blank self-assessment form a unit fills in, generated from a pack.
 */
import { evaluate, type AssessmentInput, type CompiledPack } from '@chiso/core'
import ExcelJS from 'exceljs'
import { leafEntry } from '../shared/entry.js'
import { factTitle } from '../shared/facts.js'
import { ADJUSTMENT_HEADERS, ADJUSTMENTS_SHEET, APPRAISAL_HEADERS, APPRAISALS_SHEET, FACTS_SHEET } from '../shared/form-sheets.js'
import type { FileIssue } from '../shared/issues.js'
import { fitCellTexts } from './cell-text.js'
import { isSampleUnit, packMarkLine, reconstructedCodes, ROW_MARK_LEGEND, rowSource, SAMPLE_MARK } from '../shared/marks.js'
import { neutralisedCriteria } from '../shared/neutralised.js'
import { safeSheetName } from '../shared/sheet-name.js'
import { cellAddress, formatVi } from '../shared/text.js'

/** Options for {@link writeTemplateWorkbook}. */
export interface TemplateOptions {
  /** pre-filled period, e.g. "2024" */
  readonly period?: string
  /** pre-filled unit name */
  readonly unitName?: string
  /** pre-filled unit code */
  readonly unitId?: string
  /** pre-filled ranking group (nhóm xếp hạng), e.g. "xa" or "phuong-thi-tran" */
  readonly group?: string
  /** worksheet name (default "Tự đánh giá") */
  readonly sheetName?: string
  /** mark the form as sample data ("DỮ LIỆU MẪU"); forms filled from sample units are marked anyway */
  readonly sample?: boolean
  /**
   * told of each text cut to fit a cell (Excel holds 32,767 characters; the cell ends with a
   * mark saying how much was cut): a `cell_text_truncated` warning with its sheet and cell
   */
  readonly onWarning?: (warning: FileIssue) => void
}

/** Where things are in a template: for tests and tools that fill templates in. */
export interface TemplateLayout {
  readonly sheet: string
  readonly headerRow: number
  /** criterion code → row */
  readonly rows: ReadonlyMap<string, number>
  /** columns (1-based); `source` marks reconstructed rows ("tái dựng") or names the text a row comes from */
  readonly columns: { readonly code: 1; readonly title: 2; readonly max: 3; readonly self: 4; readonly evidence: 5; readonly explanation: 6; readonly source: 7 }
  /** cells of the header block: unit, period, group, pack, the pack's reconstruction line, the sample mark */
  readonly cells: { readonly unitName: string; readonly unitId: string; readonly period: string; readonly group: string; readonly pack: string; readonly mark: string; readonly sample: string }
}

export const TEMPLATE_SHEET = 'Tự đánh giá'
const HEADER_ROW = 12

/** Computes where a template for this pack puts each row. @example `templateLayout(pack).rows.get('1.1') // 10` */
export function templateLayout(pack: CompiledPack, sheetName = TEMPLATE_SHEET): TemplateLayout {
  const sheet = safeSheetName(sheetName, TEMPLATE_SHEET)
  const rows = new Map<string, number>()
  pack.nodes.forEach((n, i) => {
    if (i > 0) rows.set(n.code, HEADER_ROW + i)
  })
  return {
    sheet,
    headerRow: HEADER_ROW,
    rows,
    columns: { code: 1, title: 2, max: 3, self: 4, evidence: 5, explanation: 6, source: 7 },
    cells: { unitName: 'B3', unitId: 'B4', period: 'B5', group: 'B6', pack: 'B7', mark: 'B8', sample: 'B10' },
  }
}

const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } }
const AREA: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
const INPUT: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } }
/** the fill of the Source cell of a reconstructed row */
const RECONSTRUCTED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } }
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
}
/**
 * number format showing two decimals with the Vietnamese separators whatever the office
 * suite's locale (language tag 42A: 1,50 and 1.234,50), as the result workbook shows them
 */
export const NUM_FMT = '[$-42A]#,##0.00'
/** the same for English workbooks (1.50) */
export const NUM_FMT_EN = '#,##0.00'
/** a figure as typed (no fixed decimals), with the Vietnamese decimal comma */
const FIGURE_FMT = '[$-42A]General'

/**
 * Produces the blank self-assessment form for a pack: a header block (unit name, unit
 * code, period, pack, the line saying what in the pack is reconstructed and a legend),
 * the table STT | Tiêu chí | Điểm tối đa | Điểm tự đánh giá | Tài liệu kiểm chứng | Giải
 * trình | Nguồn with one row per criterion (areas bold; "tái dựng" in the Nguồn column of
 * every reconstructed row, the legal reference of a verified one), an input cell on
 * every leaf with data validation (a decimal within 0..max; for a manual rule with a step
 * also a note; for boolean / choice / steps / conditions rules a list of the allowed
 * values), SUM formulas on inner rows, and survey-scored leaves greyed out.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises'
 * import { writeTemplateWorkbook } from '@chiso/adapters/xlsx'
 * await writeFile('bieu-tu-danh-gia.xlsx', await writeTemplateWorkbook(pack, { period: '2024' }))
 * ```
 */
export async function writeTemplateWorkbook(pack: CompiledPack, options: TemplateOptions = {}): Promise<Uint8Array> {
  const { wb } = buildTemplate(pack, options)
  for (const w of fitCellTexts(wb, 'vi')) options.onWarning?.(w)
  const buf = await wb.xlsx.writeBuffer()
  return new Uint8Array(buf as ArrayBuffer)
}

function buildTemplate(pack: CompiledPack, options: TemplateOptions): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; layout: TemplateLayout } {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'chiso'
  wb.calcProperties.fullCalcOnLoad = true
  const layout = templateLayout(pack, options.sheetName ?? TEMPLATE_SHEET)
  const ws = wb.addWorksheet(layout.sheet, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  })
  ws.columns = [
    { key: 'code', width: 9 },
    { key: 'title', width: 64 },
    { key: 'max', width: 12 },
    { key: 'self', width: 14 },
    { key: 'evidence', width: 42 },
    { key: 'explanation', width: 36 },
    { key: 'source', width: 22 },
  ]
  const sample = options.sample === true
  ws.mergeCells('A1:G1')
  const t = ws.getCell('A1')
  t.value = `BIỂU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH${sample ? ' (DỮ LIỆU MẪU)' : ''}`
  t.font = { bold: true, size: 14 }
  t.alignment = { horizontal: 'center' }
  ws.mergeCells('A2:G2')
  const t2 = ws.getCell('A2')
  t2.value = pack.title.vi
  t2.font = { italic: true }
  t2.alignment = { horizontal: 'center', wrapText: true }

  const label = (row: number, text: string, value: string | undefined, input: boolean): void => {
    const a = ws.getCell(row, 1)
    a.value = text
    a.font = { bold: true }
    ws.mergeCells(row, 2, row, 7)
    const b = ws.getCell(row, 2)
    b.value = value ?? null
    b.numFmt = '@'
    b.alignment = { horizontal: 'left' }
    if (input) {
      b.fill = INPUT
      b.border = THIN
    }
  }
  label(3, 'Tên đơn vị:', options.unitName, true)
  label(4, 'Mã đơn vị:', options.unitId, true)
  label(5, 'Kỳ đánh giá:', options.period, true)
  label(6, 'Nhóm xếp hạng:', options.group, true)
  // what a blank group does, said where it is typed (a blank cell used to start a ranking of its own)
  ws.getCell(6, 2).note =
    'Nhóm xếp hạng, ví dụ: xa, phuong-thi-tran (các biểu cùng nhóm được xếp hạng với nhau). Để trống: đơn vị được xếp cùng nhóm với các biểu cùng loại đơn vị (xã, phường …).\nRanking group, e.g. xa or phuong-thi-tran. Left blank: the unit ranks with the forms of its kind of unit.'
  label(7, 'Bộ chỉ số:', `${pack.id}@${pack.version}`, false)
  // what in the pack is reconstructed, said where the form is read, and how rows are marked
  label(8, 'Nguồn nội dung:', packMarkLine(pack, 'vi'), false)
  ws.getCell(8, 2).font = { bold: true, color: { argb: 'FF9C0006' } }
  ws.getCell(8, 2).alignment = { horizontal: 'left', wrapText: true }
  ws.getRow(8).height = 30
  label(9, 'Chú thích:', ROW_MARK_LEGEND.vi, false)
  ws.getCell(9, 2).alignment = { horizontal: 'left', wrapText: true }
  ws.getRow(9).height = 30
  if (sample) {
    label(10, 'Dữ liệu mẫu:', `Có — ${SAMPLE_MARK.vi}`, false)
    ws.getCell(10, 2).font = { bold: true, color: { argb: 'FF9C0006' } }
  }
  ws.getCell(11, 1).value = 'Nhập điểm vào các ô màu vàng; số thập phân dùng dấu phẩy hoặc dấu chấm (0,5 hoặc 0.5).'
  ws.getCell(11, 1).font = { italic: true, size: 9, color: { argb: 'FF595959' } }

  const head = ws.getRow(HEADER_ROW)
  head.values = ['STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá', 'Tài liệu kiểm chứng', 'Giải trình', 'Nguồn']
  head.font = { bold: true }
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  head.height = 32
  head.eachCell((c) => {
    c.fill = GREY
    c.border = THIN
  })

  const selfCol = layout.columns.self
  const marked = reconstructedCodes(pack)
  const neutral = neutralisedCriteria(pack)
  for (let i = 1; i < pack.nodes.length; i++) {
    const n = pack.nodes[i]!
    const r = layout.rows.get(n.code)!
    const row = ws.getRow(r)
    const code = row.getCell(1)
    code.value = n.code
    code.numFmt = '@'
    const title = row.getCell(2)
    title.value = n.title.vi
    title.alignment = { wrapText: true, vertical: 'top', indent: Math.max(0, n.depth - 1) }
    const max = row.getCell(3)
    max.value = n.maxPoints.toNumber()
    max.numFmt = NUM_FMT
    const self = row.getCell(selfCol)
    self.numFmt = NUM_FMT
    const source = row.getCell(layout.columns.source)
    source.value = rowSource(pack, n.code, 'vi') || null
    source.alignment = { wrapText: true, vertical: 'top' }
    if (marked.has(n.code)) {
      source.fill = RECONSTRUCTED
      source.font = { italic: true, color: { argb: 'FF9C0006' } }
    }
    for (let c = 1; c <= 7; c++) row.getCell(c).border = THIN
    if (!n.isLeaf) {
      const cells = n.children.map((ci) => cellAddress(layout.rows.get(pack.nodes[ci]!.code)!, selfCol))
      self.value = { formula: `SUM(${cells.join(',')})`, result: undefined } as unknown as ExcelJS.CellValue
      if (n.depth === 1) {
        row.font = { bold: true }
        for (let c = 1; c <= 6; c++) row.getCell(c).fill = AREA
        if (marked.has(n.code)) source.font = { bold: true, italic: true, color: { argb: 'FF9C0006' } }
      } else {
        row.font = { italic: true }
      }
      continue
    }
    const na = neutral.get(n.code)
    if (na) {
      // neutralised by the pack (a province's patch): not an input row, and the reason is said
      const why = na.reason ? `: ${na.reason}` : ''
      self.fill = GREY
      self.note = `Không áp dụng${why}. Không tự chấm tiêu chí này; điểm ghi vào đây không được tính.\nNot applicable (neutralised by the pack): not self-assessed; a score written here is not counted.`
      source.value = `Không áp dụng${why}${source.value ? `; ${String(source.value)}` : ''}`
      source.fill = GREY
      source.font = { bold: true, color: { argb: 'FF595959' } }
      row.getCell(2).font = { italic: true, color: { argb: 'FF595959' } }
      continue
    }
    const entry = leafEntry(pack, n)
    if (entry.kind === 'none') {
      self.fill = GREY
      self.note = 'Tiêu chí chấm qua điều tra xã hội học: đơn vị không tự chấm.\nScored by survey: not self-assessed.'
      continue
    }
    self.fill = INPUT
    const maxText = formatVi(n.maxPoints, decimalsOf(n.maxPoints.toString()))
    if (entry.kind === 'list') {
      const list = entry.allowed.map((v) => v.toString()).join(',')
      self.dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${list}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Điểm không hợp lệ',
        error: `Chỉ được chọn một trong các mức: ${entry.allowed.map((v) => formatVi(v, decimalsOf(v.toString()))).join('; ')}`,
        showInputMessage: true,
        promptTitle: 'Mức điểm',
        prompt: `Chọn một mức: ${entry.allowed.map((v) => formatVi(v, decimalsOf(v.toString()))).join('; ')}`,
      }
      self.note = `Các mức điểm được phép: ${entry.allowed.map((v) => formatVi(v, decimalsOf(v.toString()))).join('; ')}\nAllowed values: ${entry.allowed.map((v) => v.toString()).join('; ')}`
    } else {
      self.dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [0, n.maxPoints.toNumber()],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Điểm không hợp lệ',
        error: `Điểm phải từ 0 đến ${maxText}${entry.step ? `, là bội số của ${formatVi(entry.step, decimalsOf(entry.step.toString()))}` : ''}`,
        showInputMessage: true,
        promptTitle: 'Điểm tự đánh giá',
        prompt: `Từ 0 đến ${maxText}${entry.step ? `, bước ${formatVi(entry.step, decimalsOf(entry.step.toString()))}` : ''}`,
      }
      if (entry.step) {
        self.note = `Điểm chấm theo bước ${formatVi(entry.step, decimalsOf(entry.step.toString()))} (0 đến ${maxText}).\nScores in steps of ${entry.step.toString()} (0 to ${n.maxPoints.toString()}).`
      }
    }
    for (const c of [layout.columns.evidence, layout.columns.explanation]) {
      const cell = row.getCell(c)
      cell.alignment = { wrapText: true, vertical: 'top' }
    }
  }
  // total
  const totalRow = HEADER_ROW + pack.nodes.length
  const tr = ws.getRow(totalRow)
  tr.getCell(2).value = 'Tổng cộng'
  tr.getCell(3).value = pack.scale.toNumber()
  tr.getCell(3).numFmt = NUM_FMT
  tr.getCell(selfCol).value = {
    formula: `SUM(${pack.areas.map((ai) => cellAddress(layout.rows.get(pack.nodes[ai]!.code)!, selfCol)).join(',')})`,
    result: undefined,
  } as unknown as ExcelJS.CellValue
  tr.getCell(selfCol).numFmt = NUM_FMT
  tr.font = { bold: true }
  for (let c = 1; c <= 7; c++) tr.getCell(c).border = THIN
  return { wb, ws, layout }
}

/**
 * The form filled in from an assessment, as the unit sends it and as the appraisal leaves
 * it, carrying everything the unit is scored on, so that reading it back
 * (`readAssessmentWorkbook`, `chiso score`) scores the unit as the assessment does:
 *
 * - unit name, code, period and group in the header block;
 * - on each self-assessed leaf the points the unit claims (its self score, else the points
 *   its facts give when two decimals hold them exactly; otherwise the cell is left empty:
 *   the facts decide), evidence and explanations;
 * - when the assessment was appraised, the columns "Điểm thẩm định" and "Lý do thẩm định":
 *   on each leaf an appraisal changed, the points of its last round (the one that counts)
 *   and the reason, naming the round, reviewer and date;
 * - every appraisal round on a sheet "Thẩm định" (Vòng | Cơ quan, người thẩm định | Ngày
 *   thẩm định | Mã tiêu chí | Tiêu chí | Điểm thẩm định | Lý do), one row per change: the
 *   reader takes the rounds from there, and a "Điểm thẩm định" cell changed since as a new round;
 * - the unit's facts on a sheet "Dữ kiện" (Mã đơn vị | Dữ kiện | Giá trị | Nội dung: the
 *   columns of a `--facts` table), and the bonuses and deductions entered by hand on a sheet
 *   "Điểm thưởng, điểm trừ" (Mã khoản | … | Số điểm).
 *
 * Survey results are not in the form (the survey team's table: `chiso score --survey`).
 * Useful for demonstrations, tests and migrating data into workbooks.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises'
 * import { writeFilledWorkbook } from '@chiso/adapters/xlsx'
 * await writeFile('xa-nhan-quang.xlsx', await writeFilledWorkbook(pack, assessment))
 * ```
 */
export async function writeFilledWorkbook(pack: CompiledPack, assessment: AssessmentInput): Promise<Uint8Array> {
  const result = evaluate(pack, assessment, { trace: true })
  const a = result.assessment
  const { wb, ws, layout } = buildTemplate(pack, {
    sample: isSampleUnit(a.unit),
    period: a.period,
    unitName: a.unit?.name ?? a.unitId,
    unitId: a.unitId,
    ...((a.group ?? a.unit?.group) ? { group: (a.group ?? a.unit?.group)! } : {}),
  })
  const docs = new Map<string, string[]>()
  for (const e of a.evidence ?? []) {
    const title = e.title ?? e.number ?? e.id
    const text = e.number !== undefined && !title.includes(e.number) ? `${title} (${e.number})` : title
    for (const c of e.criteria) {
      let l = docs.get(c)
      if (!l) docs.set(c, (l = []))
      l.push(text.replace(/[;\n\r]+/g, ','))
    }
  }
  // the appraisal: the change of the last round on each criterion is the one that counts
  const appraised = new Map<string, { points: string; reason: string }>()
  const rounds = [...(a.appraisals ?? [])].sort((x, y) => x.round - y.round)
  for (const round of rounds) {
    for (const c of round.changes) {
      const who = [`vòng ${round.round}`, round.reviewer, round.at].filter((x) => x !== undefined && String(x) !== '').join(', ')
      appraised.set(c.code, { points: String(c.points), reason: `${c.reason ?? ''}${who ? ` (${who})` : ''}`.trim() })
    }
  }
  const apprCol = layout.columns.source + 1
  const reasonCol = apprCol + 1
  if (appraised.size > 0) {
    ws.getColumn(apprCol).width = 14
    ws.getColumn(reasonCol).width = 40
    const head = ws.getRow(layout.headerRow)
    head.getCell(apprCol).value = 'Điểm thẩm định'
    head.getCell(reasonCol).value = 'Lý do thẩm định'
    for (const c of [apprCol, reasonCol]) {
      const cell = head.getCell(c)
      cell.font = { bold: true }
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } }
    }
    for (let r = layout.headerRow; r <= layout.headerRow + pack.nodes.length; r++) {
      for (const c of [apprCol, reasonCol]) ws.getCell(r, c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }
    }
  }
  for (const n of pack.nodes) {
    const row = layout.rows.get(n.code)
    if (row === undefined) continue
    if (n.isLeaf && n.source !== 'survey') {
      const t = result.node(n.code)?.trace
      const claimed = t?.selfScore ?? t?.computed
      // a figure the form cannot hold exactly (2/3 of a point) is left to the facts, which decide
      if (claimed !== undefined && (t?.selfScore !== undefined || claimed.round(2, 'down').eq(claimed))) {
        ws.getCell(row, layout.columns.self).value = claimed.round(2, 'down').toNumber()
      }
      const ap = appraised.get(n.code)
      if (ap) {
        const cell = ws.getCell(row, apprCol)
        const v = Number(ap.points)
        cell.value = Number.isFinite(v) && String(v) === ap.points ? v : ap.points
        cell.numFmt = NUM_FMT
        const why = ws.getCell(row, reasonCol)
        why.value = ap.reason || null
        why.alignment = { wrapText: true, vertical: 'top' }
      }
    }
    const d = docs.get(n.code)
    if (d) ws.getCell(row, layout.columns.evidence).value = d.join('\n')
    const ex = a.explanations?.[n.code]
    if (ex !== undefined) ws.getCell(row, layout.columns.explanation).value = ex
  }
  writeFactsSheet(wb, pack, a)
  writeAdjustmentsSheet(wb, pack, a)
  writeAppraisalsSheet(wb, pack, a, rounds)
  // a form filled from data: a text longer than a cell holds is cut, with the mark in the cell
  fitCellTexts(wb, 'vi')
  const buf = await wb.xlsx.writeBuffer()
  return new Uint8Array(buf as ArrayBuffer)
}

/** The title rows of a sheet of the filled form: its title, what it is for, the sample mark. */
function sheetHead(ws: ExcelJS.Worksheet, title: string, note: string, sample: boolean, width: number): number {
  ws.getCell(1, 1).value = `${title}${sample ? ' (DỮ LIỆU MẪU)' : ''}`
  ws.getCell(1, 1).font = { bold: true, size: 13 }
  ws.mergeCells(2, 1, 2, width)
  ws.getCell(2, 1).value = note
  ws.getCell(2, 1).font = { italic: true, size: 9, color: { argb: 'FF595959' } }
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' }
  ws.getRow(2).height = 30
  if (sample) {
    ws.getCell(3, 1).value = `Dữ liệu mẫu: Có — ${SAMPLE_MARK.vi}`
    ws.getCell(3, 1).font = { bold: true, color: { argb: 'FF9C0006' } }
  }
  return 4
}

function headRow(ws: ExcelJS.Worksheet, row: number, values: readonly string[]): void {
  const r = ws.getRow(row)
  r.values = [...values]
  r.font = { bold: true }
  r.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  r.eachCell((c) => {
    c.fill = GREY
    c.border = THIN
  })
}

/** The unit's facts (dữ kiện), as a `--facts` table of its own rows: the form reader reads them back. */
function writeFactsSheet(wb: ExcelJS.Workbook, pack: CompiledPack, a: AssessmentInput): void {
  const facts = Object.entries(a.facts ?? {}).filter(([, v]) => v !== undefined && v !== null)
  if (facts.length === 0) return
  const ws = wb.addWorksheet(FACTS_SHEET, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  ws.columns = [{ width: 18 }, { width: 34 }, { width: 16 }, { width: 70 }]
  const head = sheetHead(
    ws,
    'DỮ KIỆN CỦA ĐƠN VỊ',
    'Số liệu mà bộ chỉ số đọc để tính điểm (tiêu chí, điểm thưởng, điểm trừ). chiso đọc trang này cùng biểu; bảng --facts, nếu có, được ưu tiên. Có / không cho các dữ kiện đúng / sai.',
    isSampleUnit(a.unit),
    4,
  )
  headRow(ws, head, ['Mã đơn vị', 'Dữ kiện', 'Giá trị', 'Nội dung'])
  let r = head + 1
  for (const [name, v] of facts) {
    const row = ws.getRow(r++)
    row.getCell(1).value = a.unitId
    row.getCell(1).numFmt = '@'
    row.getCell(2).value = name
    row.getCell(2).numFmt = '@'
    const cell = row.getCell(3)
    if (typeof v === 'boolean') cell.value = v ? 'có' : 'không'
    else if (typeof v === 'number') {
      cell.value = v
      cell.numFmt = FIGURE_FMT
    } else {
      cell.value = String(v)
      cell.numFmt = '@'
    }
    row.getCell(4).value = factTitle(pack, name, 'vi')
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' }
    for (let c = 1; c <= 4; c++) row.getCell(c).border = THIN
  }
}

/** The bonuses and deductions entered by hand (amount "entered"), by the adjustment's id. */
function writeAdjustmentsSheet(wb: ExcelJS.Workbook, pack: CompiledPack, a: AssessmentInput): void {
  const entered = Object.entries(a.adjustments ?? {})
  if (entered.length === 0) return
  const ws = wb.addWorksheet(ADJUSTMENTS_SHEET, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  ws.columns = [{ width: 22 }, { width: 64 }, { width: 14 }, { width: 12 }]
  const head = sheetHead(
    ws,
    'ĐIỂM THƯỞNG, ĐIỂM TRỪ NHẬP TAY',
    'Các khoản điểm thưởng, điểm trừ do cơ quan thẩm định nhập (không tính từ dữ kiện); chiso đọc trang này cùng biểu.',
    isSampleUnit(a.unit),
    4,
  )
  headRow(ws, head, ADJUSTMENT_HEADERS)
  let r = head + 1
  for (const [id, amount] of entered) {
    const adj = pack.adjustments.find((x) => x.id === id)
    const row = ws.getRow(r++)
    row.getCell(1).value = id
    row.getCell(1).numFmt = '@'
    row.getCell(2).value = adj?.title.vi ?? null
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' }
    row.getCell(3).value = adj === undefined ? null : adj.type === 'bonus' ? 'Điểm thưởng' : 'Điểm trừ'
    const v = Number(amount)
    row.getCell(4).value = typeof amount === 'number' ? amount : Number.isFinite(v) && String(v) === String(amount) ? v : String(amount)
    row.getCell(4).numFmt = NUM_FMT
    for (let c = 1; c <= 4; c++) row.getCell(c).border = THIN
  }
}

/**
 * Every appraisal round on record, one row per change: what the form's "Điểm thẩm định"
 * column shows is where the rounds end; the reader takes the rounds from here and a changed
 * cell of the column as a new round.
 */
function writeAppraisalsSheet(wb: ExcelJS.Workbook, pack: CompiledPack, a: AssessmentInput, rounds: NonNullable<AssessmentInput['appraisals']>): void {
  if (rounds.length === 0) return
  const ws = wb.addWorksheet(APPRAISALS_SHEET, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  ws.columns = [{ width: 7 }, { width: 34 }, { width: 14 }, { width: 11 }, { width: 48 }, { width: 12 }, { width: 52 }]
  const head = sheetHead(
    ws,
    'CÁC VÒNG THẨM ĐỊNH',
    'Mỗi dòng là một thay đổi điểm của một vòng thẩm định; vòng sau thay vòng trước. Cột "Điểm thẩm định" của biểu cho điểm sau vòng cuối; ghi điểm khác vào cột đó là một vòng mới. chiso đọc trang này cùng biểu.',
    isSampleUnit(a.unit),
    APPRAISAL_HEADERS.length,
  )
  headRow(ws, head, APPRAISAL_HEADERS)
  let r = head + 1
  for (const round of rounds) {
    for (const c of round.changes) {
      const row = ws.getRow(r++)
      row.getCell(1).value = round.round
      row.getCell(2).value = round.reviewer
      // a date stays the text it is (a spreadsheet would turn it into its own date)
      row.getCell(3).value = round.at
      row.getCell(3).numFmt = '@'
      row.getCell(4).value = c.code
      row.getCell(4).numFmt = '@'
      row.getCell(5).value = pack.node(c.code)?.title.vi ?? null
      const v = Number(c.points)
      row.getCell(6).value = typeof c.points === 'number' ? c.points : Number.isFinite(v) && String(v) === String(c.points) ? v : String(c.points)
      row.getCell(6).numFmt = NUM_FMT
      row.getCell(7).value = c.reason
      for (const k of [2, 5, 7]) row.getCell(k).alignment = { wrapText: true, vertical: 'top' }
      for (let k = 1; k <= APPRAISAL_HEADERS.length; k++) row.getCell(k).border = THIN
    }
  }
}

/** Decimal places of a canonical decimal string (at least 0, at most 4). @internal */
export function decimalsOf(s: string): number {
  const i = s.indexOf('.')
  if (s.includes('/')) return 2
  return i < 0 ? 0 : Math.min(4, s.length - i - 1)
}
