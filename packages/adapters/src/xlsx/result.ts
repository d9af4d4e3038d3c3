/**
 * The result workbook, made to be printed as it is: the ranking report first (national
 * heading, title, what in the pack is reconstructed, one section per ranking group with
 * band colours, the summary, a signature block; A4 landscape, fitted to the page width,
 * header rows repeated on every page), then the summary, one sheet per unit with every
 * criterion, and the problems found in the submitted files.
 */
import { Exact, type BatchResult, type CompiledPack, type RankedUnit } from '@chiso/core'
import ExcelJS from 'exceljs'
import { RESULT_KEYWORD } from '../shared/detect.js'
import { formatIndex, indexHeading } from '../shared/index-unit.js'
import { issueText, type FileIssue } from '../shared/issues.js'
import { fitCellTexts } from './cell-text.js'
import { formatNumber, localiseNumbers, textIn, type Locale } from '../shared/locale.js'
import { anySample, packMarkLine, reconstructedCodes, ROW_MARK, rowSource, SAMPLE_MARK } from '../shared/marks.js'
import { bandLabel, bandSummary, groupHeading, packLine, rankText, summaryLines, unitName, unitWord } from '../shared/summary.js'
import { sheetNamer } from '../shared/sheet-name.js'

/** Options for {@link writeResultWorkbook}. */
export interface ResultWorkbookOptions {
  /** language of labels (numbers are always written as numbers; Vietnamese formats show 85,34) */
  readonly locale?: Locale
  /** problems found while reading the submissions, listed on their own sheet */
  readonly issues?: readonly FileIssue[]
  /** a title for the report (default: "KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM …") */
  readonly title?: string
  /** the issuing body printed top left, e.g. "UBND TỈNH …" / "SỞ NỘI VỤ" (one line per "\n") */
  readonly issuer?: string
  /** a comparison with an earlier year: the column heading, each unit's change, notes and summary lines */
  readonly years?: {
    readonly heading: string
    readonly byUnit: ReadonlyMap<string, string>
    readonly notes?: ReadonlyMap<string, string>
    readonly lines?: readonly string[]
  }
  /**
   * told of each text cut to fit a cell (Excel holds 32,767 characters; the cell ends with a
   * mark saying how much was cut): a `cell_text_truncated` warning with its sheet and cell
   */
  readonly onWarning?: (warning: FileIssue) => void
}

