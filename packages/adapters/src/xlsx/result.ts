/**
 * The result workbook: a summary sheet, a ranking sheet, one sheet per unit with every
 * criterion, and the list of problems found in the submitted files.
 */
import { Exact, type BatchResult, type RankedUnit } from '@chiso/core'
import ExcelJS from 'exceljs'
import { RESULT_KEYWORD } from '../shared/detect.js'
import type { FileIssue } from '../shared/issues.js'
import { summaryLines, unitName } from '../shared/summary.js'
import { sheetNamer } from '../shared/sheet-name.js'
import { formatVi } from '../shared/text.js'
import { NUM_FMT } from './template.js'

/** Options for {@link writeResultWorkbook}. */
export interface ResultWorkbookOptions {
  /** language of labels (numbers are always written as numbers with format '#,##0.00') */
  readonly locale?: 'vi' | 'en'
  /** problems found while reading the submissions, listed on their own sheet */
  readonly issues?: readonly FileIssue[]
  /** a title for the summary sheet */
  readonly title?: string
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
    index: 'Chỉ số (%)',
    band: 'Xếp loại',
    area: 'Hạng LV',
    exact: 'Chỉ số (giá trị chính xác)',
    fingerprint: 'Mã kiểm tra (fingerprint)',
    stt: 'STT',
    criterion: 'Tiêu chí',
    max: 'Điểm tối đa',
    self: 'Điểm tự đánh giá',
    appraised: 'Điểm thẩm định',
    final: 'Điểm đạt',
    evidence: 'Tài liệu kiểm chứng',
    explanation: 'Giải trình',
    notes: 'Ghi chú',
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
    index: 'Index (%)',
    band: 'Band',
    area: 'Rank area',
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
  },
} as const

const HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }
const AREA: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }

/** Writes an exact value as a number cell with the two-decimal format (Excel shows 85,34 in vi-VN). */
function num(cell: ExcelJS.Cell, v: Exact | undefined | null): void {
  if (v === undefined || v === null) return
  cell.value = v.toNumber()
  cell.numFmt = NUM_FMT
}

function headerRow(ws: ExcelJS.Worksheet, row: number, values: string[]): void {
  const r = ws.getRow(row)
  r.values = values
  r.font = { bold: true }
  r.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  r.eachCell((c) => {
    c.fill = HEAD
    c.border = THIN
  })
}

/** The latest appraised points of each leaf. */
function appraisedScores(u: RankedUnit): Map<string, Exact> {
  const out = new Map<string, Exact>()
  const rounds = [...(u.result.assessment.appraisals ?? [])].sort((a, b) => a.round - b.round)
  for (const r of rounds) for (const c of r.changes) out.set(c.code, Exact.from(c.points))
  return out
}

function unitSheet(wb: ExcelJS.Workbook, name: string, u: RankedUnit, t: (typeof L)['vi' | 'en']): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 6 }] })
  const res = u.result
  const pack = res.pack
  const a = res.assessment
  ws.columns = [
    { width: 9 }, { width: 56 }, { width: 11 }, { width: 12 }, { width: 12 }, { width: 11 }, { width: 10 }, { width: 40 }, { width: 32 }, { width: 40 },
  ]
  ws.mergeCells('A1:J1')
  ws.getCell('A1').value = unitName(u)
  ws.getCell('A1').font = { bold: true, size: 14 }
  ws.getCell('A2').value = `${t.unitId}: ${u.unitId} — ${res.period}`
  ws.getCell('A3').value = `${t.points}: ${formatVi(res.total)} / ${formatVi(res.applicableMax)} — ${t.index}: ${formatVi(res.index)} — ${t.rank}: ${u.rank}/${u.groupSize}${u.band ? ` — ${t.band}: ${u.band.label.vi}` : ''}`
  ws.getCell('A3').font = { bold: true }
  ws.getCell('A4').value = `${t.fingerprint}: ${res.fingerprint}`
  ws.getCell('A4').font = { size: 8, color: { argb: 'FF7F7F7F' } }
  headerRow(ws, 6, [t.stt, t.criterion, t.max, t.self, t.appraised, t.final, t.index, t.evidence, t.explanation, t.notes])
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
    l.push(f.message.vi)
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
  let row = 7
  const order = [...pack.nodes.keys()].slice(1).concat([0])
  for (const i of order) {
    const n = pack.nodes[i]!
    const nr = res.node(n.code)!
    const r = ws.getRow(row++)
    r.getCell(1).value = i === 0 ? '' : n.code
    r.getCell(2).value = i === 0 ? t.total : n.title.vi
    r.getCell(2).alignment = { wrapText: true, vertical: 'top', indent: Math.max(0, n.depth - 1) }
    num(r.getCell(3), nr.applicableMax.eq(n.maxPoints) ? n.maxPoints : nr.applicableMax)
    num(r.getCell(4), selfSum[i])
    if (n.isLeaf) num(r.getCell(5), appraised.get(n.code))
    num(r.getCell(6), nr.points)
    if (!n.isLeaf) num(r.getCell(7), nr.index)
    r.getCell(8).value = (docs.get(n.code) ?? []).join('\n') || null
    r.getCell(9).value = a.explanations?.[n.code] ?? null
    const notes = [...(nr.notApplicable ? [t.na] : []), ...(flags.get(n.code) ?? [])]
    r.getCell(10).value = notes.join('\n') || null
    for (const c of [8, 9, 10]) r.getCell(c).alignment = { wrapText: true, vertical: 'top' }
    for (let c = 1; c <= 10; c++) r.getCell(c).border = THIN
    if (i === 0 || n.depth === 1) {
      r.font = { bold: true }
      for (let c = 1; c <= 10; c++) r.getCell(c).fill = AREA
    }
  }
}

