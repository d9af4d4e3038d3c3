/**
 * Survey results (điều tra xã hội học) for many units in one table: the survey team's
 * export, joined to the units' own workbooks, since units never self-score survey criteria.
 *
 * One row per unit and criterion, with a header row naming the columns:
 * - the unit: "Mã đơn vị" (or "Đơn vị", "unitId"),
 * - the criterion: "Mã tiêu chí" (or "STT", "Tiêu chí", "code"),
 * - either "Điểm" (points already computed) or one column per answer ("A", "B", "C", "D"…,
 *   the answers the pack's survey rule weighs) holding the number of respondents.
 */
import { normalizeUnitId, type CompiledPack } from '@chiso/core'
import { type SurveyInput } from '@chiso/core/plugin'
import type { Grid, GridValue } from './form.js'
import { fileIssue, type FileIssue } from './issues.js'
import { cellAddress, normalizeHeader, parseScoreText } from './text.js'

/** Survey inputs by unit id, then criterion code, and the problems found reading them. */
export interface SurveyTable {
  readonly byUnit: ReadonlyMap<string, Readonly<Record<string, SurveyInput>>>
  readonly issues: readonly FileIssue[]
}

const UNIT_HEADERS = new Set(['ma don vi', 'don vi', 'unitid', 'unit id', 'unit'])
const CODE_HEADERS = new Set(['ma tieu chi', 'stt', 'tieu chi', 'code', 'criterion'])
const POINTS_HEADERS = new Set(['diem', 'points', 'diem dieu tra'])

function text(v: GridValue | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return ''
}

/** The header of a survey table: the first row (within 20) naming a unit column and a criterion column. */
function surveyHeader(grid: Grid): { header: number; unitCol: number; codeCol: number; pointsCol: number; answerCols: { col: number; answer: string }[] } {
  const answerCols: { col: number; answer: string }[] = []
  for (let r = 1; r <= Math.min(grid.rowCount, 20); r++) {
    // each cell's text normalised once, empty cells never: a row of 200,000 cells costs one pass
    const names = new Map<number, string>()
    const normalized = new Map<number, string>()
    for (let c = 1; c <= grid.colCount; c++) {
      const n = text(grid.cell(r, c)?.value)
      if (n.trim() === '') continue
      names.set(c, n)
      normalized.set(c, normalizeHeader(n))
    }
    const find = (set: Set<string>): number => {
      for (const [c, n] of normalized) if (set.has(n)) return c
      return -1
    }
    const u = find(UNIT_HEADERS)
    const k = find(CODE_HEADERS)
    if (u < 0 || k < 0) continue
    for (const [c, n] of names) if (/^[A-Za-z]$/.test(n.trim())) answerCols.push({ col: c, answer: n.trim().toUpperCase() })
    return { header: r, unitCol: u, codeCol: k, pointsCol: find(POINTS_HEADERS), answerCols }
  }
  return { header: -1, unitCol: -1, codeCol: -1, pointsCol: -1, answerCols }
}

/**
 * True when a grid is a survey results table (a unit column, a criterion column, and
 * points or answer columns) rather than a self-assessment form: such a table lying among
 * the submissions is used as the survey results, not read as a unit's form.
 * @internal
 */
export function looksLikeSurveyGrid(grid: Grid): boolean {
  const h = surveyHeader(grid)
  return h.header > 0 && (h.pointsCol > 0 || h.answerCols.length > 0)
}

/**
 * Reads a survey table from a grid (the first sheet of an .xlsx, or a .csv). Every problem
 * comes back with its cell; rows with problems are left out, the others are kept.
 *
 * @example
 * ```ts
 * import { readSurveyGrid } from '@chiso/adapters/csv'
 * const t = readSurveyGrid(csvGrid(parseCsv(text), 'dieu-tra.csv'), pack, 'dieu-tra.csv')
 * t.byUnit.get('xa-nhan-quang') // { '9.1': { answers: { A: 40, B: 12, C: 3, D: 1 } } }
 * ```
 */
export function readSurveyGrid(grid: Grid, pack: CompiledPack, file: string): SurveyTable {
  const issues: FileIssue[] = []
  const at = (row: number, col: number) => ({ file, sheet: grid.name, cell: cellAddress(row, col), row })
  const { header, unitCol, codeCol, pointsCol, answerCols } = surveyHeader(grid)
  if (header < 0) {
    issues.push(fileIssue('missing_column', { file, sheet: grid.name }, { column: 'Mã đơn vị / Mã tiêu chí', columnEn: 'unit / criterion' }))
    return { byUnit: new Map(), issues }
  }
  if (pointsCol < 0 && answerCols.length === 0) {
    issues.push(fileIssue('missing_column', { file, sheet: grid.name, row: header }, { column: 'Điểm hoặc A, B, C, D', columnEn: 'points, or answers A, B, C, D' }))
    return { byUnit: new Map(), issues }
  }
  const byUnit = new Map<string, Record<string, SurveyInput>>()
  for (let r = header + 1; r <= grid.rowCount; r++) {
    // keyed as the engine keys units, so a row joins its unit however the id was typed
    const unitId = normalizeUnitId(text(grid.cell(r, unitCol)?.value)) ?? text(grid.cell(r, unitCol)?.value)
    const code = text(grid.cell(r, codeCol)?.value).replace(/\.$/, '')
    if (unitId === '' && code === '') continue
    const node = pack.node(code)
    if (!node || !node.isLeaf || node.source !== 'survey') {
      issues.push(fileIssue('not_a_survey_criterion', at(r, codeCol), { code, pack: `${pack.id}@${pack.version}` }, code))
      continue
    }
    let input: SurveyInput | undefined
    const pointsRaw = pointsCol > 0 ? grid.cell(r, pointsCol)?.value : undefined
    if (pointsRaw !== undefined && pointsRaw !== null && text(pointsRaw) !== '') {
      const p = typeof pointsRaw === 'number' || typeof pointsRaw === 'string' ? parseScoreText(pointsRaw) : undefined
      if (p === undefined) {
        issues.push(fileIssue('invalid_number', at(r, pointsCol), { value: text(pointsRaw) }, pointsRaw))
        continue
      }
      input = { points: p.toString() }
    } else {
      const answers: Record<string, number> = {}
      let bad = false
      for (const { col, answer } of answerCols) {
        const v = grid.cell(r, col)?.value
        if (v === null || v === undefined || text(v) === '') continue
        const n = typeof v === 'number' || typeof v === 'string' ? parseScoreText(v) : undefined
        if (n === undefined || !n.isInteger() || n.isNegative()) {
          issues.push(fileIssue('invalid_count', at(r, col), { value: text(v) }, v))
          bad = true
          continue
        }
        answers[answer] = n.toNumber()
      }
      if (bad) continue
      input = { answers }
    }
    const forUnit = byUnit.get(unitId) ?? {}
    if (Object.prototype.hasOwnProperty.call(forUnit, code)) {
      issues.push(fileIssue('duplicate_row', at(r, codeCol), { code: `${unitId} / ${code}`, first: '?' }, code))
      continue
    }
    forUnit[code] = input
    byUnit.set(unitId, forUnit)
  }
  return { byUnit, issues }
}