const L = {
  vi: {
    summary: 'Tổng hợp',
    ranking: 'Xếp hạng',
    problems: 'Lỗi nhập liệu',
    rank: 'Hạng',
    unitId: 'Mã đơn vị',
    unit: 'Đơn vị',
    group: 'Nhóm',
    points: 'Điểm đạt',
    appMax: 'Điểm tối đa áp dụng',
    index: 'Chỉ số',
    band: 'Xếp loại',
    area: 'Hạng LV',
    areaRanks: 'Thứ hạng theo lĩnh vực',
    exact: 'Chỉ số (giá trị chính xác)',
    fingerprint: 'Mã kiểm tra',
    stt: 'STT',
    criterion: 'Tiêu chí',
    max: 'Điểm tối đa',
    self: 'Điểm tự đánh giá',
    appraised: 'Điểm thẩm định',
    final: 'Điểm đạt',
    evidence: 'Tài liệu kiểm chứng',
    explanation: 'Giải trình',
    notes: 'Ghi chú',
    source: 'Nguồn',
    total: 'Tổng cộng',
    na: 'Không áp dụng',
    file: 'Tệp',
    sheet: 'Trang tính',
    cell: 'Ô',
    code: 'Mã lỗi',
    message: 'Nội dung',
    messageEn: 'Message (English)',
    severity: 'Mức độ',
    error: 'lỗi',
    warning: 'cảnh báo',
    noProblems: 'Không có lỗi.',
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    dateLine: '……………, ngày …… tháng …… năm 20……',
    title: (year: string) => `KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH${year ? ` NĂM ${year}` : ''}`,
    of: (n: number, word: string) => `${n} ${word}`,
    preparer: 'NGƯỜI LẬP BIỂU',
    head: 'THỦ TRƯỞNG CƠ QUAN',
    signHint: '(Ký, ghi rõ họ tên)',
    sealHint: '(Ký tên, đóng dấu)',
    unitLine: (id: string, period: string) => `Mã đơn vị: ${id} — kỳ đánh giá ${period}`,
    scoreLine: (points: string, max: string, index: string, rank: string, band: string | undefined) => `Điểm đạt: ${points} / ${max} — Chỉ số: ${index} — ${rank}${band ? ` — Xếp loại: ${band}` : ''}`,
    rankOf: (u: RankedUnit) => (u.rank === null ? 'không xếp hạng' : `xếp thứ ${u.rank}/${u.groupSize}`),
    filesWithErrors: (files: number, all: number, sheet: string) => `Số tệp có lỗi không chấm được: ${files}; tổng số lỗi và cảnh báo: ${all} (xem trang "${sheet}")`,
  },
  en: {
    summary: 'Summary',
    ranking: 'Ranking',
    problems: 'Problems',
    rank: 'Rank',
    unitId: 'Unit id',
    unit: 'Unit',
    group: 'Group',
    points: 'Points',
    appMax: 'Applicable maximum',
    index: 'Index',
    band: 'Band',
    area: 'Rank area',
    areaRanks: 'Rank by area',
    exact: 'Index (exact value)',
    fingerprint: 'Fingerprint',
    stt: 'Code',
    criterion: 'Criterion',
    max: 'Maximum',
    self: 'Self score',
    appraised: 'Appraised score',
    final: 'Final points',
    evidence: 'Evidence',
    explanation: 'Explanation',
    notes: 'Notes',
    source: 'Source',
    total: 'Total',
    na: 'Not applicable',
    file: 'File',
    sheet: 'Sheet',
    cell: 'Cell',
    code: 'Code',
    message: 'Message (Vietnamese)',
    messageEn: 'Message (English)',
    severity: 'Severity',
    error: 'error',
    warning: 'warning',
    noProblems: 'No problems.',
    nation: 'SOCIALIST REPUBLIC OF VIET NAM',
    motto: 'Independence - Freedom - Happiness',
    dateLine: '……………, …… …………… 20……',
    title: (year: string) => `PUBLIC ADMINISTRATION REFORM INDEX: RANKING${year ? ` ${year}` : ''}`,
    of: (n: number, word: string) => `${n} ${word}`,
    preparer: 'PREPARED BY',
    head: 'HEAD OF AGENCY',
    signHint: '(signature, full name)',
    sealHint: '(signature and seal)',
    unitLine: (id: string, period: string) => `Unit id: ${id} — period ${period}`,
    scoreLine: (points: string, max: string, index: string, rank: string, band: string | undefined) => `Points: ${points} / ${max} — Index: ${index} — ${rank}${band ? ` — Band: ${band}` : ''}`,
    rankOf: (u: RankedUnit) => (u.rank === null ? 'not ranked' : `ranked ${u.rank} of ${u.groupSize}`),
    filesWithErrors: (files: number, all: number, sheet: string) => `Files with errors, not scored: ${files}; problems and warnings: ${all} (see the "${sheet}" sheet)`,
  },
} as const

type T = (typeof L)['vi' | 'en']

/** number formats: Vietnamese (language tag 42A) shows 85,34 in any office suite's locale */
const NUM_FMT_VI = '[$-42A]#,##0.00'
const NUM_FMT_EN = '#,##0.00'

const HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }
const AREA: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
const GROUP: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } }
const RECONSTRUCTED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } }
const RED = { argb: 'FF9C0006' }
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }
/** band colours from the highest band down: green, blue, yellow, orange, red */
const BAND_COLOURS = ['FFC6EFCE', 'FFDDEBF7', 'FFFFF2CC', 'FFFCE4D6', 'FFFFC7CE']

