/**
 * The self-assessment form, read from a grid of cells that any spreadsheet format can
 * provide (xlsx through exceljs, csv through a small parser): finds the header row by
 * its column names (with or without diacritics), reads one row per criterion by its STT
 * code, builds the assessment, validates it with the core and maps every core issue back
 * to the cell it came from.
 */
import { Exact, INPUT_LIMITS, normalizeUnitId, safeEvaluate, type AssessmentInput, type ChisoIssue, type CompiledPack, type EvidenceInput } from '@chiso/core'
import { readFormSheets, type SheetRound } from './form-sheets.js'
import { neutralisedCriteria } from './neutralised.js'
import { fileIssue, locate, type FileIssue } from './issues.js'
import { cellAddress, isOverlongNumber, normalizeHeader, parseScoreText, slugify } from './text.js'

/** A cell value as the form reader sees it, whatever the file format. */
export type GridValue = null | string | number | boolean | Date | { readonly error: string } | { readonly formula: string; readonly noResult: true }

/** One cell of a grid. */
export interface GridCell {
  readonly value: GridValue
  /** hyperlink target, when the cell links somewhere */
  readonly link?: string
  /** true for a cell covered by a merge whose value lives in another (master) cell */
  readonly mergedSlave?: boolean
  /** true when the value is a formula's result */
  readonly formula?: boolean
}

/** A worksheet as a grid (1-based rows and columns). */
export interface Grid {
  readonly name: string
  readonly rowCount: number
  readonly colCount: number
  cell(row: number, col: number): GridCell | undefined
}

/** Options for reading a form. */
export interface ReadFormOptions {
  /** the unit's id; otherwise the form's "Mã đơn vị", else a slug of its "Tên đơn vị", else of the file name */
  readonly unitId?: string
  /** the period being scored, e.g. "2024"; a form stating another period is an error */
  readonly period?: string
  /** the worksheet to read; otherwise the first sheet that holds the form */
  readonly sheet?: string
  /** the unit kind recorded on the assessment (default: the pack's first `appliesTo`, else "unit") */
  readonly unitKind?: string
  /** the ranking group (default: the form's "Nhóm", else none) */
  readonly group?: string
  /** reviewer recorded when the form carries an appraised-score column */
  readonly reviewer?: string
}

/**
 * The reason an appraised score carries when its form gives none (the core wants one): kept
 * in the assessment in Vietnamese, shown in the output language by {@link appraisalReason}.
 */
export const APPRAISAL_WITHOUT_REASON = { vi: 'Điểm thẩm định ghi trong biểu, không ghi lý do', en: 'Appraised score written in the form, no reason given' } as const

/** An appraisal's reason in a language: the words for "no reason given" translated, any other reason as written. */
export function appraisalReason(reason: string, locale: 'vi' | 'en'): string {
  // the bilingual text earlier versions stored, too
  if (reason === APPRAISAL_WITHOUT_REASON.vi || reason === 'Điểm thẩm định ghi trong biểu / appraised score in the form') return APPRAISAL_WITHOUT_REASON[locale]
  return reason
}

/** The result of reading one form. */
export type ReadResult =
  | {
      readonly ok: true
      readonly value: AssessmentInput
      readonly warnings: readonly FileIssue[]
      readonly sheet: string
      /** true for a form with nothing filled in: no score, no appraised score, no evidence, no explanation (a blank template) */
      readonly blank: boolean
      /** the "Nhóm xếp hạng" value cell, when the form has that label (to point at it when it is blank) */
      readonly groupCell?: string
    }
  | { readonly ok: false; readonly issues: readonly FileIssue[] /** the unit the form names, when it got that far */; readonly unitId?: string }

type Column = 'code' | 'title' | 'max' | 'self' | 'appraised' | 'reason' | 'evidence' | 'explanation'

const COLUMN_NAMES: Record<Column, { vi: string; en: string }> = {
  code: { vi: 'STT', en: 'STT (criterion code)' },
  title: { vi: 'Tiêu chí', en: 'Tiêu chí (criterion)' },
  max: { vi: 'Điểm tối đa', en: 'Điểm tối đa (maximum)' },
  self: { vi: 'Điểm tự đánh giá', en: 'Điểm tự đánh giá (self score)' },
  appraised: { vi: 'Điểm thẩm định', en: 'Điểm thẩm định (appraised score)' },
  reason: { vi: 'Lý do thẩm định', en: 'Lý do (appraisal reason)' },
  evidence: { vi: 'Tài liệu kiểm chứng', en: 'Tài liệu kiểm chứng (evidence)' },
  explanation: { vi: 'Giải trình', en: 'Giải trình (explanation)' },
}