/**
 * Writes the result workbook of a batch: a summary sheet ("12/16 xã đạt khá, 04 xã trung
 * bình"), a ranking sheet (rank, unit, points, index, band, rank of each area), one sheet
 * per unit with every criterion (max, self score, appraised score, final points, evidence,
 * explanation, notes) and, when given, the problems found in the submitted files.
 * Numbers are written as numbers with the format '#,##0.00' (Excel shows 85,34 in a
 * Vietnamese locale); text renderings use a comma computed from the exact value.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises'
 * import { evaluateBatch } from '@chiso/core'
 * import { writeResultWorkbook } from '@chiso/adapters/xlsx'
 * const batch = evaluateBatch(pack, assessments)
 * await writeFile('ket-qua-2024.xlsx', await writeResultWorkbook(batch, { locale: 'vi' }))
 * ```
 */
export async function writeResultWorkbook(batch: BatchResult, options: ResultWorkbookOptions = {}): Promise<Uint8Array> {
  const t = L[options.locale ?? 'vi']
  const wb = new ExcelJS.Workbook()
  wb.creator = 'chiso'
  // marks the workbook as ours: read back from a folder of submissions, it is skipped
  wb.keywords = RESULT_KEYWORD
  const pack = batch.pack
  const areas = pack.areas.map((i) => pack.nodes[i]!)

  // summary
  const sum = wb.addWorksheet(t.summary)
  sum.columns = [{ width: 110 }]
  const lines = summaryLines(batch)
  sum.getCell('A1').value = options.title ?? `Kết quả Chỉ số cải cách hành chính — ${pack.title.vi}`
  sum.getCell('A1').font = { bold: true, size: 14 }
  lines.forEach((l, k) => {
    sum.getCell(k + 3, 1).value = l
  })
  const probs = options.issues ?? []
  if (options.issues !== undefined) {
    const errorFiles = new Set(probs.filter((p) => p.severity === 'error').map((p) => p.file))
    sum.getCell(lines.length + 4, 1).value = `Số tệp có lỗi không chấm được: ${errorFiles.size}; tổng số lỗi và cảnh báo: ${probs.length} (xem trang "${t.problems}")`
  }

  // ranking
  const rk = wb.addWorksheet(t.ranking, { views: [{ state: 'frozen', ySplit: 1 }] })
  rk.columns = [
    { width: 7 }, { width: 16 }, { width: 30 }, { width: 10 }, { width: 11 }, { width: 12 }, { width: 11 }, { width: 13 },
    ...areas.map(() => ({ width: 9 })),
    { width: 22 }, { width: 20 },
  ]
  headerRow(rk, 1, [t.rank, t.unitId, t.unit, t.group, t.points, t.appMax, t.index, t.band, ...areas.map((n) => `${t.area} ${n.code}`), t.exact, t.fingerprint])
  areas.forEach((n, k) => {
    rk.getCell(1, 9 + k).note = n.title.vi
  })
  let row = 2
  for (const list of batch.groups.values()) {
    for (const u of list) {
      const r = rk.getRow(row++)
      r.getCell(1).value = u.rank
      r.getCell(2).value = u.unitId
      r.getCell(3).value = unitName(u)
      r.getCell(4).value = u.group
      num(r.getCell(5), u.result.total)
      num(r.getCell(6), u.result.applicableMax)
      num(r.getCell(7), u.result.index)
      r.getCell(8).value = u.band?.label.vi ?? null
      areas.forEach((n, k) => {
        r.getCell(9 + k).value = u.componentRanks[n.code] ?? null
      })
      r.getCell(9 + areas.length).value = u.result.index.toString()
      r.getCell(10 + areas.length).value = u.result.fingerprint.slice(0, 16)
      r.eachCell((c) => {
        c.border = THIN
      })
    }
  }

  // one sheet per unit, in ranking order
  const name = sheetNamer([t.summary, t.ranking, t.problems], t.unit)
  for (const list of batch.groups.values()) for (const u of list) unitSheet(wb, name(unitName(u)), u, t)

  if (options.issues !== undefined) {
    const ps = wb.addWorksheet(t.problems)
    ps.columns = [{ width: 34 }, { width: 18 }, { width: 7 }, { width: 10 }, { width: 24 }, { width: 80 }, { width: 70 }]
    headerRow(ps, 1, [t.file, t.sheet, t.cell, t.severity, t.code, t.message, t.messageEn])
    if (probs.length === 0) ps.getCell('A2').value = t.noProblems
    probs.forEach((p, k) => {
      const r = ps.getRow(k + 2)
      r.values = [p.file, p.sheet ?? '', p.cell ?? '', p.severity === 'error' ? t.error : t.warning, String(p.code), p.message.vi, p.message.en]
      r.alignment = { wrapText: true, vertical: 'top' }
    })
  }
  const buf = await wb.xlsx.writeBuffer()
  return new Uint8Array(buf as ArrayBuffer)
}