/** The fill of a band, by its place among the pack's bands (highest first). */
function bandFill(pack: CompiledPack, code: string | undefined): ExcelJS.Fill | undefined {
  if (code === undefined) return undefined
  const k = pack.bands.findIndex((b) => b.code === code)
  if (k < 0) return undefined
  // fewer bands than colours: spread them over the scale, the lowest band red
  const n = pack.bands.length
  const at = n <= 1 ? 0 : Math.round((k * (BAND_COLOURS.length - 1)) / (n - 1))
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: BAND_COLOURS[at]! } }
}

/** Writes an exact value as a number cell with the two-decimal format. */
function num(cell: ExcelJS.Cell, v: Exact | undefined | null, fmt: string): void {
  if (v === undefined || v === null) return
  cell.value = v.toNumber()
  cell.numFmt = fmt
}

function headerRow(ws: ExcelJS.Worksheet, row: number, values: (string | null)[], from = 1): void {
  const r = ws.getRow(row)
  values.forEach((v, k) => {
    if (v !== null) r.getCell(from + k).value = v
  })
  r.font = { bold: true }
  r.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  for (let c = from; c < from + values.length; c++) {
    r.getCell(c).fill = HEAD
    r.getCell(c).border = THIN
  }
  fitHeight(
    ws,
    row,
    values.map((_, k) => from + k),
  )
}

/** A line of text across `cols` columns (merged), wrapped, with a font. */
function textRow(ws: ExcelJS.Worksheet, row: number, cols: number, text: string, font: Partial<ExcelJS.Font> = {}, align: ExcelJS.Alignment['horizontal'] = 'left', height?: number): void {
  ws.mergeCells(row, 1, row, cols)
  const c = ws.getCell(row, 1)
  c.value = text
  c.font = font
  c.alignment = { horizontal: align, vertical: 'middle', wrapText: true }
  if (height !== undefined) ws.getRow(row).height = height
}

/** Print setup shared by every sheet: A4, fitted to the page width, margins of a report. */
function printSetup(ws: ExcelJS.Worksheet, landscape: boolean, titleRows?: string): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  }
  ws.headerFooter = { oddFooter: '&C&P / &N' }
}

/**
 * Sets a row's height to fit its wrapped text: office suites keep the height a file
 * states, and a file written here states none, so a long title would print over the next
 * row. Lines are estimated from each wrapped cell's text and its column's width.
 */
function fitHeight(ws: ExcelJS.Worksheet, row: number, cols: readonly number[], fontSize = 11): void {
  const lineHeight = fontSize * 1.3
  let lines = 1
  const r = ws.getRow(row)
  for (const c of cols) {
    const v = r.getCell(c).value
    if (typeof v !== 'string' || v === '') continue
    const width = ws.getColumn(c).width ?? 10
    // about one character of 11-point text per unit of column width, more in smaller text
    const perLine = Math.max(4, Math.floor((width * 1.15 * 11) / fontSize))
    let n = 0
    for (const para of v.split('\n')) n += Math.max(1, Math.ceil([...para].length / perLine))
    lines = Math.max(lines, n)
  }
  if (lines > 1) r.height = lines * lineHeight
}

/** The latest appraised points of each leaf. */
function appraisedScores(u: RankedUnit): Map<string, Exact> {
  const out = new Map<string, Exact>()
  const rounds = [...(u.result.assessment.appraisals ?? [])].sort((a, b) => a.round - b.round)
  for (const r of rounds) for (const c of r.changes) out.set(c.code, Exact.from(c.points))
  return out
}

