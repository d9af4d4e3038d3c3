/**
 * Reading the self-assessment workbook (.xlsx) that units fill in, through exceljs.
 */
import { readFile } from 'node:fs/promises'
import type { CompiledPack } from '@chiso/core'
import ExcelJS from 'exceljs'
import { readForm, type Grid, type GridCell, type GridValue, type ReadFormOptions, type ReadResult } from '../shared/form.js'
import { fileIssue } from '../shared/issues.js'

/** A file path, or the bytes of a file. */
export type FileInput = string | Uint8Array | ArrayBuffer

/** Options for {@link readAssessmentWorkbook}. */
export interface ReadWorkbookOptions extends ReadFormOptions {
  /** the name reported in issues when `file` is bytes (default "workbook.xlsx") */
  readonly fileName?: string
}

/** Loads bytes from a path or passes bytes through; reports a missing file as an issue. @internal */
export async function loadBytes(file: FileInput, fileName: string): Promise<{ bytes: Uint8Array } | { issue: ReturnType<typeof fileIssue> }> {
  if (typeof file === 'string') {
    try {
      return { bytes: new Uint8Array(await readFile(file)) }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return { issue: fileIssue('file_not_found', { file: fileName }, { file: fileName }) }
      return { issue: fileIssue('not_a_workbook', { file: fileName }, { detail: (e as Error).message }) }
    }
  }
  return { bytes: file instanceof Uint8Array ? file : new Uint8Array(file) }
}

function gridValue(v: ExcelJS.CellValue): { value: GridValue; link?: string } {
  if (v === null || v === undefined) return { value: null }
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return { value: v }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return { value: v.richText.map((t) => t.text).join('') }
    if ('hyperlink' in v) {
      const text = typeof v.text === 'string' ? v.text : gridValue(v.text as ExcelJS.CellValue).value
      return { value: typeof text === 'string' ? text : String(text ?? ''), link: v.hyperlink }
    }
    if ('error' in v) return { value: { error: String(v.error) } }
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue
      const formula = 'formula' in f && f.formula !== undefined ? f.formula : (f as ExcelJS.CellSharedFormulaValue).sharedFormula
      if (f.result === undefined || f.result === null) return { value: { formula: `=${formula}`, noResult: true } }
      const r = f.result as unknown
      if (typeof r === 'object' && r !== null && 'error' in r) return { value: { error: String((r as { error: unknown }).error) } }
      return gridValue(r as ExcelJS.CellValue)
    }
  }
  return { value: String(v) }
}

/**
 * A worksheet as a grid of values: formulas give their cached result, rich text its
 * plain text, merged cells the master's value (flagged as merged).
 * @internal
 */
export function worksheetGrid(ws: ExcelJS.Worksheet): Grid {
  const rowCount = ws.rowCount
  const colCount = Math.max(ws.columnCount, ws.actualColumnCount)
  const cache = new Map<number, GridCell | undefined>()
  return {
    name: ws.name,
    rowCount,
    colCount,
    cell(row, col) {
      const key = row * 16384 + col
      if (cache.has(key)) return cache.get(key)
      const c = ws.findCell(row, col)
      let out: GridCell | undefined
      if (c) {
        const slave = c.isMerged && c.master.address !== c.address
        const src = slave ? c.master : c
        const g = gridValue(src.value)
        const isFormula = typeof src.value === 'object' && src.value !== null && ('formula' in src.value || 'sharedFormula' in src.value)
        out = { value: g.value, ...(g.link !== undefined ? { link: g.link } : {}), ...(slave ? { mergedSlave: true } : {}), ...(isFormula ? { formula: true } : {}) }
      }
      cache.set(key, out)
      return out
    },
  }
}

/** Opens a workbook, or returns the issue explaining why it can't be. @internal */
export async function openWorkbook(file: FileInput, fileName: string): Promise<{ wb: ExcelJS.Workbook } | { issue: ReturnType<typeof fileIssue> }> {
  const loaded = await loadBytes(file, fileName)
  if ('issue' in loaded) return loaded
  const bytes = loaded.bytes
  if (bytes.length === 0) return { issue: fileIssue('empty_file', { file: fileName }) }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b
  if (!isZip) {
    const isOle = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0
    return {
      issue: fileIssue('not_a_workbook', { file: fileName }, {
        detail: isOle ? 'tệp .xls (Excel 97-2003) — hãy lưu lại thành .xlsx / an old .xls file — save it as .xlsx' : 'không phải định dạng Office Open XML / not Office Open XML',
      }),
    }
  }
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  } catch (e) {
    return { issue: fileIssue('not_a_workbook', { file: fileName }, { detail: (e as Error).message }) }
  }
  return { wb }
}

/**
 * Reads a unit's self-assessment workbook — the usual form with columns STT, Tiêu chí,
 * Điểm tối đa, Điểm tự đánh giá, Tài liệu kiểm chứng, Giải trình (and optionally Điểm
 * thẩm định / Lý do) — into an assessment for the pack. Headers match with or without
 * diacritics; scores may be typed as 0.5 or "0,5"; formula cells give their cached
 * result; merged cells are understood. Criterion codes come from the STT column.
 *
 * Every problem is reported at once, each with file, sheet and cell, including the core's
 * validation issues (score above the maximum, unknown criterion …) mapped back to their
 * cells.
 *
 * @example
 * ```ts
 * import { compilePack } from '@chiso/core'
 * import { readAssessmentWorkbook } from '@chiso/adapters/xlsx'
 * const r = await readAssessmentWorkbook('submissions/xa-thanh-xa.xlsx', pack, { period: '2024' })
 * if (r.ok) console.log(r.value.selfScores)
 * else for (const i of r.issues) console.log(`${i.file} › ${i.sheet} › ${i.cell}: ${i.message.vi}`)
 * ```
 */
export async function readAssessmentWorkbook(file: FileInput, pack: CompiledPack, options: ReadWorkbookOptions = {}): Promise<ReadResult> {
  const fileName = options.fileName ?? (typeof file === 'string' ? file : 'workbook.xlsx')
  const opened = await openWorkbook(file, fileName)
  if ('issue' in opened) return { ok: false, issues: [opened.issue] }
  const grids = opened.wb.worksheets.map(worksheetGrid)
  return readForm(grids, pack, options, fileName)
}
