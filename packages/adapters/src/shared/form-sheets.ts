/**
 * The sheets a form may carry besides the table: the unit's facts (dữ kiện — the same
 * columns as a `--facts` table: Mã đơn vị, Dữ kiện, Giá trị) and the bonuses and deductions
 * entered by hand (điểm thưởng, điểm trừ: Mã khoản, Số điểm). `writeFilledWorkbook` writes
 * them; the form reader reads them, so a form carries everything its unit is scored on.
 */
import { normalizeUnitId, type CompiledPack } from '@chiso/core'
import { readFactsGrid } from './facts.js'
import type { Grid, GridValue } from './form.js'
import { fileIssue, type FileIssue } from './issues.js'
import { cellAddress, normalizeHeader, parseScoreText } from './text.js'

/** The name of the facts sheet `writeFilledWorkbook` writes (the reader finds it by its columns, whatever its name). */
export const FACTS_SHEET = 'Dữ kiện'
/** The name of the sheet of bonuses and deductions entered by hand (found by its columns too). */
export const ADJUSTMENTS_SHEET = 'Điểm thưởng, điểm trừ'
/** The columns of the adjustments sheet, as written. */
export const ADJUSTMENT_HEADERS = ['Mã khoản', 'Khoản điểm thưởng, điểm trừ', 'Loại', 'Số điểm'] as const

/** The name of the sheet of appraisal rounds (found by its columns too). */
export const APPRAISALS_SHEET = 'Thẩm định'
/** The columns of the appraisals sheet, as written (the reader ignores "Tiêu chí": it is for people). */
export const APPRAISAL_HEADERS = ['Vòng', 'Cơ quan, người thẩm định', 'Ngày thẩm định', 'Mã tiêu chí', 'Tiêu chí', 'Điểm thẩm định', 'Lý do'] as const

/** One appraisal round read from the appraisals sheet; reviewer and date '' when the sheet leaves them blank. @internal */
export interface SheetRound {
  readonly round: number
  readonly reviewer: string
  readonly at: string
  readonly changes: { code: string; points: string; reason: string }[]
  /** where each change's points and reason were read (aligned with `changes`) */
  readonly cells: { sheet: string; points: string; reason: string | undefined; row: number }[]
}

/** What the extra sheets of one form hold. @internal */
export interface FormSheets {
  readonly facts?: Record<string, unknown>
  readonly adjustments?: Record<string, string>
  /** the appraisal rounds on record, by round number */
  readonly appraisals?: readonly SheetRound[]
  /** input path ("facts.x", "adjustments.y") → its cell, for mapping core issues back */
  readonly where: ReadonlyMap<string, { sheet: string; cell: string; row: number }>
  readonly issues: readonly FileIssue[]
}

function text(v: GridValue | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return ''
}

/** Header row and columns of an adjustments sheet, if the grid is one. */
function adjustmentHeader(grid: Grid): { row: number; id: number; points: number } | undefined {
  for (let r = 1; r <= Math.min(grid.rowCount, 20); r++) {
    let id = -1
    let points = -1
    for (let c = 1; c <= Math.min(grid.colCount, 50); c++) {
      const h = normalizeHeader(text(grid.cell(r, c)?.value))
      if (h === 'ma khoan' || h === 'ma khoan thuong tru' || h === 'ma dieu chinh') id = c
      else if (h === 'so diem' || h === 'diem thuong tru' || h === 'diem thuong, tru') points = c
    }
    if (id > 0 && points > 0) return { row: r, id, points }
  }
  return undefined
}