function unitSheet(wb: ExcelJS.Workbook, name: string, u: RankedUnit, t: T, locale: Locale, fmt: string, sample: boolean): void {
  const head = 8
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: head }] })
  printSetup(ws, true, `${head}:${head}`)
  const res = u.result
  const pack = res.pack
  const a = res.assessment
  const marked = reconstructedCodes(pack)
  ws.columns = [{ width: 7 }, { width: 46 }, { width: 9 }, { width: 10 }, { width: 10 }, { width: 9 }, { width: 8 }, { width: 30 }, { width: 24 }, { width: 28 }, { width: 11 }]
  textRow(ws, 1, 11, unitName(u), { bold: true, size: 14 })
  textRow(ws, 2, 11, t.unitLine(u.unitId, res.period))
  textRow(
    ws,
    3,
    11,
    t.scoreLine(formatNumber(res.total, locale), formatNumber(res.applicableMax, locale), formatIndex(res.index, pack, locale), t.rankOf(u), u.band ? bandLabel(u.band, locale) : undefined),
    { bold: true },
  )
  textRow(ws, 4, 11, packMarkLine(pack, locale), { italic: true, color: RED }, 'left', 30)
  if (sample) textRow(ws, 5, 11, SAMPLE_MARK[locale], { bold: true, color: RED })
  textRow(ws, 6, 11, `${t.fingerprint}: ${res.fingerprint}`, { size: 8, color: { argb: 'FF7F7F7F' } })
  headerRow(ws, head, [t.stt, t.criterion, t.max, t.self, t.appraised, t.final, indexHeading(t.index, pack, locale), t.evidence, t.explanation, t.notes, t.source])
  const self = a.selfScores ?? {}
  const appraised = appraisedScores(u)
  const docs = new Map<string, string[]>()
  for (const e of a.evidence ?? []) {
    const label = [e.number, e.title].filter((x) => x !== undefined && x !== '').join(' — ') || e.id
    for (const c of e.criteria) {
      let l = docs.get(c)
      if (!l) docs.set(c, (l = []))
      if (!l.includes(label)) l.push(label)
    }
  }
  const flags = new Map<string, string[]>()
  for (const f of res.flags) {
    let l = flags.get(f.criterion)
    if (!l) flags.set(f.criterion, (l = []))
    l.push(localiseNumbers(f.message[locale], locale))
  }
  // self-score sums for inner nodes
  const selfSum: (Exact | undefined)[] = new Array(pack.nodes.length)
  for (const i of pack.postOrder) {
    const n = pack.nodes[i]!
    if (n.isLeaf) {
      const raw = Object.prototype.hasOwnProperty.call(self, n.code) ? self[n.code] : undefined
      selfSum[i] = raw === undefined ? undefined : Exact.from(raw)
    } else {
      let s: Exact | undefined
      for (const c of n.children) if (selfSum[c] !== undefined) s = (s ?? Exact.ZERO).add(selfSum[c]!)
      selfSum[i] = s
    }
  }
  let row = head + 1
  const order = [...pack.nodes.keys()].slice(1).concat([0])
  for (const i of order) {
    const n = pack.nodes[i]!
    const nr = res.node(n.code)!
    const r = ws.getRow(row++)
    r.getCell(1).value = i === 0 ? '' : n.code
    r.getCell(2).value = i === 0 ? t.total : textIn(n.title, locale)
    r.getCell(2).alignment = { wrapText: true, vertical: 'top', indent: Math.max(0, n.depth - 1) }
    num(r.getCell(3), nr.applicableMax.eq(n.maxPoints) ? n.maxPoints : nr.applicableMax, fmt)
    num(r.getCell(4), selfSum[i], fmt)
    if (n.isLeaf) num(r.getCell(5), appraised.get(n.code), fmt)
    num(r.getCell(6), nr.points, fmt)
    if (!n.isLeaf) num(r.getCell(7), nr.index, fmt)
    r.getCell(8).value = (docs.get(n.code) ?? []).join('\n') || null
    r.getCell(9).value = a.explanations?.[n.code] ?? null
    const notes = [...(nr.notApplicable ? [t.na] : []), ...(flags.get(n.code) ?? [])]
    r.getCell(10).value = notes.join('\n') || null
    if (i !== 0) r.getCell(11).value = (marked.has(n.code) ? ROW_MARK[locale] : rowSource(pack, n.code, locale)) || null
    for (const c of [8, 9, 10, 11]) r.getCell(c).alignment = { wrapText: true, vertical: 'top' }
    for (let c = 1; c <= 11; c++) {
      const cell = r.getCell(c)
      cell.border = THIN
      // the detail prints small: a unit's every criterion on as few pages as it can
      cell.font = { size: 9, ...(i === 0 || n.depth === 1 ? { bold: true } : {}) }
      if (c <= 7) cell.alignment = { ...cell.alignment, vertical: 'top' }
    }
    if (i === 0 || n.depth === 1) {
      for (let c = 1; c <= 10; c++) r.getCell(c).fill = AREA
    }
    fitHeight(ws, r.number, [2, 8, 9, 10, 11], 9)
    if (marked.has(n.code)) {
      r.getCell(11).fill = RECONSTRUCTED
      r.getCell(11).font = { size: 9, italic: true, color: RED, ...(n.depth === 1 ? { bold: true } : {}) }
    }
  }
}