/** Which column a normalised header names, if any. Order matters: specific before general. */
function classifyHeader(h: string): Column | undefined {
  if (h === '') return undefined
  if (/^(stt|tt|so tt|so thu tu|ma|ma so|ma tieu chi|ma tc)$/.test(h)) return 'code'
  if (/\bly do\b/.test(h)) return 'reason'
  if (/tham dinh/.test(h) && /diem|ket qua|tham dinh$/.test(h)) return 'appraised'
  if (/tu danh gia|tu cham|tu xac dinh|tu dat|don vi tu/.test(h)) return 'self'
  if (/toi da|diem chuan|thang diem/.test(h)) return 'max'
  if (/kiem chung|tlkc|tai lieu/.test(h)) return 'evidence'
  if (/giai trinh|ghi chu/.test(h)) return 'explanation'
  if (/^(tieu chi|noi dung|linh vuc|ten tieu chi|chi tieu)/.test(h)) return 'title'
  return undefined
}

/** Text of a value, for headers and labels. */
function textOf(v: GridValue | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if ('error' in v) return v.error
  return ''
}

function isBlank(v: GridValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '')
}

interface HeaderMatch {
  row: number
  /** first data row */
  dataStart: number
  columns: Partial<Record<Column, number>>
}

/** Finds the header row: the first row (within the first 60) naming both STT and a self-score column. */
function findHeader(grid: Grid): HeaderMatch | { row: number; missing: Column[]; columns: Partial<Record<Column, number>> } | undefined {
  const limit = Math.min(grid.rowCount, 60)
  // each row's cells normalised once (a row is read as the header and as the row below it),
  // and an empty cell never: a row of 200,000 empty cells costs one pass, not three per row
  const normalized = new Map<number, Map<number, string>>()
  const headerText = (r: number, c: number): string => {
    let texts = normalized.get(r)
    if (!texts) {
      texts = new Map()
      for (let k = 1; k <= grid.colCount; k++) {
        const t = textOf(grid.cell(r, k)?.value)
        if (t !== '') texts.set(k, normalizeHeader(t))
      }
      normalized.set(r, texts)
      normalized.delete(r - 2)
    }
    return texts.get(c) ?? ''
  }
  let partial: { row: number; missing: Column[]; columns: Partial<Record<Column, number>> } | undefined
  for (let r = 1; r <= limit; r++) {
    const columns: Partial<Record<Column, number>> = {}
    let usedSub = false
    // a two-row header ("Điểm" merged over "Tối đa" | "Tự đánh giá"): the next row is a
    // sub-header when it has no criterion code and some text
    let subRow = false
    if (r < grid.rowCount) {
      let anyText = false
      let codeCol: number | undefined
      for (let c = 1; c <= grid.colCount; c++) {
        if (classifyHeader(headerText(r, c)) === 'code') codeCol ??= c
        const sc = grid.cell(r + 1, c)
        if (sc && !sc.mergedSlave && textOf(sc.value).trim() !== '') anyText = true
      }
      const below = codeCol === undefined ? undefined : grid.cell(r + 1, codeCol)
      subRow = anyText && codeCol !== undefined && (below === undefined || below.mergedSlave === true || isBlank(below.value))
    }
    for (let c = 1; c <= grid.colCount; c++) {
      const top = headerText(r, c)
      let kind = classifyHeader(top)
      if (kind === undefined && subRow) {
        const subCell = grid.cell(r + 1, c)
        const sub = subCell?.mergedSlave ? '' : headerText(r + 1, c)
        if (sub !== '') {
          kind = classifyHeader(`${top} ${sub}`.trim()) ?? classifyHeader(sub)
          if (kind !== undefined) usedSub = true
        }
      }
      if (kind !== undefined && columns[kind] === undefined) columns[kind] = c
    }
    if (columns.code !== undefined && columns.self !== undefined) {
      return { row: r, dataStart: usedSub ? r + 2 : r + 1, columns }
    }
    const found = Object.keys(columns).length
    if (columns.code !== undefined && found >= 2 && !partial) {
      partial = { row: r, missing: columns.self === undefined ? ['self'] : [], columns }
    }
  }
  return partial
}

interface LabelValue {
  value: string
  cell: string
}