/** Header row and columns of an appraisals sheet, if the grid is one (Vòng, Mã tiêu chí and Điểm at least). */
function appraisalHeader(grid: Grid): { row: number; round: number; reviewer: number; at: number; code: number; points: number; reason: number } | undefined {
  for (let r = 1; r <= Math.min(grid.rowCount, 20); r++) {
    const col = { round: -1, reviewer: -1, at: -1, code: -1, points: -1, reason: -1 }
    for (let c = 1; c <= Math.min(grid.colCount, 50); c++) {
      const h = normalizeHeader(text(grid.cell(r, c)?.value))
      if (h === 'vong' || h === 'vong tham dinh') col.round = c
      else if (h === 'co quan nguoi tham dinh' || h === 'co quan tham dinh' || h === 'nguoi tham dinh' || h === 'to tham dinh') col.reviewer = c
      else if (h === 'ngay' || h === 'ngay tham dinh') col.at = c
      else if (h === 'ma tieu chi') col.code = c
      else if (h === 'diem' || h === 'diem tham dinh') col.points = c
      else if (h === 'ly do' || h === 'ly do tham dinh') col.reason = c
    }
    if (col.round > 0 && col.code > 0 && col.points > 0) return { row: r, ...col }
  }
  return undefined
}

/** A date cell as YYYY-MM-DD (a date typed into a spreadsheet), any other cell as its text. */
function dateText(v: GridValue | undefined): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)
  return text(v)
}

/**
 * The appraisal rounds of an appraisals sheet, each change with its cells. A blank round,
 * reviewer or date repeats the row above's (as people fill such tables); a round whose rows
 * name two reviewers or two dates is refused at the cell that differs.
 */
function readAppraisals(grid: Grid, head: NonNullable<ReturnType<typeof appraisalHeader>>, file: string, issues: FileIssue[]): SheetRound[] {
  const rounds = new Map<number, SheetRound & { firstRow: number }>()
  let round: number | undefined
  for (let r = head.row + 1; r <= grid.rowCount; r++) {
    const code = text(grid.cell(r, head.code)?.value)
    const raw = grid.cell(r, head.points)?.value
    const blankPoints = raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')
    if (code === '' && blankPoints) continue
    const at = (c: number): { file: string; sheet: string; cell: string; row: number } => ({ file, sheet: grid.name, cell: cellAddress(r, c), row: r })
    if (code === '') {
      issues.push(fileIssue('score_without_code', at(head.code), { row: r }, undefined, 'warning'))
      continue
    }
    const roundText = text(grid.cell(r, head.round)?.value)
    if (roundText !== '') {
      const n = /^\d{1,6}$/.test(roundText) ? Number(roundText) : Number.NaN
      if (!(n >= 1)) {
        issues.push(fileIssue('invalid_round', at(head.round), { value: roundText }, roundText))
        round = undefined
        continue
      }
      round = n
    } else if (round === undefined) {
      issues.push(fileIssue('invalid_round', at(head.round), { value: '' }, ''))
      continue
    }
    const points = blankPoints ? undefined : typeof raw === 'number' || typeof raw === 'string' ? parseScoreText(raw) : undefined
    if (points === undefined) {
      issues.push(fileIssue('invalid_number', at(head.points), { value: text(raw) }, text(raw)))
      continue
    }
    const reviewer = head.reviewer > 0 ? text(grid.cell(r, head.reviewer)?.value) : ''
    const date = head.at > 0 ? dateText(grid.cell(r, head.at)?.value) : ''
    let entry = rounds.get(round)
    if (entry === undefined) rounds.set(round, (entry = { round, reviewer, at: date, changes: [], cells: [], firstRow: r }))
    else {
      // the round's reviewer and date are those of its first row that gives them
      for (const [field, found, c] of [
        ['reviewer', reviewer, head.reviewer],
        ['at', date, head.at],
      ] as const) {
        if (found === '') continue
        const first = entry[field]
        if (first === '') (entry as { -readonly [K in keyof SheetRound]: SheetRound[K] })[field] = found
        else if (first !== found) issues.push(fileIssue('appraisal_round_mismatch', at(c), { round, field, found, first, firstRow: entry.firstRow }, found))
      }
    }
    entry.changes.push({ code, points: points.toString(), reason: head.reason > 0 ? text(grid.cell(r, head.reason)?.value) : '' })
    entry.cells.push({ sheet: grid.name, points: cellAddress(r, head.points), reason: head.reason > 0 ? cellAddress(r, head.reason) : undefined, row: r })
  }
  return [...rounds.values()].sort((a, b) => a.round - b.round).map(({ firstRow: _first, ...round }) => round)
}