/**
 * The ranking report, the sheet printed first: national heading, title, the pack and what
 * in it is reconstructed, one section per ranking group (each on a new page) with band
 * colours, the summary lines and a signature block. Columns past the printed table keep
 * the unit id, the exact index and the fingerprint for whoever works with the file.
 */
function rankingSheet(wb: ExcelJS.Workbook, batch: BatchResult, t: T, locale: Locale, fmt: string, options: ResultWorkbookOptions, sample: boolean): void {
  const pack = batch.pack
  const areas = pack.areas.map((i) => pack.nodes[i]!)
  const years = options.years
  const lead = [t.rank, t.unit, t.points, t.appMax, indexHeading(t.index, pack, locale), t.band, ...(years ? [years.heading] : [])]
  const printed = lead.length + areas.length
  const extra = [t.unitId, t.group, t.exact, t.fingerprint]
  const ws = wb.addWorksheet(t.ranking)
  ws.columns = [
    { width: 9 },
    { width: 30 },
    { width: 10 },
    { width: 11 },
    { width: 10 },
    { width: 12 },
    ...(years ? [{ width: 14 }] : []),
    ...areas.map(() => ({ width: 6.5 })),
    { width: 18 },
    { width: 10 },
    { width: 22 },
    { width: 20 },
  ]
  const half = Math.max(2, Math.floor(printed / 2))
  // the issuer top left, the national heading top right
  const issuer = (options.issuer ?? '').split('\n').filter((l) => l.trim() !== '')
  const block = (row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font>): void => {
    ws.mergeCells(row, from, row, to)
    const c = ws.getCell(row, from)
    c.value = text
    c.font = font
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  }
  issuer.slice(0, 2).forEach((l, k) => block(1 + k, 1, 2, l, { bold: k === issuer.length - 1 || k === 1, size: 11 }))
  block(1, half + 1, printed, t.nation, { bold: true, size: 11 })
  block(2, half + 1, printed, t.motto, { bold: true, size: 11, underline: true })
  block(3, half + 1, printed, t.dateLine, { italic: true, size: 10 })
  const periods = [...new Set(batch.units.map((u) => u.result.period))]
  textRow(ws, 5, printed, options.title ?? t.title(periods.length === 1 ? periods[0]! : ''), { bold: true, size: 14 }, 'center', 22)
  textRow(ws, 6, printed, `${t.of(batch.units.length, unitWord(batch, undefined, locale))} — ${packLine(pack, locale)}`, { italic: true }, 'center', 30)
  textRow(ws, 7, printed, packMarkLine(pack, locale), { italic: true, bold: true, color: RED }, 'center', 30)
  let row = 8
  if (sample) textRow(ws, row++, printed, SAMPLE_MARK[locale], { bold: true, color: RED }, 'center')
  row++
  // two header rows, repeated on every printed page: the area ranks under one heading
  const h1 = row
  const h2 = row + 1
  headerRow(ws, h1, [...lead, ...areas.map(() => null)])
  if (areas.length > 0) {
    ws.mergeCells(h1, lead.length + 1, h1, printed)
    ws.getCell(h1, lead.length + 1).value = t.areaRanks
  }
  headerRow(ws, h2, [...lead.map(() => null), ...areas.map((n) => n.code)])
  lead.forEach((_, k) => ws.mergeCells(h1, k + 1, h2, k + 1))
  areas.forEach((n, k) => {
    ws.getCell(h2, lead.length + 1 + k).note = textIn(n.title, locale)
  })
  headerRow(ws, h1, extra, printed + 1)
  ws.views = [{ state: 'frozen', ySplit: h2 }]
  row = h2 + 1
  const many = batch.groups.size > 1
  let first = true
  for (const [g, list] of batch.groups) {
    if (many) {
      // each group its own section, from a new page
      if (!first) ws.getRow(row - 1).addPageBreak()
      textRow(ws, row, printed, `${groupHeading(batch, g, locale)} — ${bandSummary(batch, { group: g, locale })}`, { bold: true }, 'left')
      for (let c = 1; c <= printed; c++) ws.getCell(row, c).fill = GROUP
      row++
    }
    first = false
    for (const u of list) {
      const r = ws.getRow(row++)
      r.getCell(1).value = u.rank ?? rankText(u, locale)
      r.getCell(2).value = unitName(u)
      num(r.getCell(3), u.result.total, fmt)
      num(r.getCell(4), u.result.applicableMax, fmt)
      num(r.getCell(5), u.result.index, fmt)
      r.getCell(6).value = u.band ? bandLabel(u.band, locale) : null
      if (years) r.getCell(7).value = years.byUnit.get(u.unitId) ?? '—'
      areas.forEach((n, k) => {
        r.getCell(lead.length + 1 + k).value = u.componentRanks[n.code] ?? null
      })
      r.getCell(printed + 1).value = u.unitId
      r.getCell(printed + 2).value = u.group
      r.getCell(printed + 3).value = u.result.index.toString()
      r.getCell(printed + 4).value = u.result.fingerprint.slice(0, 16)
      fitHeight(ws, r.number, [1, 2, ...(years ? [7] : [])])
      const fill = bandFill(pack, u.band?.code)
      for (let c = 1; c <= printed; c++) {
        const cell = r.getCell(c)
        cell.border = THIN
        if (fill) cell.fill = fill
        cell.alignment = { vertical: 'middle', horizontal: c === 2 ? 'left' : 'center', wrapText: c === 2 || c === 1 }
      }
    }
  }
  // the summary, then the signature block
  row++
  const lines = [...summaryLines(batch, { locale, withoutHeader: true, ...(years?.notes ? { unitNotes: years.notes } : {}) }), ...(years?.lines ?? [])]
  for (const l of lines) textRow(ws, row++, printed, l, {}, 'left')
  row++
  const left = Math.max(1, Math.floor(printed / 4))
  block(row, 1, left + 1, t.preparer, { bold: true })
  block(row, half + 1, printed, t.head, { bold: true })
  block(row + 1, 1, left + 1, t.signHint, { italic: true, size: 10 })
  block(row + 1, half + 1, printed, t.sealHint, { italic: true, size: 10 })
  printSetup(ws, printed > 8, `${h1}:${h2}`)
  // exceljs writes "$" before each part it is given: "A$1" becomes the absolute $A$1 every office suite reads
  ws.pageSetup.printArea = `A$1:${ws.getColumn(printed).letter}$${row + 5}`
}