/** Reads the header block above the table: "Tên đơn vị:", "Mã đơn vị:", "Kỳ đánh giá:", "Nhóm:", "Bộ chỉ số:". */
function readLabels(grid: Grid, lastRow: number): Partial<Record<'name' | 'id' | 'period' | 'group' | 'pack' | 'sample', LabelValue>> {
  const out: Partial<Record<'name' | 'id' | 'period' | 'group' | 'pack' | 'sample', LabelValue>> = {}
  for (let r = 1; r < lastRow; r++) {
    for (let c = 1; c <= grid.colCount; c++) {
      const cell = grid.cell(r, c)
      if (!cell || cell.mergedSlave) continue
      const raw = textOf(cell.value).trim()
      if (raw === '') continue
      const colon = raw.indexOf(':')
      const label = normalizeHeader(colon >= 0 ? raw.slice(0, colon) : raw)
      let key: 'name' | 'id' | 'period' | 'group' | 'pack' | 'sample' | undefined
      if (/^(ma don vi|ma dv|ma co quan)$/.test(label)) key = 'id'
      else if (/^(ten don vi|don vi|co quan|ten co quan|don vi tu danh gia|ten xa|xa phuong|don vi danh gia)$/.test(label)) key = 'name'
      else if (/^(ky danh gia|nam danh gia|ky|nam|ky danh gia nam|nam danh gia ky)$/.test(label)) key = 'period'
      else if (/^(nhom|nhom xep hang)$/.test(label)) key = 'group'
      else if (/^(bo chi so|bo tieu chi)$/.test(label)) key = 'pack'
      else if (/^(du lieu mau|sample data)$/.test(label)) key = 'sample'
      if (!key || out[key]) continue
      const inline = colon >= 0 ? raw.slice(colon + 1).trim() : ''
      if (inline !== '') {
        out[key] = { value: inline, cell: cellAddress(r, c) }
        continue
      }
      for (let k = c + 1; k <= grid.colCount; k++) {
        const v = grid.cell(r, k)
        if (!v || v.mergedSlave) continue
        const t = textOf(v.value).trim()
        if (t !== '') {
          out[key] = { value: t, cell: cellAddress(r, k) }
          break
        }
        // an empty input cell: remember where it is so problems point there
        out[key] ??= { value: '', cell: cellAddress(r, k) }
        break
      }
    }
  }
  return out
}

/** A criterion code from an STT cell: "1.1", "1.1." and the number 1.1 all give "1.1". */
function codeOf(v: GridValue | undefined): string | undefined {
  if (v === null || v === undefined) return undefined
  let s: string
  if (typeof v === 'number') s = String(Number(v.toPrecision(15)))
  else if (typeof v === 'string') s = v
  else return undefined
  s = s.normalize('NFC').trim().replace(/\.$/, '').trim()
  return s === '' ? undefined : s
}

type ScoreRead = { ok: true; value: Exact | undefined } | { ok: false; issue: FileIssue }

function readScore(v: GridValue | undefined, at: { file: string; sheet: string; cell: string; row: number }): ScoreRead {
  if (v === null || v === undefined) return { ok: true, value: undefined }
  if (typeof v === 'number' || typeof v === 'string') {
    if (typeof v === 'string' && v.trim() === '') return { ok: true, value: undefined }
    const x = parseScoreText(v)
    if (x !== undefined) return { ok: true, value: x }
    if (typeof v === 'string' && isOverlongNumber(v)) {
      const shown = v.trim()
      return {
        ok: false,
        issue: fileIssue('number_too_long', at, { value: shown.length > 48 ? `${shown.slice(0, 40)}…` : shown, length: shown.length, max: INPUT_LIMITS.decimalTextLength }, shown.slice(0, 48)),
      }
    }
    return { ok: false, issue: fileIssue('invalid_number', at, { value: v }, v) }
  }
  if (typeof v === 'boolean') return { ok: false, issue: fileIssue('invalid_number', at, { value: v ? 'TRUE' : 'FALSE' }, v) }
  if (v instanceof Date) return { ok: false, issue: fileIssue('date_in_number_cell', at, { value: v.toISOString().slice(0, 10) }, v.toISOString()) }
  if ('error' in v) return { ok: false, issue: fileIssue('formula_error', at, { value: v.error }, v.error) }
  return { ok: false, issue: fileIssue('formula_without_result', at, { formula: v.formula }, v.formula) }
}

/** Splits an evidence cell into documents: one per line or per ";". */
function splitEvidence(text: string): string[] {
  return text
    .split(/[;\n\r]+/)
    .map((s) => s.replace(/^[\s\-–•+*]+/, '').trim())
    .filter((s) => s !== '')
}