/**
 * Reads the facts, hand-entered adjustments and appraisal rounds of the unit `unitId` from the sheets of a
 * form other than the table's own (`form`). A facts sheet is told by its columns (Mã đơn
 * vị, Dữ kiện, Giá trị); its rows for another unit are warnings. An adjustments sheet by
 * Mã khoản and Số điểm; its amounts are checked by the core with the rest of the form. An
 * appraisals sheet by Vòng, Mã tiêu chí and Điểm thẩm định: the rounds on record (the form's
 * "Điểm thẩm định" column is reconciled with them by the form reader).
 * @internal
 */
export function readFormSheets(grids: readonly Grid[], form: Grid, pack: CompiledPack, file: string, unitId: string | undefined): FormSheets {
  const issues: FileIssue[] = []
  const where = new Map<string, { sheet: string; cell: string; row: number }>()
  let facts: Record<string, unknown> | undefined
  let adjustments: Record<string, string> | undefined
  let appraisals: SheetRound[] | undefined
  const own = unitId === undefined ? undefined : (normalizeUnitId(unitId) ?? unitId)
  for (const grid of grids) {
    if (grid === form || grid.rowCount === 0) continue
    const appr = appraisalHeader(grid)
    if (appr) {
      appraisals = [...(appraisals ?? []), ...readAppraisals(grid, appr, file, issues)]
      continue
    }
    const adj = adjustmentHeader(grid)
    if (adj) {
      for (let r = adj.row + 1; r <= grid.rowCount; r++) {
        const id = text(grid.cell(r, adj.id)?.value)
        const raw = grid.cell(r, adj.points)?.value
        if (id === '' || raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) continue
        const at = { file, sheet: grid.name, cell: cellAddress(r, adj.points), row: r }
        const v = typeof raw === 'number' || typeof raw === 'string' ? parseScoreText(raw) : undefined
        if (v === undefined) {
          issues.push(fileIssue('invalid_number', at, { value: text(raw) }, text(raw)))
          continue
        }
        adjustments ??= {}
        if (Object.prototype.hasOwnProperty.call(adjustments, id)) {
          issues.push(fileIssue('duplicate_row', { ...at, cell: cellAddress(r, adj.id) }, { code: id, first: where.get(`adjustments.${id}`)?.row ?? '?' }, id))
          continue
        }
        adjustments[id] = v.toString()
        where.set(`adjustments.${id}`, { sheet: grid.name, cell: at.cell, row: r })
      }
      continue
    }
    const table = readFactsGrid(grid, pack, file)
    if (table.issues.some((i) => i.code === 'missing_column')) continue
    issues.push(...table.issues)
    for (const [unit, values] of table.byUnit) {
      const id = unit === '' ? own : (normalizeUnitId(unit) ?? unit)
      if (own !== undefined && id !== own) {
        issues.push(fileIssue('facts_without_submission', { file, sheet: grid.name }, { unitId: unit }, unit, 'warning'))
        continue
      }
      facts = { ...(facts ?? {}), ...values }
    }
    if (facts) {
      // where each fact was read: the row naming it
      for (let r = 1; r <= grid.rowCount; r++) {
        for (let c = 1; c <= Math.min(grid.colCount, 10); c++) {
          const t = text(grid.cell(r, c)?.value)
          if (t !== '' && Object.prototype.hasOwnProperty.call(facts, t) && !where.has(`facts.${t}`)) where.set(`facts.${t}`, { sheet: grid.name, cell: cellAddress(r, c), row: r })
        }
      }
    }
  }
  return { ...(facts ? { facts } : {}), ...(adjustments ? { adjustments } : {}), ...(appraisals && appraisals.length > 0 ? { appraisals } : {}), where, issues }
}