/**
 * Writes the result workbook of a batch, ready to print: the ranking report (national
 * heading, title, the line saying what in the pack is reconstructed and the sample-data
 * mark when the units are sample data, one section per ranking group with band colours,
 * "không xếp hạng" for units assessed but not ranked, the summary in the press-release
 * style — "12/16 xã đạt khá, 04 xã trung bình" — and a signature block), a summary sheet,
 * one sheet per unit with every criterion (max, self score, appraised score, final points,
 * evidence, explanation, notes, and "tái dựng" on each reconstructed row) and, when given,
 * the problems found in the submitted files. Every sheet prints on A4, fitted to the page
 * width (landscape where wide), with its header rows repeated. Numbers are written as
 * numbers ("[$-42A]#,##0.00": 85,34 whatever the office suite's locale, in Vietnamese).
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises'
 * import { evaluateBatch } from '@chiso/core'
 * import { writeResultWorkbook } from '@chiso/adapters/xlsx'
 * const batch = evaluateBatch(pack, assessments)
 * await writeFile('ket-qua-2024.xlsx', await writeResultWorkbook(batch, { locale: 'vi', issuer: 'UBND TỈNH …\nSỞ NỘI VỤ' }))
 * ```
 */
export async function writeResultWorkbook(batch: BatchResult, options: ResultWorkbookOptions = {}): Promise<Uint8Array> {
  const locale = options.locale ?? 'vi'
  const t = L[locale]
  const fmt = locale === 'vi' ? NUM_FMT_VI : NUM_FMT_EN
  const wb = new ExcelJS.Workbook()
  wb.creator = 'chiso'
  // marks the workbook as ours: read back from a folder of submissions, it is skipped
  wb.keywords = RESULT_KEYWORD
  const sample = anySample(batch.units.map((u) => u.result.assessment))

  rankingSheet(wb, batch, t, locale, fmt, options, sample)

  // summary
  const sum = wb.addWorksheet(t.summary)
  printSetup(sum, false)
  sum.columns = [{ width: 100 }]
  const lines = [...summaryLines(batch, { locale, ...(options.years?.notes ? { unitNotes: options.years.notes } : {}) }), ...(options.years?.lines ?? [])]
  sum.getCell('A1').value = options.title ?? t.title([...new Set(batch.units.map((u) => u.result.period))].join(', '))
  sum.getCell('A1').font = { bold: true, size: 14 }
  lines.forEach((l, k) => {
    const c = sum.getCell(k + 3, 1)
    c.value = l
    c.alignment = { wrapText: true, vertical: 'top' }
    fitHeight(sum, k + 3, [1])
  })
  const probs = options.issues ?? []
  if (options.issues !== undefined) {
    const errorFiles = new Set(probs.filter((p) => p.severity === 'error').map((p) => p.file))
    sum.getCell(lines.length + 4, 1).value = t.filesWithErrors(errorFiles.size, probs.length, t.problems)
  }

  // one sheet per unit, in ranking order
  const name = sheetNamer([t.summary, t.ranking, t.problems], t.unit)
  for (const list of batch.groups.values()) for (const u of list) unitSheet(wb, name(unitName(u)), u, t, locale, fmt, sample)

  if (options.issues !== undefined) {
    const ps = wb.addWorksheet(t.problems)
    printSetup(ps, true, '1:1')
    ps.columns = [{ width: 30 }, { width: 16 }, { width: 7 }, { width: 10 }, { width: 22 }, { width: 70 }, { width: 60 }]
    headerRow(ps, 1, [t.file, t.sheet, t.cell, t.severity, t.code, t.message, t.messageEn])
    if (probs.length === 0) ps.getCell('A2').value = t.noProblems
    probs.forEach((p, k) => {
      const r = ps.getRow(k + 2)
      r.values = [p.file, p.sheet ?? '', p.cell ?? '', p.severity === 'error' ? t.error : t.warning, String(p.code), issueText(p, 'vi'), p.message.en]
      r.alignment = { wrapText: true, vertical: 'top' }
      fitHeight(ps, k + 2, [1, 6, 7])
    })
  }
  for (const w of fitCellTexts(wb, locale)) options.onWarning?.(w)
  const buf = await wb.xlsx.writeBuffer()
  return new Uint8Array(buf as ArrayBuffer)
}