const DOC_NUMBER = /\b\d{1,5}\/(?:\d{4}\/)?[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*\b/u

/** Where the form is: its sheet and header row, or why it cannot be found. */
function locateForm(
  grids: readonly Grid[],
  options: { readonly sheet?: string | undefined },
  file: string,
): { grid: Grid; header: HeaderMatch | { row: number; missing: Column[]; columns: Partial<Record<Column, number>> } } | { issues: FileIssue[] } {
  const sheetNames = grids.map((g) => g.name).join(', ')
  if (grids.length === 0 || grids.every((g) => g.rowCount === 0)) {
    return { issues: [fileIssue('empty_file', { file })] }
  }
  let grid: Grid | undefined
  let header: ReturnType<typeof findHeader>
  if (options.sheet !== undefined) {
    const want = normalizeHeader(options.sheet)
    grid = grids.find((g) => g.name === options.sheet) ?? grids.find((g) => normalizeHeader(g.name) === want)
    if (!grid) return { issues: [fileIssue('sheet_not_found', { file }, { sheet: options.sheet, sheets: sheetNames }, options.sheet)] }
    header = findHeader(grid)
  } else {
    for (const g of grids) {
      const h = findHeader(g)
      if (h && 'dataStart' in h) {
        grid = g
        header = h
        break
      }
      if (h && !header) {
        grid = g
        header = h
      }
    }
  }
  if (!grid || !header) {
    return { issues: [fileIssue('form_not_found', { file, ...(grids.length === 1 ? { sheet: grids[0]!.name } : {}) }, { sheets: sheetNames })] }
  }
  return { grid, header }
}

/** A period as stated in a form: "Năm 2024", "2024" and the number 2024 are all "2024". */
function normalisePeriod(text: string): string {
  return text.match(/^\D*(\d{4})\D*$/)?.[1] ?? text
}

/**
 * The period a form states in its "Kỳ đánh giá" cell ("2024"), read before the form is
 * read under a pack, so the pack in force for that period can be chosen; undefined when
 * no form is found or it states none.
 *
 * @example
 * ```ts
 * import { statedPeriod } from '@chiso/adapters/xlsx'
 * statedPeriod(grids) // '2024'
 * ```
 */
export function statedPeriod(grids: readonly Grid[], options: { readonly sheet?: string | undefined } = {}): string | undefined {
  const found = locateForm(grids, options, '')
  if ('issues' in found) return undefined
  const v = readLabels(found.grid, found.header.row).period?.value
  return v ? normalisePeriod(v) : undefined
}

/**
 * Reads the self-assessment form from the grids of one file. Exported for adapters of
 * other formats; the xlsx and csv adapters call it.
 *
 * @example
 * ```ts
 * import { readForm } from '@chiso/adapters/xlsx'
 * const r = readForm([grid], pack, { period: '2024' }, 'xa-a.xlsx')
 * if (!r.ok) console.log(r.issues.map((i) => `${i.cell}: ${i.message.vi}`))
 * ```
 */
export function readForm(grids: readonly Grid[], pack: CompiledPack, options: ReadFormOptions, file: string): ReadResult {
  const issues: FileIssue[] = []
  const warnings: FileIssue[] = []
  const found = locateForm(grids, options, file)
  if ('issues' in found) return { ok: false, issues: found.issues }
  const { grid, header } = found
  const sheet = grid.name
  if (!('dataStart' in header)) {
    const missing = header.missing.length > 0 ? header.missing : (['self'] as Column[])
    return {
      ok: false,
      issues: missing.map((m) => fileIssue('missing_column', { file, sheet, cell: `${header.row}:${header.row}`, row: header.row }, { column: COLUMN_NAMES[m].vi, columnEn: COLUMN_NAMES[m].en })),
    }
  }
  const cols = header.columns
  const at = (row: number, col: number): { file: string; sheet: string; cell: string; row: number } => ({ file, sheet, cell: cellAddress(row, col), row })

  // header block
  const labels = readLabels(grid, header.row)
  const unitName = labels.name?.value || undefined
  const formPeriod = labels.period?.value || undefined
  let period = options.period ?? formPeriod
  if (options.period !== undefined && formPeriod !== undefined && normalizeHeader(formPeriod) !== normalizeHeader(options.period)) {
    // "Năm 2024" and "2024" are the same period
    const digits = formPeriod.match(/\d{4}/)?.[0]
    if (digits !== options.period) {
      issues.push(fileIssue('period_mismatch', { file, sheet, cell: labels.period!.cell }, { found: formPeriod, expected: options.period }, formPeriod))
    }
  }
  if (period !== undefined && options.period === undefined) period = normalisePeriod(period)
  const packLabel = labels.pack?.value
  if (packLabel && !packLabel.startsWith(pack.id)) {
    // a form of another pack (a district's form scored as a commune's): nothing is scored
    // under the wrong pack, so the file is not scored; a form of another edition of the same
    // family (its year chooses the edition) or a label that names no pack is worth a warning
    const refused = otherPack(packLabel, pack)
    const issue = fileIssue('pack_mismatch', { file, sheet, cell: labels.pack!.cell }, { found: packLabel, expected: `${pack.id}@${pack.version}`, refused }, packLabel, refused ? 'error' : 'warning')
    if (refused) issues.push(issue)
    else warnings.push(issue)
  }
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')
  const unitId = options.unitId ?? (labels.id?.value || undefined) ?? (unitName ? slugify(unitName) : undefined) ?? (base ? slugify(base) : undefined)
  if (!unitId) issues.push(fileIssue('missing_unit', { file, sheet, ...(labels.id ? { cell: labels.id.cell } : {}) }))
  if (period === undefined || period === '') {
    issues.push(fileIssue('missing_column', { file, sheet, ...(labels.period ? { cell: labels.period.cell } : {}) }, { column: 'Kỳ đánh giá (năm)', columnEn: 'Kỳ đánh giá (period)' }))
  }

  // problems of the header block alone (no unit, no period): a blank template has only these
  const headerProblems = issues.length
  // rows
  const selfScores: Record<string, string> = {}
  const appraised: { code: string; points: string; reason: string; cell: string; row: number }[] = []
  const explanations: Record<string, string> = {}
  const evidenceByText = new Map<string, { doc: EvidenceInput & { criteria: string[] }; cell: string }>()
  /** path key → where it came from, for mapping core issues back to cells */
  const where = new Map<string, { cell: string; row: number; sheet?: string }>()
  const seenRow = new Map<string, number>()
  const innerFigures: { index: number; code: string; value: Exact; cell: string; row: number }[] = []
  let totalFigure: { value: Exact; cell: string; row: number } | undefined
  for (let r = header.dataStart; r <= grid.rowCount; r++) {
    const codeCell = grid.cell(r, cols.code!)
    if (codeCell?.mergedSlave) continue
    const selfCell = grid.cell(r, cols.self!)
    const apprCell = cols.appraised !== undefined ? grid.cell(r, cols.appraised) : undefined
    const hasSelf = !isBlank(selfCell?.value) && selfCell?.mergedSlave !== true
    const hasAppr = apprCell !== undefined && !isBlank(apprCell.value) && apprCell.mergedSlave !== true
    const code = codeOf(codeCell?.value)
    if (code === undefined) {
      const title = normalizeHeader(textOf(cols.title !== undefined ? grid.cell(r, cols.title)?.value : null))
      if ((hasSelf || hasAppr) && !/^(tong|cong)/.test(title)) {
        warnings.push(fileIssue('score_without_code', at(r, cols.code!), { row: r }, undefined, 'warning'))
      } else if (hasSelf && /^(tong|cong)/.test(title) && totalFigure === undefined) {
        // the "Tổng cộng" row: compared with the sum of the scores once every row is read
        const v = selfCell!.value
        const x = typeof v === 'number' || typeof v === 'string' ? parseScoreText(v) : undefined
        if (x !== undefined) totalFigure = { value: x, cell: cellAddress(r, cols.self!), row: r }
      }
      continue
    }
    // a row of column numbers under the header: (1) (2) (3) …
    if (/^\(?\d+\)$/.test(code) || /^\(\d+\)?$/.test(code)) continue
    const node = pack.node(code)
    if (!node || node.index === 0) {
      if (hasSelf || hasAppr) {
        issues.push(locate({ code: 'unknown_criterion', path: ['selfScores', code], value: code, message: unknownCriterionMessage(code, pack) }, at(r, cols.code!)))
      }
      continue
    }
    const first = seenRow.get(code)
    if (first !== undefined) {
      // a repeated code is an error when the row carries a score, else worth a warning
      if (hasSelf || hasAppr) issues.push(fileIssue('duplicate_row', at(r, cols.code!), { code, first }, code))
      else warnings.push(fileIssue('duplicate_row', at(r, cols.code!), { code, first }, code, 'warning'))
      continue
    }
    seenRow.set(code, r)
    if (cols.max !== undefined) {
      const mv = grid.cell(r, cols.max)?.value
      if (typeof mv === 'number' || (typeof mv === 'string' && mv.trim() !== '')) {
        const m = parseScoreText(mv)
        if (m !== undefined && !m.eq(node.maxPoints)) {
          warnings.push(fileIssue('max_mismatch', at(r, cols.max), { code, found: m.toString(), expected: node.maxPoints.toString() }, mv, 'warning'))
        }
      }
    }
    if (node.isLeaf) {
      if (hasSelf) {
        const s = readScore(selfCell!.value, at(r, cols.self!))
        if (!s.ok) issues.push(s.issue)
        else if (s.value !== undefined) {
          selfScores[code] = s.value.toString()
          where.set(`selfScores.${code}`, { cell: cellAddress(r, cols.self!), row: r })
        }
      }
      if (hasAppr) {
        const s = readScore(apprCell!.value, at(r, cols.appraised!))
        if (!s.ok) issues.push(s.issue)
        else if (s.value !== undefined) {
          const reasonText = cols.reason !== undefined ? textOf(grid.cell(r, cols.reason)?.value).trim() : ''
          appraised.push({ code, points: s.value.toString(), reason: reasonText || APPRAISAL_WITHOUT_REASON.vi, cell: cellAddress(r, cols.appraised!), row: r })
        }
      }
    } else if (hasSelf) {
      // inner rows usually hold the sum of their sub-criteria: points add up from the leaves;
      // the row's own figure is only compared with that sum once every row is read
      const v = selfCell!.value
      const x = typeof v === 'number' || typeof v === 'string' ? parseScoreText(v) : undefined
      if (x !== undefined) innerFigures.push({ index: node.index, code, value: x, cell: cellAddress(r, cols.self!), row: r })
    }
    if (cols.explanation !== undefined) {
      const ec = grid.cell(r, cols.explanation)
      const t = textOf(ec?.value).trim()
      if (t !== '') {
        explanations[code] = t
        where.set(`explanations.${code}`, { cell: cellAddress(r, cols.explanation), row: r })
      }
    }
    if (cols.evidence !== undefined) {
      const ec = grid.cell(r, cols.evidence)
      const t = textOf(ec?.value).trim()
      for (const part of splitEvidence(t)) {
        const known = evidenceByText.get(part)
        if (known) {
          if (!known.doc.criteria.includes(code)) known.doc.criteria.push(code)
          continue
        }
        const doc: EvidenceInput & { criteria: string[] } = { id: `tlkc-${evidenceByText.size + 1}`, title: part, criteria: [code] }
        const num = part.match(DOC_NUMBER)?.[0]
        if (num) doc.number = num
        if (ec?.link) doc.url = ec.link
        evidenceByText.set(part, { doc, cell: cellAddress(r, cols.evidence) })
      }
    }
  }

  const blank = Object.keys(selfScores).length === 0 && appraised.length === 0 && evidenceByText.size === 0 && Object.keys(explanations).length === 0
  if (blank && issues.length > 0 && issues.length === headerProblems) {
    // a blank template lying among the submissions: named as one, not as a unit without a name
    return { ok: false, issues: [fileIssue('blank_form', { file, sheet }, {}, undefined, 'warning')] }
  }

  // a score on a criterion the pack neutralises is not counted: said at its cell, with the reason
  const neutral = neutralisedCriteria(pack)
  for (const [code, v] of Object.entries(selfScores)) {
    const na = neutral.get(code)
    const at = where.get(`selfScores.${code}`)
    if (na && at && Number(v) !== 0) warnings.push(fileIssue('score_not_applicable', { file, sheet, cell: at.cell, row: at.row }, { code, value: String(v), reason: na.reason }, String(v), 'warning'))
  }
  // a "Tổng cộng" typed over its formula: the total is the sum of the criteria, said at the cell
  if (totalFigure !== undefined) {
    let sum = Exact.ZERO
    for (const v of Object.values(selfScores)) sum = sum.add(Exact.from(v))
    if (!sum.eq(totalFigure.value)) {
      warnings.push(
        fileIssue(
          'total_mismatch',
          { file, sheet, cell: totalFigure.cell, row: totalFigure.row },
          { value: totalFigure.value.toString(), sum: sum.toString() },
          totalFigure.value.toString(),
          'warning',
        ),
      )
    }
  }
  for (const f of innerFigures) {
    let sum = Exact.ZERO
    let any = false
    const walk = (i: number): void => {
      const n = pack.nodes[i]!
      if (n.isLeaf) {
        const v = selfScores[n.code]
        if (v !== undefined) {
          sum = sum.add(Exact.from(v))
          any = true
        }
      } else for (const c of n.children) walk(c)
    }
    walk(f.index)
    if (!sum.eq(f.value)) {
      warnings.push(fileIssue('score_on_inner_node', { file, sheet, cell: f.cell, row: f.row }, { code: f.code, value: f.value.toString(), sum: sum.toString(), any }, f.value.toString(), 'warning'))
    }
  }

  const assessment: {
    -readonly [K in keyof AssessmentInput]: AssessmentInput[K]
  } = { unitId: unitId === undefined ? '' : (normalizeUnitId(unitId) ?? unitId), period: period ?? '' }
  const kind = options.unitKind ?? kindFromName(unitName, pack.source.appliesTo) ?? pack.source.appliesTo?.[0] ?? 'unit'
  const group = options.group ?? (labels.group?.value || undefined)
  // a form that says it holds sample data keeps saying so in every output made from it
  const sample = labels.sample !== undefined && labels.sample.value !== '' && !/^(khong|no|false|0)$/.test(normalizeHeader(labels.sample.value))
  assessment.unit = {
    id: assessment.unitId || 'unknown',
    name: unitName ?? assessment.unitId ?? 'unknown',
    kind,
    ...(group ? { group } : {}),
    ...(sample ? { attributes: { sample: true } } : {}),
  }
  if (group) assessment.group = group
  if (Object.keys(selfScores).length > 0) assessment.selfScores = selfScores
  if (evidenceByText.size > 0) {
    assessment.evidence = [...evidenceByText.values()].map((e, i) => {
      where.set(`evidence.${i}`, { cell: e.cell, row: Number(e.cell.replace(/^[A-Z]+/, '')) })
      return e.doc
    })
  }
  if (Object.keys(explanations).length > 0) assessment.explanations = explanations
  // the unit's facts, hand-entered bonuses and deductions and appraisal rounds, on sheets of their own
  const extra = readFormSheets(grids, grid, pack, file, assessment.unitId || undefined)
  for (const i of extra.issues) (i.severity === 'warning' ? warnings : issues).push(i)
  const rounds = appraisalRounds(extra.appraisals ?? [], appraised, cols.appraised !== undefined ? seenRow : undefined, {
    reviewer: options.reviewer ?? 'Tổ thẩm định',
    at: period ?? '',
    file,
    sheet,
    column: cols.appraised,
    where,
    issues,
  })
  if (rounds.length > 0) assessment.appraisals = rounds
  if (extra.facts) assessment.facts = extra.facts
  if (extra.adjustments) assessment.adjustments = extra.adjustments
  for (const [k, v] of extra.where) where.set(k, v)
  // validate with the core — also when the form already has problems, so every problem is
  // reported at once — and map its issues back to cells
  const probe = { ...assessment, unitId: assessment.unitId || 'unknown', period: assessment.period || 'unknown' }
  if (probe.unit) probe.unit = { ...probe.unit, id: probe.unitId }
  const checked = safeEvaluate(pack, probe)
  if (!checked.ok) {
    for (const i of checked.issues) if (i.path[0] !== 'unitId' && i.path[0] !== 'period') issues.push(mapCoreIssue(i, where, labels, { file, sheet }))
  }
  // the unit a refused form names, so that its survey or facts rows are not called orphans
  if (issues.length > 0) return { ok: false, issues: sortByCell([...issues, ...warnings]), ...(assessment.unitId ? { unitId: assessment.unitId } : {}) }
  return { ok: true, value: assessment, warnings: sortByCell(warnings), sheet, blank, ...(labels.group ? { groupCell: labels.group.cell } : {}) }
}

/**
 * The appraisal rounds of a form: those on record on its appraisals sheet, then, as a new
 * round, the "Điểm thẩm định" cells that differ from what the record gives (an appraiser
 * types the new round into the column). A cell left empty where the record appraised the
 * criterion is refused: clearing a cell cannot undo a round on record. Without an
 * appraisals sheet the column is round 1, as forms filled by hand have it.
 */
function appraisalRounds(
  record: readonly SheetRound[],
  column: readonly { code: string; points: string; reason: string; cell: string; row: number }[],
  tableRows: ReadonlyMap<string, number> | undefined,
  ctx: {
    reviewer: string
    at: string
    file: string
    sheet: string
    column: number | undefined
    where: Map<string, { cell: string; row: number; sheet?: string }>
    issues: FileIssue[]
  },
): NonNullable<AssessmentInput['appraisals']> {
  const rounds: { round: number; reviewer: string; at: string; changes: { code: string; points: string; reason: string }[] }[] = []
  // each criterion's points after the rounds on record: its change in the last round that has one
  const last = new Map<string, { points: Exact; round: number; row: number; sheet: string }>()
  for (const r of record) {
    const index = rounds.length
    rounds.push({ round: r.round, reviewer: r.reviewer || ctx.reviewer, at: r.at || ctx.at, changes: r.changes })
    r.changes.forEach((c, k) => {
      const cells = r.cells[k]!
      ctx.where.set(`appraisals.${index}.changes.${k}`, { sheet: cells.sheet, cell: cells.points, row: cells.row })
      if (cells.reason !== undefined) ctx.where.set(`appraisals.${index}.changes.${k}.reason`, { sheet: cells.sheet, cell: cells.reason, row: cells.row })
      const p = parseScoreText(c.points)
      if (p !== undefined) last.set(c.code, { points: p, round: r.round, row: cells.row, sheet: cells.sheet })
    })
  }
  const fresh = column.filter((c) => {
    const known = last.get(c.code)
    return known === undefined || !known.points.eq(Exact.from(c.points))
  })
  if (tableRows !== undefined && ctx.column !== undefined) {
    const inColumn = new Set(column.map((c) => c.code))
    for (const [code, known] of last) {
      const row = tableRows.get(code)
      if (row === undefined || inColumn.has(code)) continue
      ctx.issues.push(
        fileIssue(
          'appraisal_cleared',
          { file: ctx.file, sheet: ctx.sheet, cell: cellAddress(row, ctx.column), row },
          { code, points: known.points.toString(), round: known.round, sheet: known.sheet, row: known.row },
          code,
        ),
      )
    }
  }
  if (fresh.length > 0) {
    const index = rounds.length
    const round = record.reduce((m, r) => Math.max(m, r.round), 0) + 1
    rounds.push({ round, reviewer: ctx.reviewer, at: ctx.at, changes: fresh.map(({ code, points, reason }) => ({ code, points, reason })) })
    fresh.forEach((c, k) => ctx.where.set(`appraisals.${index}.changes.${k}`, { cell: c.cell, row: c.row }))
  }
  return rounds
}

/**
 * Whether a form's "Bộ chỉ số" cell names a pack of another family than the one scoring
 * ("vn-cchc/district-2019@1.1.0" while scoring vn-cchc/commune-2019): a text shaped as a
 * pack id ("owner/name", "@version" optional) whose name is neither the pack's id, nor its
 * family, nor an edition of its family ("vn-cchc/commune-2025").
 */
function otherPack(label: string, pack: CompiledPack): boolean {
  const m = /^\s*([A-Za-z0-9][\w.-]*\/[\w.-]+?)(?:@\S+)?\s*$/.exec(label)
  if (!m) return false
  const id = m[1]!.toLowerCase()
  const family = typeof pack.source.family === 'string' ? pack.source.family.toLowerCase() : pack.id.toLowerCase().replace(/-\d{4}$/, '')
  return id !== pack.id.toLowerCase() && id !== family && !id.startsWith(`${family}-`)
}

/** Orders issues as a reader meets them: header block first, then row by row, left to right. */
function sortByCell(list: FileIssue[]): FileIssue[] {
  const key = (i: FileIssue): [number, number] => {
    const m = i.cell ? /^([A-Z]+)(\d+)$/.exec(i.cell) : null
    if (!m) return [i.row ?? 0, 0]
    let col = 0
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64
    return [Number(m[2]), col]
  }
  return list
    .map((i, k) => ({ i, k, r: key(i) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.k - b.k)
    .map((x) => x.i)
}

const NAME_KINDS: [RegExp, string][] = [
  [/^(xa)\b/, 'commune'],
  [/^(phuong)\b/, 'ward'],
  [/^(thi tran)\b/, 'township'],
  [/^(huyen|thi xa|thanh pho|quan)\b/, 'district'],
  [/^(so|ban)\b/, 'department'],
]

/** The unit kind a name starts with ("Phường Hòa Bình" → ward), when the pack applies to it. */
function kindFromName(name: string | undefined, appliesTo: readonly string[] | undefined): string | undefined {
  if (!name || !appliesTo) return undefined
  const n = normalizeHeader(name).replace(/^(uy ban nhan dan|ubnd)\s+/, '')
  for (const [re, kind] of NAME_KINDS) if (re.test(n) && appliesTo.includes(kind)) return kind
  return undefined
}

function unknownCriterionMessage(code: string, pack: CompiledPack): { vi: string; en: string } {
  return {
    vi: `Không có tiêu chí mã "${code}" trong bộ chỉ số ${pack.id}@${pack.version}`,
    en: `No criterion with code "${code}" in pack ${pack.id}@${pack.version}`,
  }
}

function mapCoreIssue(
  i: ChisoIssue,
  where: Map<string, { cell: string; row: number; sheet?: string }>,
  labels: Partial<Record<'name' | 'id' | 'period' | 'group' | 'pack' | 'sample', LabelValue>>,
  base: { file: string; sheet: string },
): FileIssue {
  const p = i.path
  let loc: { cell: string; row?: number; sheet?: string } | undefined
  for (let n = Math.min(p.length, 5); n >= 1 && !loc; n--) loc = where.get(p.slice(0, n).join('.'))
  if (!loc && p[0] === 'unitId' && labels.id) loc = { cell: labels.id.cell }
  if (!loc && p[0] === 'period' && labels.period) loc = { cell: labels.period.cell }
  if (!loc && p[0] === 'unit' && labels.name) loc = { cell: labels.name.cell }
  return locate(i, { ...base, ...(loc ? { cell: loc.cell, ...(loc.row !== undefined ? { row: loc.row } : {}), ...(loc.sheet !== undefined ? { sheet: loc.sheet } : {}) } : {}) })
}
