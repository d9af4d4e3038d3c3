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

/** What the extra sheets of one form hold. @internal */
export interface FormSheets {
  readonly facts?: Record<string, unknown>
  readonly adjustments?: Record<string, string>
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

/**
 * Reads the facts and hand-entered adjustments of the unit `unitId` from the sheets of a
 * form other than the table's own (`form`). A facts sheet is told by its columns (Mã đơn
 * vị, Dữ kiện, Giá trị); its rows for another unit are warnings. An adjustments sheet by
 * Mã khoản and Số điểm; its amounts are checked by the core with the rest of the form.
 * @internal
 */
export function readFormSheets(grids: readonly Grid[], form: Grid, pack: CompiledPack, file: string, unitId: string | undefined): FormSheets {
  const issues: FileIssue[] = []
  const where = new Map<string, { sheet: string; cell: string; row: number }>()
  let facts: Record<string, unknown> | undefined
  let adjustments: Record<string, string> | undefined
  const own = unitId === undefined ? undefined : (normalizeUnitId(unitId) ?? unitId)
  for (const grid of grids) {
    if (grid === form || grid.rowCount === 0) continue
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
  return { ...(facts ? { facts } : {}), ...(adjustments ? { adjustments } : {}), where, issues }
}
